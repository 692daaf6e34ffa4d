import { ComplaintHistory } from '@pengaduan/testing';
import { api, isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';

interface WorklistItem {
  id: string;
  status: string;
  actions: string[];
  currentStep: { stepId: string; dueAt: string; sectionCodes?: string[] } | null;
}

let isolation: GatewayIsolation;
let gateway: TestGateway;
const tokens: Record<string, string> = {};

const day = (d: number, h = 0) => new Date(Date.UTC(2026, 2, d, h));

/** One complaint of office BLP in each state of the SOP, and one of another office. */
const complaints = {
  receivedEarlier: new ComplaintHistory({ officeCode: 'BLP', start: day(1) }),
  receivedLater: new ComplaintHistory({ officeCode: 'BLP', start: day(2) }),
  dismissed: new ComplaintHistory({ officeCode: 'BLP', start: day(3) }),
  confirmed: new ComplaintHistory({ officeCode: 'BLP', start: day(4) }),
  awaitingInteldakim: new ComplaintHistory({ officeCode: 'BLP', start: day(5) }),
  awaitingBoth: new ComplaintHistory({ officeCode: 'BLP', start: day(6) }),
  sectionProcessed: new ComplaintHistory({ officeCode: 'BLP', start: day(7) }),
  analyzed: new ComplaintHistory({ officeCode: 'BLP', start: day(8) }),
  followUpDecided: new ComplaintHistory({ officeCode: 'BLP', start: day(9) }),
  noFollowUpDecided: new ComplaintHistory({ officeCode: 'BLP', start: day(10) }),
  teamFormed: new ComplaintHistory({ officeCode: 'BLP', start: day(11) }),
  reporterInformed: new ComplaintHistory({ officeCode: 'BLP', start: day(12) }),
  closed: new ComplaintHistory({ officeCode: 'BLP', start: day(13) }),
  otherOfficeReceived: new ComplaintHistory({ start: day(1), officeCode: 'TPI' }),
};
type Name = keyof typeof complaints;

beforeAll(async () => {
  isolation = await isolate();
  gateway = await startGateway({}, isolation);
  const c = complaints;
  const seed = (...envelopes: Parameters<TestGateway['seed']>) => gateway.seed(...envelopes);
  await seed(...c.receivedEarlier.received());
  await seed(...c.receivedLater.received());
  await seed(...c.dismissed.received(), ...c.dismissed.dismissed());
  await seed(...c.confirmed.received(), ...c.confirmed.confirmed());
  await seed(...c.awaitingInteldakim.received(), ...c.awaitingInteldakim.confirmed(), ...c.awaitingInteldakim.disposedTo(['INTELDAKIM', 'LANTASKIM']), ...c.awaitingInteldakim.sectionResponded('LANTASKIM'));
  await seed(...c.awaitingBoth.received(), ...c.awaitingBoth.confirmed(), ...c.awaitingBoth.disposedTo(['LANTASKIM', 'INTELDAKIM']));
  const upTo = async (h: ComplaintHistory, last: 'processed' | 'analyzed' | 'decided' | 'noFollowUp' | 'team' | 'informed' | 'closed') => {
    const steps = [...h.received(), ...h.confirmed(), ...h.disposedTo(['INTELDAKIM']), ...h.sectionResponded('INTELDAKIM')];
    if (last !== 'processed') steps.push(...h.analyzed());
    if (last === 'noFollowUp') steps.push(...h.decided('NO_FOLLOW_UP'));
    else if (last !== 'processed' && last !== 'analyzed') steps.push(...h.decided('FOLLOW_UP'));
    if (last === 'team' || last === 'informed' || last === 'closed') steps.push(...h.teamFormed());
    if (last === 'informed' || last === 'closed') steps.push(...h.reporterInformed());
    if (last === 'closed') steps.push(...h.delivered());
    await seed(...steps);
  };
  await upTo(c.sectionProcessed, 'processed');
  await upTo(c.analyzed, 'analyzed');
  await upTo(c.followUpDecided, 'decided');
  await upTo(c.noFollowUpDecided, 'noFollowUp');
  await upTo(c.teamFormed, 'team');
  await upTo(c.reporterInformed, 'informed');
  await upTo(c.closed, 'closed');
  await seed(...c.otherOfficeReceived.received());

  for (const [name, officer] of Object.entries({
    admin: { role: 'ADMIN_TIKKIM', officeCode: 'BLP' },
    kepala: { role: 'KEPALA_KANTOR', officeCode: 'BLP' },
    inteldakim: { role: 'SEKSI_TERKAIT', officeCode: 'BLP', sectionCode: 'INTELDAKIM' },
    lantaskim: { role: 'SEKSI_TERKAIT', officeCode: 'BLP', sectionCode: 'LANTASKIM' },
    tu: { role: 'SEKSI_TERKAIT', officeCode: 'BLP', sectionCode: 'TU' },
    kasiTi: { role: 'KEPALA_SEKSI_TI', officeCode: 'BLP' },
    tim: { role: 'TIM_PENANGANAN', officeCode: 'BLP' },
    auditor: { role: 'AUDITOR', officeCode: 'BLP' },
  } as const)) {
    tokens[name] = (await gateway.officer(officer)).token;
  }
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
});

async function worklist(officer: string): Promise<WorklistItem[]> {
  const res = await api(gateway, tokens[officer]).get('/worklist');
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: WorklistItem[] }).items;
}

function named(items: WorklistItem[]): [Name, string[]][] {
  const byId = new Map(Object.entries(complaints).map(([name, h]) => [h.complaintId, name as Name]));
  return items.map((i) => [byId.get(i.id) ?? (i.id as Name), i.actions]);
}

describe("an officer's worklist", () => {
  it('holds for admin tikkim the received complaints to confirm, the processed ones to analyse, and those whose reporter is to be told or the delivery recorded, oldest due first', async () => {
    expect(named(await worklist('admin'))).toEqual([
      ['receivedEarlier', ['confirm', 'dismiss']],
      ['receivedLater', ['confirm', 'dismiss']],
      ['dismissed', ['informReporter']],
      ['sectionProcessed', ['analyze']],
      ['noFollowUpDecided', ['informReporter']],
      ['teamFormed', ['informReporter']],
      ['reporterInformed', ['recordNotificationFailure', 'recordDelivery', 'recordCallAttempt']],
    ]);
  });

  it('holds for the kepala kantor the confirmed complaints to disposition and the decided ones to form a team for', async () => {
    expect(named(await worklist('kepala'))).toEqual([
      ['confirmed', ['dispose']],
      ['followUpDecided', ['formTeam']],
    ]);
  });

  it("holds for a section officer only the complaints awaiting their own section's response", async () => {
    expect(named(await worklist('inteldakim'))).toEqual([
      ['awaitingInteldakim', ['respondAsSection']],
      ['awaitingBoth', ['respondAsSection']],
    ]);
    expect(named(await worklist('lantaskim'))).toEqual([['awaitingBoth', ['respondAsSection']]]);
    expect(await worklist('tu')).toEqual([]);
  });

  it('holds for the kepala seksi TI the analysed complaints to decide', async () => {
    expect(named(await worklist('kasiTi'))).toEqual([['analyzed', ['decideFollowUp']]]);
  });

  it('is empty for the auditor and the handling team, and never holds a closed complaint', async () => {
    expect(await worklist('auditor')).toEqual([]);
    expect(await worklist('tim')).toEqual([]);
    const everyone = await Promise.all(Object.keys(tokens).map(worklist));
    expect(everyone.flat().map((i) => i.id)).not.toContain(complaints.closed.complaintId);
  });

  it("shows each complaint's current step and when it is due, for a section officer their own section's", async () => {
    const [first] = await worklist('admin');
    expect(first.currentStep).toEqual({ stepId: 'CONFIRM', startedAt: '2026-03-01T00:00:00.000Z', dueAt: '2026-03-01T12:00:00.000Z' });
    const [awaiting] = await worklist('inteldakim');
    expect(awaiting.currentStep).toMatchObject({ stepId: 'SECTION_RESPONSE', sectionCodes: ['INTELDAKIM'] });
    const dues = (await worklist('admin')).map((i) => i.currentStep?.dueAt ?? '');
    expect(dues).toEqual([...dues].sort());
  });
});
