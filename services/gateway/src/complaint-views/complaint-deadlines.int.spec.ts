import { ComplaintHistory, randomOfficeCode, type SlaDeadline } from '@pengaduan/testing';
import { api, isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { SettableClock } from '@pengaduan/runtime';

interface Deadline {
  deadlineId: string;
  stepId: string;
  sectionCode?: string;
  dueAt: string;
  remainingSeconds: number;
  overdue: boolean;
  warned: boolean;
  breached: boolean;
  escalatedToRole: string | null;
}

interface View {
  id: string;
  currentStep: { stepId: string; dueAt: string; sectionCodes?: string[] } | null;
  deadlines: Deadline[];
}

let isolation: GatewayIsolation;
let gateway: TestGateway;
const clock = new SettableClock(new Date('2026-03-14T03:00:00Z'));
const office = randomOfficeCode();
const tokens: Record<'admin' | 'kepala' | 'inteldakim' | 'lantaskim', string> = { admin: '', kepala: '', inteldakim: '', lantaskim: '' };

beforeAll(async () => {
  isolation = await isolate();
  // The tokens come from the same clock, which the tests move on by days.
  gateway = await startGateway({}, isolation, { clock, jwtTtlSeconds: 60 * 86_400 });
  tokens.admin = (await gateway.officer({ role: 'ADMIN_TIKKIM', officeCode: office })).token;
  tokens.kepala = (await gateway.officer({ role: 'KEPALA_KANTOR', officeCode: office })).token;
  tokens.inteldakim = (await gateway.officer({ role: 'SEKSI_TERKAIT', officeCode: office, sectionCode: 'INTELDAKIM' })).token;
  tokens.lantaskim = (await gateway.officer({ role: 'SEKSI_TERKAIT', officeCode: office, sectionCode: 'LANTASKIM' })).token;
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
});

const get = <T>(token: string, path: string): Promise<T> => api(gateway, token).json<T>(path);

const detail = (token: string, history: ComplaintHistory) => get<View>(token, `/complaints/${history.complaintId}`);
const listed = async (token: string, history: ComplaintHistory) => (await get<{ items: View[] }>(token, `/complaints?trackingNumber=${history.trackingNumber}`)).items[0];
const worklist = async (token: string) => (await get<{ items: View[] }>(token, '/worklist')).items;

/** A confirmed complaint of the office, received at `start` (confirmed an hour later). */
async function confirmedComplaint(start: string): Promise<ComplaintHistory> {
  const history = new ComplaintHistory({ officeCode: office, start: new Date(start) });
  await gateway.seed(...history.received(), ...history.confirmed());
  return history;
}

describe("the SLA monitor's deadlines in the officers' views", () => {
  it("shows the disposition's deadline with the due time the SLA monitor computed and the time left, in the complaint, the list and the worklist", async () => {
    clock.set(new Date('2026-03-14T03:00:00Z'));
    const history = await confirmedComplaint('2026-03-14T01:00:00Z');
    expect((await detail(tokens.kepala, history)).currentStep?.dueAt).toBe('2026-03-14T14:00:00.000Z');
    expect((await detail(tokens.kepala, history)).deadlines).toEqual([]);

    // Confirmed on a Saturday under a working calendar: due on Monday, 50 h from now.
    const disposition = history.deadlineStarted({ dueAt: new Date('2026-03-16T05:00:00Z'), calendar: 'WORKING_CALENDAR' });
    await gateway.seed(disposition.started);
    const expected = {
      deadlineId: disposition.deadlineId,
      stepId: 'DISPOSE_AND_PROCESS',
      startedAt: '2026-03-14T02:00:00.000Z',
      dueAt: '2026-03-16T05:00:00.000Z',
      warnAt: disposition.facts.warnAt.toISOString(),
      calendar: 'WORKING_CALENDAR',
      responsibleRole: 'KEPALA_KANTOR',
      remainingSeconds: 50 * 3600,
      overdue: false,
      warned: false,
      breached: false,
      escalatedToRole: null,
    };
    const shown = await detail(tokens.kepala, history);
    expect(shown.deadlines).toEqual([expected]);
    expect(shown.currentStep).toEqual({ stepId: 'DISPOSE_AND_PROCESS', startedAt: '2026-03-14T02:00:00.000Z', dueAt: '2026-03-16T05:00:00.000Z' });
    expect(await listed(tokens.kepala, history)).toMatchObject({ currentStep: { dueAt: '2026-03-16T05:00:00.000Z' }, deadlines: [expected] });
    expect((await worklist(tokens.kepala)).find((i) => i.id === history.complaintId)).toMatchObject({ currentStep: { dueAt: '2026-03-16T05:00:00.000Z' }, deadlines: [expected] });
  });

  it('shows the deadline as overdue, with negative time left, once the clock passes its due time', async () => {
    clock.set(new Date('2026-03-14T03:00:00Z'));
    const history = await confirmedComplaint('2026-03-14T01:00:00Z');
    const disposition = history.deadlineStarted();
    await gateway.seed(disposition.started);
    expect((await detail(tokens.kepala, history)).deadlines).toMatchObject([{ dueAt: '2026-03-14T14:00:00.000Z', remainingSeconds: 11 * 3600, overdue: false }]);

    clock.set(new Date('2026-03-14T14:00:00Z'));
    expect((await detail(tokens.kepala, history)).deadlines).toMatchObject([{ remainingSeconds: 0, overdue: false }]);
    clock.advance(90_500);
    expect((await detail(tokens.kepala, history)).deadlines).toMatchObject([{ remainingSeconds: -91, overdue: true, breached: false }]);
  });

  it("flags the SLA monitor's warning, breach and escalation to the office report on the kepala kantor's deadline, and drops it once the disposition is done", async () => {
    clock.set(new Date('2026-03-14T15:00:00Z'));
    const history = await confirmedComplaint('2026-03-14T01:00:00Z');
    const disposition = history.deadlineStarted();
    const flags = async () => (await detail(tokens.kepala, history)).deadlines.map(({ warned, breached, escalatedToRole }) => ({ warned, breached, escalatedToRole }));
    await gateway.seed(disposition.started, disposition.warning());
    expect(await flags()).toEqual([{ warned: true, breached: false, escalatedToRole: null }]);
    await gateway.seed(disposition.breached());
    expect(await flags()).toEqual([{ warned: true, breached: true, escalatedToRole: null }]);
    await gateway.seed(disposition.escalated());
    expect(await flags()).toEqual([{ warned: true, breached: true, escalatedToRole: 'OFFICE_REPORT' }]);

    await gateway.seed(...history.disposedTo(['INTELDAKIM']));
    expect((await detail(tokens.kepala, history)).deadlines.map((d) => d.deadlineId)).toEqual([disposition.deadlineId]);
    await gateway.seed(disposition.stopped());
    expect((await detail(tokens.kepala, history)).deadlines).toEqual([]);
    expect((await listed(tokens.kepala, history)).deadlines).toEqual([]);
  });

  it("orders the kepala kantor's worklist by the SLA monitor's due time once known, the estimate before", async () => {
    clock.set(new Date('2026-03-20T03:00:00Z'));
    const confirmedFirst = await confirmedComplaint('2026-03-20T01:00:00Z');
    const confirmedLater = await confirmedComplaint('2026-03-20T02:00:00Z');
    const order = async () => (await worklist(tokens.kepala)).map((i) => i.id).filter((id) => [confirmedFirst.complaintId, confirmedLater.complaintId].includes(id));
    expect(await order()).toEqual([confirmedFirst.complaintId, confirmedLater.complaintId]);

    // A holiday counted out of the first one's working hours puts it due after the later one.
    const first = confirmedFirst.deadlineStarted({ dueAt: new Date('2026-03-23T02:00:00Z'), calendar: 'WORKING_CALENDAR' });
    const later = confirmedLater.deadlineStarted();
    await gateway.seed(first.started, later.started);
    expect(await order()).toEqual([confirmedLater.complaintId, confirmedFirst.complaintId]);
  });

  it("shows a section officer only their own section's response deadline and those of no section, with their section's due time", async () => {
    clock.set(new Date('2026-03-14T04:00:00Z'));
    const history = await confirmedComplaint('2026-03-14T01:00:00Z');
    const target = history.deadlineStarted({ clock: 'SOP_TARGET' });
    await gateway.seed(target.started, ...history.disposedTo(['INTELDAKIM', 'LANTASKIM']));
    const inteldakim = history.deadlineStarted({ clock: 'SECTION_RESPONSE:INTELDAKIM', dueAt: new Date('2026-03-16T03:00:00Z') });
    const lantaskim = history.deadlineStarted({ clock: 'SECTION_RESPONSE:LANTASKIM', dueAt: new Date('2026-03-16T07:00:00Z') });
    await gateway.seed(inteldakim.started, lantaskim.started);

    const deadlinesOf = (view: View | undefined) => view?.deadlines.map((d) => [d.stepId, d.sectionCode ?? null]);
    const itemOf = async (token: string) => (await worklist(token)).find((i) => i.id === history.complaintId);
    const inteldakimItem = await itemOf(tokens.inteldakim);
    expect(deadlinesOf(inteldakimItem)).toEqual([
      ['SECTION_RESPONSE', 'INTELDAKIM'],
      ['SOP_TARGET', null],
    ]);
    expect(inteldakimItem?.currentStep).toMatchObject({ sectionCodes: ['INTELDAKIM'], dueAt: '2026-03-16T03:00:00.000Z' });
    const lantaskimItem = await itemOf(tokens.lantaskim);
    expect(deadlinesOf(lantaskimItem)).toEqual([
      ['SECTION_RESPONSE', 'LANTASKIM'],
      ['SOP_TARGET', null],
    ]);
    expect(lantaskimItem?.currentStep).toMatchObject({ sectionCodes: ['LANTASKIM'], dueAt: '2026-03-16T07:00:00.000Z' });
    // The complaint itself shows every open deadline, earliest due first.
    expect(deadlinesOf(await detail(tokens.kepala, history))).toEqual([
      ['SECTION_RESPONSE', 'INTELDAKIM'],
      ['SECTION_RESPONSE', 'LANTASKIM'],
      ['SOP_TARGET', null],
    ]);
    expect(target.facts.dueAt.toISOString()).toBe('2026-03-17T02:00:00.000Z');
  });

  it('loads the deadlines of a whole page of complaints, each with its own', async () => {
    clock.set(new Date('2026-03-25T03:00:00Z'));
    const histories = await Promise.all(['2026-03-25T01:00:00Z', '2026-03-25T01:10:00Z', '2026-03-25T01:20:00Z'].map(confirmedComplaint));
    const started: SlaDeadline[] = histories.map((h) => h.deadlineStarted());
    await gateway.seed(...started.map((d) => d.started));
    const page = (await get<{ items: View[] }>(tokens.admin, '/complaints?from=2026-03-25T00:00:00Z&to=2026-03-26T00:00:00Z')).items;
    expect(page.map((v) => [v.id, v.deadlines.map((d) => d.deadlineId)])).toEqual(histories.map((h, i) => [h.complaintId, [started[i].deadlineId]]).reverse());
  });
});
