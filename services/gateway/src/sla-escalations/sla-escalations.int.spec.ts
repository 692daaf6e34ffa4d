import { ComplaintHistory, type SlaDeadline } from '@pengaduan/testing';
import { api, isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { SettableClock } from '@pengaduan/runtime';

interface Escalation {
  deadlineId: string;
  complaintId: string;
  trackingNumber: string;
  stepId: string;
  sectionCode: string | null;
  dueAt: string;
  escalatedAt: string;
  escalatedToRole: string;
  level: number;
  latenessSeconds: number;
  resolved: boolean;
  stoppedAt: string | null;
}

let isolation: GatewayIsolation;
let gateway: TestGateway;
const clock = new SettableClock(new Date('2026-03-20T00:00:00Z'));
const tokens: Record<string, string> = {};
const day = (d: number, h = 0) => new Date(Date.UTC(2026, 2, d, h));

/** Complaints of BLP whose deadlines were missed and escalated, one resolved since, one of TPI, and one only breached. */
const complaints = {
  confirmationMissed: new ComplaintHistory({ officeCode: 'BLP', start: day(15, 1) }),
  confirmationMissedThenDone: new ComplaintHistory({ officeCode: 'BLP', start: day(14, 1) }),
  dispositionMissed: new ComplaintHistory({ officeCode: 'BLP', start: day(16, 1) }),
  sectionResponseMissed: new ComplaintHistory({ officeCode: 'BLP', start: day(13, 1) }),
  confirmationOnlyBreached: new ComplaintHistory({ officeCode: 'BLP', start: day(12, 1) }),
  otherOfficeConfirmationMissed: new ComplaintHistory({ officeCode: 'TPI', start: day(15, 1) }),
};
const deadlines: Record<keyof typeof complaints, SlaDeadline | undefined> = {
  confirmationMissed: undefined,
  confirmationMissedThenDone: undefined,
  dispositionMissed: undefined,
  sectionResponseMissed: undefined,
  confirmationOnlyBreached: undefined,
  otherOfficeConfirmationMissed: undefined,
};

beforeAll(async () => {
  isolation = await isolate();
  gateway = await startGateway({}, isolation, { clock });
  const c = complaints;
  const missed = (d: SlaDeadline) => [d.started, d.warning(), d.breached(), d.escalated()];

  await gateway.seed(...c.confirmationMissed.received());
  deadlines.confirmationMissed = c.confirmationMissed.deadlineStarted();
  await gateway.seed(...missed(deadlines.confirmationMissed));

  await gateway.seed(...c.confirmationMissedThenDone.received());
  deadlines.confirmationMissedThenDone = c.confirmationMissedThenDone.deadlineStarted();
  await gateway.seed(...missed(deadlines.confirmationMissedThenDone), ...c.confirmationMissedThenDone.confirmed());
  await gateway.seed(deadlines.confirmationMissedThenDone.stopped({ at: day(14, 15) }));

  await gateway.seed(...c.dispositionMissed.received(), ...c.dispositionMissed.confirmed());
  deadlines.dispositionMissed = c.dispositionMissed.deadlineStarted();
  await gateway.seed(...missed(deadlines.dispositionMissed));

  await gateway.seed(...c.sectionResponseMissed.received(), ...c.sectionResponseMissed.confirmed(), ...c.sectionResponseMissed.disposedTo(['INTELDAKIM']));
  deadlines.sectionResponseMissed = c.sectionResponseMissed.deadlineStarted({ clock: 'SECTION_RESPONSE:INTELDAKIM' });
  await gateway.seed(...missed(deadlines.sectionResponseMissed));

  await gateway.seed(...c.confirmationOnlyBreached.received());
  deadlines.confirmationOnlyBreached = c.confirmationOnlyBreached.deadlineStarted();
  await gateway.seed(deadlines.confirmationOnlyBreached.started, deadlines.confirmationOnlyBreached.breached());

  await gateway.seed(...c.otherOfficeConfirmationMissed.received());
  deadlines.otherOfficeConfirmationMissed = c.otherOfficeConfirmationMissed.deadlineStarted();
  await gateway.seed(...missed(deadlines.otherOfficeConfirmationMissed));

  for (const [name, officer] of Object.entries({
    kasiTi: { role: 'KEPALA_SEKSI_TI', officeCode: 'BLP' },
    kepala: { role: 'KEPALA_KANTOR', officeCode: 'BLP' },
    admin: { role: 'ADMIN_TIKKIM', officeCode: 'BLP' },
    inteldakim: { role: 'SEKSI_TERKAIT', officeCode: 'BLP', sectionCode: 'INTELDAKIM' },
    otherOfficeKasiTi: { role: 'KEPALA_SEKSI_TI', officeCode: 'TPI' },
    otherOfficeKepala: { role: 'KEPALA_KANTOR', officeCode: 'TPI' },
  } as const)) {
    tokens[name] = (await gateway.officer(officer)).token;
  }
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
});

async function escalations(officer: string, query = ''): Promise<Escalation[]> {
  const res = await api(gateway, tokens[officer]).get(`/sla/escalations${query}`);
  if (res.status !== 200) throw new Error(`GET /sla/escalations${query} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { items: Escalation[] }).items;
}

function named(items: Escalation[]): string[] {
  const byDeadline = new Map(Object.entries(deadlines).map(([name, d]) => [d?.deadlineId, name]));
  return items.map((i) => byDeadline.get(i.deadlineId) ?? i.deadlineId);
}

describe('the escalations addressed to an officer', () => {
  it('hold for the kepala seksi TI the missed confirmation escalated to them, with the complaint, how late it is now, and nothing of another office', async () => {
    const items = await escalations('kasiTi');
    expect(named(items)).toEqual(['confirmationMissed']);
    const h = complaints.confirmationMissed;
    // Received 15 March 01:00, due 13:00, escalated a minute later; the clock says 20 March 00:00.
    expect(items[0]).toEqual({
      deadlineId: deadlines.confirmationMissed?.deadlineId,
      complaintId: h.complaintId,
      trackingNumber: h.trackingNumber,
      stepId: 'CONFIRM',
      sectionCode: null,
      dueAt: '2026-03-15T13:00:00.000Z',
      escalatedAt: '2026-03-15T13:01:00.000Z',
      escalatedToRole: 'KEPALA_SEKSI_TI',
      level: 1,
      latenessSeconds: (4 * 24 + 11) * 3600,
      resolved: false,
      stoppedAt: null,
    });
    expect(named(await escalations('otherOfficeKasiTi'))).toEqual(['otherOfficeConfirmationMissed']);
  });

  it('hold, when asked to include the resolved ones, the confirmation done late since, with the lateness it was done with, oldest due first', async () => {
    const items = await escalations('kasiTi', '?includeResolved=true');
    expect(named(items)).toEqual(['confirmationMissedThenDone', 'confirmationMissed']);
    expect(items[0]).toMatchObject({ resolved: true, stoppedAt: '2026-03-14T15:00:00.000Z', latenessSeconds: 2 * 3600 });
    expect(named(await escalations('kasiTi', '?includeResolved=false'))).toEqual(['confirmationMissed']);
  });

  it("hold for the kepala kantor the sections' missed response escalated to them and their own missed disposition recorded for the office report, oldest due first", async () => {
    const items = await escalations('kepala');
    expect(named(items)).toEqual(['sectionResponseMissed', 'dispositionMissed']);
    expect(items.map((i) => [i.stepId, i.sectionCode, i.escalatedToRole])).toEqual([
      ['SECTION_RESPONSE', 'INTELDAKIM', 'KEPALA_KANTOR'],
      ['DISPOSE_AND_PROCESS', null, 'OFFICE_REPORT'],
    ]);
    expect(await escalations('otherOfficeKepala')).toEqual([]);
  });

  it('hold nothing for the roles nothing was escalated to, and never a deadline that was only breached', async () => {
    expect(await escalations('admin')).toEqual([]);
    expect(await escalations('inteldakim')).toEqual([]);
    const everyone = (await Promise.all(Object.keys(tokens).map((officer) => escalations(officer, '?includeResolved=true')))).flat();
    expect(named(everyone)).not.toContain('confirmationOnlyBreached');
  });

  it('grow later by the clock while open', async () => {
    const before = (await escalations('kasiTi'))[0].latenessSeconds;
    clock.advance(3_600_000);
    try {
      expect((await escalations('kasiTi'))[0].latenessSeconds).toBe(before + 3600);
    } finally {
      clock.advance(-3_600_000);
    }
  });

  it('answer 400 for an includeResolved that is neither true nor false', async () => {
    const res = await api(gateway, tokens['kasiTi']).get('/sla/escalations?includeResolved=yes');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'includeResolved' }] });
  });
});
