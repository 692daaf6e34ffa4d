import { parseEnvelope } from '@pengaduan/contracts';
import { refusal } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { kepalaKantor, sectionOfficer, startDispositionTestKit, type DispositionTestKit } from '../__fixtures__/disposition-test-kit';
import type { RespondAsSectionCommand } from './respond-as-section.command';

let kit: DispositionTestKit;

beforeAll(async () => {
  kit = await startDispositionTestKit();
});

afterAll(async () => {
  await kit?.stop();
});

/** A complaint of a fresh office, dispositioned to INTELDAKIM and LANTASKIM. */
async function disposedComplaint(): Promise<{ complaintId: string; office: string }> {
  const office = await kit.newOffice();
  const complaintId = await kit.confirmedComplaint(office);
  await kit.dispose.execute({
    requestId: randomUUID(), complaintId, actor: kepalaKantor, actorOffice: office,
    lines: [
      { sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN'] },
      { sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI'] },
    ],
    correlationId: randomUUID(),
  });
  return { complaintId, office };
}

function response(complaintId: string, office: string, sectionCode: string, overrides: Partial<RespondAsSectionCommand> = {}): RespondAsSectionCommand {
  return {
    requestId: randomUUID(), complaintId, actor: sectionOfficer(sectionCode), actorOffice: office,
    sectionCode,
    response: `Seksi ${sectionCode} telah memeriksa loket dan menegur petugas yang bersangkutan.`,
    correlationId: randomUUID(),
    ...overrides,
  };
}

async function eventsOf(complaintId: string) {
  const rows = (await kit.runtime.dataSource.query('SELECT body FROM outbox WHERE message_key = $1 ORDER BY seq', [complaintId])) as { body: string }[];
  return rows.map((r) => {
    const parsed = parseEnvelope(r.body);
    if (!parsed.ok) throw new Error(`invalid event in the outbox: ${parsed.reason}`);
    return parsed;
  });
}

describe('the dispositioned sections respond (SOP step 3)', () => {
  it('the first section’s response keeps the complaint DISPOSED; the last one completes the disposition', async () => {
    const { complaintId, office } = await disposedComplaint();

    const first = await kit.respond.execute(response(complaintId, office, 'LANTASKIM'));
    expect(first.outcome).toEqual({ complaintId, status: 'DISPOSED', eventIds: [expect.any(String)], version: 4 });
    expect(await kit.status(complaintId)).toBe('DISPOSED');

    const last = await kit.respond.execute(response(complaintId, office, 'INTELDAKIM'));
    expect(last.outcome).toEqual({ complaintId, status: 'SECTION_PROCESSED', eventIds: [expect.any(String), expect.any(String)], version: 6 });
    expect(await kit.status(complaintId)).toBe('SECTION_PROCESSED');

    const events = await eventsOf(complaintId);
    expect(events.map((e) => e.type)).toEqual(['complaint.disposed', 'complaint.section-responded', 'complaint.section-responded', 'complaint.disposition-completed']);
    expect(events.slice(2).map((e) => e.envelope.id)).toEqual(last.outcome.eventIds);
    const [, lantaskim, inteldakim, completed] = events;
    if (lantaskim.type !== 'complaint.section-responded' || inteldakim.type !== 'complaint.section-responded' || completed.type !== 'complaint.disposition-completed') {
      throw new Error('unexpected event types');
    }
    expect([lantaskim.payload.sectionCode, inteldakim.payload.sectionCode]).toEqual(['LANTASKIM', 'INTELDAKIM']);
    expect(inteldakim.envelope).toMatchObject({ actor: 'SEKSI_TERKAIT:u-inteldakim-1', actorsection: 'INTELDAKIM' });
    expect(completed.payload.sectionCodes).toEqual(['INTELDAKIM', 'LANTASKIM']);
  });

  it('refuses an officer of another section responding for a dispositioned one (403)', async () => {
    const { complaintId, office } = await disposedComplaint();

    const error = await refusal(
      kit.respond.execute(response(complaintId, office, 'LANTASKIM', { requestId: randomUUID(), complaintId, actor: sectionOfficer('INTELDAKIM'), actorOffice: office })),
    );

    expect(error).toMatchObject({ kind: 'forbidden', code: 'COMPLAINT.FORBIDDEN_ROLE' });
    expect(await eventsOf(complaintId)).toHaveLength(1);
  });

  it('refuses a section the complaint was not dispositioned to, naming the field (400, as libs/sop says)', async () => {
    const { complaintId, office } = await disposedComplaint();

    const error = await refusal(kit.respond.execute(response(complaintId, office, 'INTALTUSKIM')));

    expect(error).toMatchObject({ kind: 'invalid', code: 'COMPLAINT.INVALID_COMMAND', details: { state: 'DISPOSED' } });
    expect(error.details.fieldViolations?.map((v) => v.field)).toEqual(['sectionCode']);
    expect(await kit.status(complaintId)).toBe('DISPOSED');
  });

  it('refuses a second response of the same section (400), and an empty response (400)', async () => {
    const { complaintId, office } = await disposedComplaint();
    await kit.respond.execute(response(complaintId, office, 'LANTASKIM'));

    const again = await refusal(kit.respond.execute(response(complaintId, office, 'LANTASKIM')));
    const empty = await refusal(kit.respond.execute(response(complaintId, office, 'INTELDAKIM', { response: '   ' })));

    expect(again.details.fieldViolations?.map((v) => v.field)).toEqual(['sectionCode']);
    expect(empty.details.fieldViolations?.map((v) => v.field)).toEqual(['response']);
    expect(await kit.status(complaintId)).toBe('DISPOSED');
  });

  it('refuses a response before the complaint is dispositioned (409 with the state)', async () => {
    const office = await kit.newOffice();
    const complaintId = await kit.confirmedComplaint(office);

    const error = await refusal(kit.respond.execute(response(complaintId, office, 'LANTASKIM')));

    expect(error).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.ILLEGAL_TRANSITION', details: { state: 'CONFIRMED', availableActions: [] } });
  });

  it('answers a retried response with the same result and records it once', async () => {
    const { complaintId, office } = await disposedComplaint();
    const first = response(complaintId, office, 'LANTASKIM');

    const a = await kit.respond.execute(first);
    const b = await kit.respond.execute({ ...first, correlationId: randomUUID() });

    expect(b).toEqual(a);
    expect((await eventsOf(complaintId)).map((e) => e.type)).toEqual(['complaint.disposed', 'complaint.section-responded']);
  });
});
