import { TeamRole, type IssueTeamDecreeRequestSchema, type TeamMemberSchema } from '@pengaduan/contracts';
import { eventually, storedDocument } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { actors, historyUntil, randomOfficeCode, type ComplaintHistory } from '@pengaduan/testing';
import { SettableClock } from '@pengaduan/runtime';
import { GrpcRefusal, refusal, type Init } from '@pengaduan/testing';
import { startTeamDecree, type TestTeamDecree } from '../__fixtures__/team-decree-app';

type Request = Init<typeof IssueTeamDecreeRequestSchema>;
type Member = Init<typeof TeamMemberSchema>;
type Officer = { userId: string; role: string };

const ketua: Member = { name: 'Budi Santoso', nip: '198001012005011001', position: 'Kepala Seksi Inteldakim', teamRole: TeamRole.KETUA, userId: 'u-budi' };
const sekretaris: Member = { name: 'Siti Aminah', nip: '198502022010012002', position: 'Analis Keimigrasian', teamRole: TeamRole.SEKRETARIS };
const anggota: Member = { name: 'Andi Wijaya', nip: '199003032015031003', position: 'Pemeriksa Keimigrasian', teamRole: TeamRole.ANGGOTA };

const NOON_WIB = new Date('2026-03-02T05:00:00Z');
const clock = new SettableClock(NOON_WIB);
let teamDecree: TestTeamDecree;

beforeAll(async () => {
  teamDecree = await startTeamDecree({ clock });
});

afterAll(async () => {
  await teamDecree?.stop();
});

afterEach(() => {
  clock.set(NOON_WIB);
});

function request(history: ComplaintHistory, overrides: Partial<Request> = {}, officer: Officer = actors.kepalaKantor, officeCode = history.officeCode): Request {
  return {
    context: { requestId: randomUUID(), complaintId: history.complaintId, actor: { userId: officer.userId, role: officer.role, officeCode } },
    decreeDate: '2026-03-02',
    members: [ketua, sekretaris, anggota],
    mandate: 'Memeriksa dugaan pungutan liar di loket paspor dan melaporkan hasilnya kepada Kepala Kantor',
    periodStartDate: '2026-03-02',
    periodEndDate: '2026-03-31',
    ...overrides,
  };
}

async function seeded(status: Parameters<typeof historyUntil>[0], officeCode?: string): Promise<ComplaintHistory> {
  const history = historyUntil(status, { officeCode });
  await teamDecree.seed(history);
  return history;
}

async function decrees(complaintId: string): Promise<Record<string, unknown>[]> {
  return teamDecree.runtime.dataSource.query(
    `SELECT decree_number, to_char(decree_date, 'YYYY-MM-DD') AS decree_date, members, mandate,
            to_char(period_start_date, 'YYYY-MM-DD') AS period_start_date, to_char(period_end_date, 'YYYY-MM-DD') AS period_end_date,
            issued_by, issued_at, request_id
       FROM team_decree WHERE complaint_id = $1`,
    [complaintId],
  );
}

/** The number the next decree of the office gets: shows which numbers a refused command left untouched. */
async function nextNumberOf(officeCode: string): Promise<string> {
  const history = await seeded('FOLLOW_UP_DECIDED', officeCode);
  const response = await teamDecree.client.call('issueTeamDecree', request(history));
  return response.decreeNumber;
}

describe('kepala kantor issues the SK Tim Penanganan Aduan of a complaint to be followed up (SOP step 6)', () => {
  it('numbers the decree, moves the complaint to TEAM_FORMED and publishes complaint.team-formed with the team', async () => {
    const history = await seeded('FOLLOW_UP_DECIDED');
    const req = request(history);

    const response = await teamDecree.client.call('issueTeamDecree', req);

    const number = `SK/${history.officeCode}/2026/000001`;
    const events = await teamDecree.outbox(history.complaintId);
    expect(events.map((e) => e.type)).toEqual(['complaint.team-formed']);
    expect(response).toMatchObject({ decreeNumber: number, outcome: { complaintId: history.complaintId, status: 'TEAM_FORMED', eventIds: [events[0].envelope.id] } });
    expect(events[0].envelope).toMatchObject({
      source: 'pengaduan/team-decree',
      subject: history.complaintId,
      office: history.officeCode,
      actor: 'KEPALA_KANTOR:u-kepala-kantor',
      causationid: req.context?.requestId,
      time: NOON_WIB.toISOString(),
    });
    expect(events[0].payload).toMatchObject({
      decreeNumber: number,
      decreeDate: '2026-03-02',
      members: [
        expect.objectContaining({ name: 'Budi Santoso', nip: '198001012005011001', position: 'Kepala Seksi Inteldakim', teamRole: TeamRole.KETUA, userId: 'u-budi' }),
        expect.objectContaining({ name: 'Siti Aminah', nip: '198502022010012002', teamRole: TeamRole.SEKRETARIS }),
        expect.objectContaining({ name: 'Andi Wijaya', nip: '199003032015031003', teamRole: TeamRole.ANGGOTA }),
      ],
      mandate: req.mandate,
      periodStartDate: '2026-03-02',
      periodEndDate: '2026-03-31',
    });
    // The SK under the same number, stored with the decree; the event carries its hash.
    const doc = await storedDocument(teamDecree.runtime.dataSource, history.complaintId, 'SK_TIM_PENANGANAN_ADUAN');
    expect(doc).toMatchObject({ intact: true, number });
    expect(events[0].payload).toMatchObject({ documentSha256: doc?.sha256 });
    expect(await teamDecree.status(history.complaintId)).toBe('TEAM_FORMED');
  });

  it('keeps the decree for its document', async () => {
    const history = await seeded('FOLLOW_UP_DECIDED');
    const req = request(history, { members: [ketua, anggota] });

    await teamDecree.client.call('issueTeamDecree', req);

    expect(await decrees(history.complaintId)).toEqual([
      {
        decree_number: `SK/${history.officeCode}/2026/000001`,
        decree_date: '2026-03-02',
        members: [
          { nip: ketua.nip, name: ketua.name, position: ketua.position, role: 'KETUA', userId: 'u-budi' },
          { nip: anggota.nip, name: anggota.name, position: anggota.position, role: 'ANGGOTA' },
        ],
        mandate: req.mandate,
        period_start_date: '2026-03-02',
        period_end_date: '2026-03-31',
        issued_by: 'KEPALA_KANTOR:u-kepala-kantor',
        issued_at: NOON_WIB,
        request_id: req.context?.requestId,
      },
    ]);
  });

  it('answers a retried request with the same decree number, one event, and no number used up', async () => {
    const history = await seeded('FOLLOW_UP_DECIDED');
    const req = request(history);

    const first = await teamDecree.client.call('issueTeamDecree', req);
    const again = await teamDecree.client.call('issueTeamDecree', req);

    expect(again).toEqual(first);
    expect(await teamDecree.outbox(history.complaintId)).toHaveLength(1);
    expect(await nextNumberOf(history.officeCode)).toBe(`SK/${history.officeCode}/2026/000002`);
  });

  it('gives gap-free numbers to concurrent decrees, even when some are refused and give their number back', async () => {
    const officeCode = randomOfficeCode();
    const good = await Promise.all(Array.from({ length: 12 }, () => seeded('FOLLOW_UP_DECIDED', officeCode)));
    const bad = await Promise.all(Array.from({ length: 4 }, () => seeded('FOLLOW_UP_DECIDED', officeCode)));
    const twoLeaders = [ketua, { ...sekretaris, teamRole: TeamRole.KETUA }];

    const results = await Promise.allSettled([
      ...good.map((h) => teamDecree.client.call('issueTeamDecree', request(h))),
      ...bad.map((h) => teamDecree.client.call('issueTeamDecree', request(h, { members: twoLeaders }))),
    ]);

    const numbers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.decreeNumber] : [])).sort();
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `SK/${officeCode}/2026/${String(i + 1).padStart(6, '0')}`));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as GrpcRefusal] : []));
    expect(refused.map((e) => e.statusName)).toEqual(['INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT']);
    expect(await nextNumberOf(officeCode)).toBe(`SK/${officeCode}/2026/000013`);
  });

  it('numbers by the year in WIB: 31 December 17:30 UTC is already 2027 in Batam', async () => {
    const officeCode = randomOfficeCode();
    const late2026 = await seeded('FOLLOW_UP_DECIDED', officeCode);
    const early2027 = await seeded('FOLLOW_UP_DECIDED', officeCode);

    clock.set(new Date('2026-12-31T16:30:00Z')); // 23:30 WIB
    const a = await teamDecree.client.call('issueTeamDecree', request(late2026, { decreeDate: '2026-12-31' }));
    clock.set(new Date('2026-12-31T17:30:00Z')); // 00:30 WIB, 1 January 2027
    const b = await teamDecree.client.call('issueTeamDecree', request(early2027, { decreeDate: '2027-01-01', periodStartDate: '2027-01-01', periodEndDate: '2027-01-31' }));

    expect([a.decreeNumber, b.decreeNumber]).toEqual([`SK/${officeCode}/2026/000001`, `SK/${officeCode}/2027/000001`]);
  });
});

describe('what the head of office may not decree', () => {
  it('lets nobody but kepala kantor issue the decree (PERMISSION_DENIED), and uses no number', async () => {
    const history = await seeded('FOLLOW_UP_DECIDED');

    const error = await refusal(teamDecree.client.call('issueTeamDecree', request(history, {}, actors.adminTikkim)), GrpcRefusal);

    expect(error).toMatchObject({ statusName: 'PERMISSION_DENIED', code: 'COMPLAINT.FORBIDDEN_ROLE', details: { state: 'FOLLOW_UP_DECIDED' } });
    expect(await teamDecree.outbox(history.complaintId)).toEqual([]);
    expect(await decrees(history.complaintId)).toEqual([]);
    expect(await teamDecree.status(history.complaintId)).toBe('FOLLOW_UP_DECIDED');
    expect(await nextNumberOf(history.officeCode)).toBe(`SK/${history.officeCode}/2026/000001`);
  });

  it('forms no team for a complaint decided not to be followed up (FAILED_PRECONDITION), naming its state and what kepala kantor may do', async () => {
    const history = historyUntil('NO_FOLLOW_UP_DECIDED', { decision: 'NO_FOLLOW_UP' });
    await teamDecree.seed(history);

    const error = await refusal(teamDecree.client.call('issueTeamDecree', request(history)), GrpcRefusal);

    expect(error).toMatchObject({
      statusName: 'FAILED_PRECONDITION',
      code: 'COMPLAINT.ILLEGAL_TRANSITION',
      details: { state: 'NO_FOLLOW_UP_DECIDED', availableActions: [] },
    });
    expect(await decrees(history.complaintId)).toEqual([]);
    expect(await nextNumberOf(history.officeCode)).toBe(`SK/${history.officeCode}/2026/000001`);
  });

  it('issues no second decree for a team already formed', async () => {
    const history = await seeded('FOLLOW_UP_DECIDED');
    await teamDecree.client.call('issueTeamDecree', request(history));

    const error = await refusal(teamDecree.client.call('issueTeamDecree', request(history)), GrpcRefusal);

    expect(error).toMatchObject({ statusName: 'FAILED_PRECONDITION', details: { state: 'TEAM_FORMED' } });
    expect(await decrees(history.complaintId)).toHaveLength(1);
  });

  it('rejects a bad NIP, an UNSPECIFIED role, a period ending before it starts and a future date, naming each field', async () => {
    const history = await seeded('FOLLOW_UP_DECIDED');
    const bad = request(history, {
      decreeDate: '2026-03-03',
      members: [ketua, { ...sekretaris, nip: '1985-0202' }, { ...anggota, teamRole: TeamRole.UNSPECIFIED }],
      mandate: ' ',
      periodStartDate: '2026-03-31',
      periodEndDate: '2026-03-02',
    });

    const error = await refusal(teamDecree.client.call('issueTeamDecree', bad), GrpcRefusal);

    expect(error.statusName).toBe('INVALID_ARGUMENT');
    expect(error.details.fieldViolations?.map((v) => v.field).sort()).toEqual(['decreeDate', 'mandate', 'members[1].nip', 'members[2].teamRole', 'periodEndDate']);
    expect(await teamDecree.status(history.complaintId)).toBe('FOLLOW_UP_DECIDED');
  });

  it('rejects a team with two KETUA (libs/sop), and gives the number back', async () => {
    const history = await seeded('FOLLOW_UP_DECIDED');

    const error = await refusal(teamDecree.client.call('issueTeamDecree', request(history, { members: [ketua, { ...anggota, teamRole: TeamRole.KETUA }] })), GrpcRefusal);

    expect(error).toMatchObject({ statusName: 'INVALID_ARGUMENT', code: 'COMPLAINT.INVALID_COMMAND' });
    expect(error.details.fieldViolations).toEqual([{ field: 'members', description: expect.stringContaining('exactly one KETUA') }]);
    expect(await decrees(history.complaintId)).toEqual([]);
    expect(await nextNumberOf(history.officeCode)).toBe(`SK/${history.officeCode}/2026/000001`);
  });

  it('rejects a team naming the same officer (NIP) twice', async () => {
    const history = await seeded('FOLLOW_UP_DECIDED');

    const error = await refusal(teamDecree.client.call('issueTeamDecree', request(history, { members: [ketua, { ...anggota, nip: ketua.nip }] })), GrpcRefusal);

    expect(error).toMatchObject({ statusName: 'INVALID_ARGUMENT', details: { fieldViolations: [{ field: 'members', description: expect.stringContaining(ketua.nip ?? '') }] } });
    expect(await teamDecree.status(history.complaintId)).toBe('FOLLOW_UP_DECIDED');
  });

  it('does not show an officer of another office the complaint (NOT_FOUND)', async () => {
    const history = await seeded('FOLLOW_UP_DECIDED');

    const error = await refusal(teamDecree.client.call('issueTeamDecree', request(history, {}, actors.kepalaKantor, 'ZOTHER')), GrpcRefusal);

    expect(error).toMatchObject({ statusName: 'NOT_FOUND', code: 'COMPLAINT.NOT_FOUND' });
    expect(await teamDecree.status(history.complaintId)).toBe('FOLLOW_UP_DECIDED');
  });
});

describe('a complaint whose history reaches team-decree over the complaint stream', () => {
  it('arrives FOLLOW_UP_DECIDED through the consumer, and kepala kantor forms its team', async () => {
    const history = historyUntil('FOLLOW_UP_DECIDED');

    await teamDecree.publish(history.envelopes);
    await eventually(async () => ((await teamDecree.status(history.complaintId)) === 'FOLLOW_UP_DECIDED' ? true : undefined), 60_000, 'the consumer to apply the history');

    const response = await teamDecree.client.call('issueTeamDecree', request(history));

    expect(response).toMatchObject({ decreeNumber: `SK/${history.officeCode}/2026/000001`, outcome: { status: 'TEAM_FORMED' } });
    expect((await teamDecree.outbox(history.complaintId)).map((e) => e.type)).toEqual(['complaint.team-formed']);
  });
});
