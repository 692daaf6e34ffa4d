import type { ArgumentMetadata } from '@nestjs/common';
import { AnalyzeComplaintBody } from '../analyze-complaint/analyze-complaint.dto';
import { ListComplaintsQuery } from '../complaint-views/complaint-view.dto';
import { ConfirmComplaintBody } from '../confirm-complaint/confirm-complaint.dto';
import { ConfirmDeliveryBody } from '../confirm-delivery/confirm-delivery.dto';
import { RecordCallAttemptBody } from '../record-call-attempt/record-call-attempt.dto';
import { AppealComplaintBody, RateComplaintBody, ReviewAppealBody } from '../complaint-feedback/complaint-feedback.dto';
import { DecideFollowUpBody } from '../decide-follow-up/decide-follow-up.dto';
import { DismissComplaintBody } from '../dismiss-complaint/dismiss-complaint.dto';
import { DisposeComplaintBody, DispositionLineDto } from '../dispose-complaint/dispose-complaint.dto';
import { toProblem } from '../http/problem-details.filter';
import { createValidationPipe } from '../http/validation';
import { IssueTeamDecreeBody, TeamMemberDto } from '../issue-team-decree/issue-team-decree.dto';
import { LoginBody } from '../login/login.dto';
import { RespondAsSectionBody } from '../respond-as-section/respond-as-section.dto';
import { WriteFollowUpInformationBody } from '../write-follow-up-information/write-follow-up-information.dto';

type Dto = ArgumentMetadata['metatype'];

/** The fields the pipe names for `value`, sorted; [] when it passes. */
async function badFields(metatype: Dto, value: unknown, type: ArgumentMetadata['type'] = 'body'): Promise<string[]> {
  try {
    await createValidationPipe().transform(value, { type, metatype });
    return [];
  } catch (err) {
    return (toProblem(err, '/x').problem.errors ?? []).map((e) => e.field).sort();
  }
}

const member = { name: 'Budi Santoso', nip: '198503122010121002', position: 'Kepala Seksi Inteldakim', teamRole: 'KETUA' };

describe('the bodies of the SOP commands', () => {
  it.each<[string, Dto, unknown]>([
    ['a confirmation', ConfirmComplaintBody, { classificationCode: '03', summary: 'Pungutan di loket', anonymous: false, confidential: true }],
    ['a dismissal as duplicate', DismissComplaintBody, { reason: 'DUPLICATE', duplicateOf: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f', note: 'sama' }],
    ['a disposition to two sections', DisposeComplaintBody, { lines: [{ sectionCode: 'INTELDAKIM', instructions: ['TINDAK_LANJUTI', 'KOORDINASIKAN'] }, { sectionCode: 'LANTASKIM', instructions: ['UNTUK_DIKETAHUI'], note: 'x' }], note: 'Segera' }],
    ["a section's response", RespondAsSectionBody, { response: 'Sudah diperiksa' }],
    ['an analysis', AnalyzeComplaintBody, { findings: 'Terbukti', substantiated: 'PARTLY', classificationCode: '01', severity: 'HIGH', recommendation: 'Bentuk tim' }],
    ['a follow-up decision', DecideFollowUpBody, { decision: 'NO_FOLLOW_UP', reason: 'Tidak terbukti' }],
    ['a team decree', IssueTeamDecreeBody, { decreeDate: '2026-03-16', members: [member], mandate: 'Periksa', periodStartDate: '2026-03-16', periodEndDate: '2026-04-15' }],
    ['the follow-up information', WriteFollowUpInformationBody, { text: 'Aduan Anda telah ditindaklanjuti.' }],
    ['a delivery by phone', ConfirmDeliveryBody, { method: 'PHONE_CALL', deliveredAt: '2026-03-17T10:15:00+07:00' }],
    ['the tracking number told by phone (docs/adr/0051)', ConfirmDeliveryBody, { purpose: 'ACKNOWLEDGEMENT', method: 'PHONE_CALL', deliveredAt: '2026-03-17T10:15:00+07:00' }],
    ['a call about the dismissal notice that did not reach the reporter', RecordCallAttemptBody, { purpose: 'DISMISSAL_NOTICE', outcome: 'NOT_REACHABLE', retryAt: '2026-03-18T09:00:00+07:00' }],
    ['a call about the acknowledgement given up', RecordCallAttemptBody, { purpose: 'ACKNOWLEDGEMENT', outcome: 'GIVE_UP', reason: 'Nomor tidak aktif' }],
    ['a rating told by phone (docs/adr/0053)', RateComplaintBody, { rating: 1, comment: 'Tidak puas' }],
    ['an appeal without a reason', AppealComplaintBody, {}],
    ['a review that sends the complaint back to step 3', ReviewAppealBody, { decision: 'REDISPOSE' }],
    ['a review that upholds the answer', ReviewAppealBody, { decision: 'UPHOLD', reason: 'Sesuai ketentuan' }],
    ['a login', LoginBody, { username: 'admin.tikkim', password: 'secret' }],
  ])('accepts %s', async (_, dto, body) => {
    expect(await badFields(dto, body)).toEqual([]);
  });

  it('names every bad field of a confirmation, including a classification outside Permen PAN 5/2009', async () => {
    expect(await badFields(ConfirmComplaintBody, { classificationCode: '11', summary: '', anonymous: 'no' })).toEqual(['anonymous', 'classificationCode', 'confidential', 'summary']);
  });

  it('refuses a dismissal reason the SOP does not know and a duplicate that is no complaint id', async () => {
    expect(await badFields(DismissComplaintBody, { reason: 'RUDE', duplicateOf: 'BLP-2026-000001' })).toEqual(['duplicateOf', 'reason']);
  });

  it('names the bad line of a disposition and an unknown instruction', async () => {
    expect(await badFields(DisposeComplaintBody, { lines: [] })).toEqual(['lines']);
    expect(await badFields(DisposeComplaintBody, { lines: [{ sectionCode: 'INTELDAKIM', instructions: ['TINDAK_LANJUTI'] }, { sectionCode: 'lantaskim', instructions: ['SEGERA'] }] })).toEqual([
      'lines.1.instructions',
      'lines.1.sectionCode',
    ]);
  });

  it('names a bad team member and calendar dates that do not exist', async () => {
    expect(
      await badFields(IssueTeamDecreeBody, {
        decreeDate: '2026-02-30',
        members: [{ ...member, nip: '1985', teamRole: 'WAKIL' }],
        mandate: 'Periksa',
        periodStartDate: '16-03-2026',
        periodEndDate: '2026-04-15',
      }),
    ).toEqual(['decreeDate', 'members.0.nip', 'members.0.teamRole', 'periodStartDate']);
  });

  it('refuses a delivery time without an offset and a method the SOP does not know', async () => {
    expect(await badFields(ConfirmDeliveryBody, { method: 'CARRIER_PIGEON', deliveredAt: '2026-03-17 10:15' })).toEqual(['deliveredAt', 'method']);
  });

  it('refuses a notice the platform does not send (docs/adr/0051)', async () => {
    expect(await badFields(ConfirmDeliveryBody, { purpose: 'RECEIPT', method: 'PHONE_CALL', deliveredAt: '2026-03-17T10:15:00+07:00' })).toEqual(['purpose']);
    expect(await badFields(RecordCallAttemptBody, { purpose: 'ACK', outcome: 'NOT_REACHABLE', retryAt: '2026-03-18T09:00:00+07:00' })).toEqual(['purpose']);
  });

  it('refuses a rating outside 1-5 or not whole, and an upheld appeal without a reason (docs/adr/0053)', async () => {
    for (const rating of [0, 6, 2.5, '5']) expect(await badFields(RateComplaintBody, { rating })).toEqual(['rating']);
    expect(await badFields(ReviewAppealBody, { decision: 'UPHOLD' })).toEqual(['reason']);
    expect(await badFields(ReviewAppealBody, { decision: 'RESTART' })).toEqual(['decision']);
  });

  it('refuses a section field in a section response: the section is the officer’s own', async () => {
    expect(await badFields(RespondAsSectionBody, { response: 'ok', sectionCode: 'INTELDAKIM' })).toEqual(['sectionCode']);
  });

  it('refuses a password longer than 256 characters before anything hashes it', async () => {
    expect(await badFields(LoginBody, { username: 'admin.tikkim', password: 'x'.repeat(257) })).toEqual(['password']);
  });

  it('builds nested lines and members as their classes', async () => {
    const dispose = (await createValidationPipe().transform({ lines: [{ sectionCode: 'TU', instructions: ['TINDAK_LANJUTI'] }] }, { type: 'body', metatype: DisposeComplaintBody })) as DisposeComplaintBody;
    expect(dispose.lines[0]).toBeInstanceOf(DispositionLineDto);
    const decree = (await createValidationPipe().transform(
      { decreeDate: '2026-03-16', members: [member], mandate: 'Periksa', periodStartDate: '2026-03-16', periodEndDate: '2026-04-15' },
      { type: 'body', metatype: IssueTeamDecreeBody },
    )) as IssueTeamDecreeBody;
    expect(decree.members[0]).toBeInstanceOf(TeamMemberDto);
  });
});

describe('the complaint list query', () => {
  it('accepts every filter and converts limit and offset to numbers', async () => {
    const query = { status: 'DISPOSED', channel: 'WHATSAPP', classificationCode: '03', from: '2026-03-01T00:00:00+07:00', to: '2026-04-01T00:00:00+07:00', q: 'paspor', limit: '20', offset: '40' };
    await expect(createValidationPipe().transform(query, { type: 'query', metatype: ListComplaintsQuery })).resolves.toMatchObject({ limit: 20, offset: 40 });
  });

  it('names each bad filter, and refuses an office filter (the office is the officer’s)', async () => {
    expect(await badFields(ListComplaintsQuery, { status: 'OPEN', channel: 'PIGEON', from: 'yesterday', offset: '-1', officeCode: 'TPI' }, 'query')).toEqual([
      'channel',
      'from',
      'officeCode',
      'offset',
      'status',
    ]);
  });
});
