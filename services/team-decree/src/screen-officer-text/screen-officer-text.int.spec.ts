import { TeamRole } from '@pengaduan/contracts';
import { actors, historyUntil, REPORTER_GIVEAWAYS, type ComplaintHistory } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { SettableClock } from '@pengaduan/runtime';
import { startTeamDecree, type TestTeamDecree } from '../__fixtures__/team-decree-app';

// docs/adr/0023: team-decree asks intake to screen the decree's free texts (the mandate, the
// members' positions) before it decides; they go into complaint.team-formed and the SK.
let teamDecree: TestTeamDecree;

beforeAll(async () => {
  teamDecree = await startTeamDecree({ clock: new SettableClock(new Date('2026-03-02T05:00:00Z')) });
});

afterAll(async () => {
  await teamDecree?.stop();
});

const GIVEAWAYS = Object.entries(REPORTER_GIVEAWAYS);
const MANDATE = 'Memeriksa dugaan pungutan liar di loket paspor';

async function followUpDecided(): Promise<ComplaintHistory> {
  const history = historyUntil('FOLLOW_UP_DECIDED');
  await teamDecree.seed(history);
  return history;
}

function issue(history: ComplaintHistory, texts: { mandate?: string; secondPosition?: string } = {}) {
  const { userId, role } = actors.kepalaKantor;
  return teamDecree.client.call('issueTeamDecree', {
    context: { requestId: randomUUID(), complaintId: history.complaintId, actor: { userId, role, officeCode: history.officeCode } },
    decreeDate: '2026-03-02',
    members: [
      { name: 'Siti Aminah', nip: '198502022010012002', position: 'Kepala Seksi Inteldakim', teamRole: TeamRole.KETUA },
      { name: 'Andi Wijaya', nip: '199003032015031003', position: texts.secondPosition ?? 'Pemeriksa Keimigrasian', teamRole: TeamRole.ANGGOTA },
    ],
    mandate: texts.mandate ?? MANDATE,
    periodStartDate: '2026-03-02',
    periodEndDate: '2026-03-31',
  });
}

describe('the team decree (step 6) gives nothing of the reporter away', () => {
  const fields = [
    ['mandate', (text: string) => ({ mandate: text })],
    ['members[1].position', (text: string) => ({ secondPosition: text })],
  ] as const;

  describe.each(fields)('%s', (field, texts) => {
    it.each(GIVEAWAYS)('with the reporter’s %s in it is refused naming the field, and nothing is recorded', async (part, giveaway) => {
      const history = await followUpDecided();

      await expect(issue(history, texts(`Pendamping pelapor ${giveaway}`))).rejects.toMatchObject({
        code: 'COMPLAINT.PERSONAL_DATA',
        details: { fieldViolations: [{ field, description: expect.stringContaining(`reporter's ${part}`) }] },
      });

      expect(await teamDecree.outbox(history.complaintId)).toEqual([]);
      expect(await teamDecree.status(history.complaintId)).toBe('FOLLOW_UP_DECIDED');
    });
  });

  it('is accepted with clean texts, each screened under the REST body’s name; the officers’ names and NIPs are not', async () => {
    const history = await followUpDecided();

    const response = await issue(history);

    expect(response.outcome?.status).toBe('TEAM_FORMED');
    expect(teamDecree.intake.screenedFor(history.complaintId)).toEqual([
      { mandate: MANDATE, 'members[0].position': 'Kepala Seksi Inteldakim', 'members[1].position': 'Pemeriksa Keimigrasian' },
    ]);
  });
});
