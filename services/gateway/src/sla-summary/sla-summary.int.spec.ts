import { ComplaintHistory } from '@pengaduan/testing';
import { api, isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { SettableClock } from '@pengaduan/runtime';

interface StepSummary {
  stepId: string;
  onTime: number;
  late: number;
  open: number;
  openOverdue: number;
  medianHours: number | null;
  p90Hours: number | null;
  lateMedianHours: number | null;
}

interface Summary {
  from: string;
  to: string;
  asOf: string;
  offices: { officeCode: string; steps: StepSummary[] }[];
}

let isolation: GatewayIsolation;
let gateway: TestGateway;
const clock = new SettableClock(new Date('2026-03-20T00:00:00Z'));
const tokens: Record<'auditor' | 'admin' | 'otherOffice', string> = { auditor: '', admin: '', otherOffice: '' };
const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

/** A complaint of the office received at `receivedAt` whose confirmation deadline (12 h) stopped `hours` later, or runs still. */
async function confirmation(officeCode: string, receivedAt: string, hours?: number): Promise<void> {
  const history = new ComplaintHistory({ officeCode, start: at(receivedAt) });
  const received = history.received();
  const deadline = history.deadlineStarted();
  await gateway.seed(...received, deadline.started);
  if (hours !== undefined) await gateway.seed(deadline.stopped({ at: new Date(at(receivedAt).getTime() + hours * HOUR), byEventType: 'complaint.confirmed' }));
}

beforeAll(async () => {
  isolation = await isolate();
  // The tokens come from the same clock, which one test moves on by hours.
  gateway = await startGateway({}, isolation, { clock, jwtTtlSeconds: 7 * 86_400 });
  // Confirmations done in 2 h and 4 h (on time) and 14 h (2 h late); one overdue and one running within its time.
  await confirmation('BLP', '2026-03-14T01:00:00Z', 2);
  await confirmation('BLP', '2026-03-15T01:00:00Z', 4);
  await confirmation('BLP', '2026-03-16T01:00:00Z', 14);
  await confirmation('BLP', '2026-03-17T01:00:00Z');
  await confirmation('BLP', '2026-03-19T20:00:00Z');
  // Before the period asked about, and of another office.
  await confirmation('BLP', '2026-03-01T01:00:00Z', 30);
  await confirmation('TPI', '2026-03-15T01:00:00Z', 20);

  // One disposition, done in 6 h.
  const disposed = new ComplaintHistory({ officeCode: 'BLP', start: at('2026-03-18T01:00:00Z') });
  await gateway.seed(...disposed.received(), ...disposed.confirmed());
  const disposition = disposed.deadlineStarted();
  await gateway.seed(disposition.started, disposition.stopped({ at: at('2026-03-18T08:00:00Z') }));

  tokens.auditor = (await gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' })).token;
  tokens.admin = (await gateway.officer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' })).token;
  tokens.otherOffice = (await gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'TPI' })).token;
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
});

async function summary(token: string, query = ''): Promise<Summary> {
  const res = await api(gateway, token).get(`/sla/summary${query}`);
  if (res.status !== 200) throw new Error(`GET /sla/summary${query} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Summary;
}

const PERIOD = '?from=2026-03-14T00:00:00Z&to=2026-03-20T00:00:00Z';

describe("the office's SLA summary", () => {
  it('counts per step the deadlines started in the period done on time, done late and still open, with the median and 90th percentile of the time taken', async () => {
    clock.set(at('2026-03-20T00:00:00Z'));
    expect(await summary(tokens.auditor, PERIOD)).toEqual({
      from: '2026-03-14T00:00:00.000Z',
      to: '2026-03-20T00:00:00.000Z',
      asOf: '2026-03-20T00:00:00.000Z',
      offices: [
        {
          officeCode: 'BLP',
          steps: [
            // Elapsed 2, 4 and 14 h: median 4; p90 4 + 0.8 × (14 − 4) = 12.
            { stepId: 'CONFIRM', onTime: 2, late: 1, open: 2, openOverdue: 1, medianHours: 4, p90Hours: 12, lateMedianHours: 2 },
            { stepId: 'DISPOSE_AND_PROCESS', onTime: 1, late: 0, open: 0, openOverdue: 0, medianHours: 6, p90Hours: 6, lateMedianHours: null },
          ],
        },
      ],
    });
  });

  it('counts an open deadline as overdue once the clock passes its due time', async () => {
    clock.set(at('2026-03-20T08:00:01Z'));
    try {
      const [confirm] = (await summary(tokens.admin, PERIOD)).offices[0].steps;
      expect(confirm).toMatchObject({ stepId: 'CONFIRM', open: 2, openOverdue: 2 });
    } finally {
      clock.set(at('2026-03-20T00:00:00Z'));
    }
  });

  it('looks at the last 30 days up to now when no period is given', async () => {
    clock.set(at('2026-03-20T00:00:00Z'));
    const answer = await summary(tokens.admin);
    expect([answer.from, answer.to]).toEqual(['2026-02-18T00:00:00.000Z', '2026-03-20T00:00:00.000Z']);
    // The confirmation of 1 March (30 h) now counts too.
    expect(answer.offices[0].steps[0]).toMatchObject({ stepId: 'CONFIRM', onTime: 2, late: 2, medianHours: 9, lateMedianHours: 10 });
  });

  it("counts only the officer's own office", async () => {
    expect((await summary(tokens.otherOffice, PERIOD)).offices).toEqual([
      { officeCode: 'TPI', steps: [{ stepId: 'CONFIRM', onTime: 0, late: 1, open: 0, openOverdue: 0, medianHours: 20, p90Hours: 20, lateMedianHours: 8 }] },
    ]);
  });

  it('answers an empty summary for a period in which no deadline started', async () => {
    expect((await summary(tokens.admin, '?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z')).offices).toEqual([{ officeCode: 'BLP', steps: [] }]);
  });

  it.each([
    ['from after to', '?from=2026-03-20T00:00:00Z&to=2026-03-14T00:00:00Z'],
    ['from equal to to', '?from=2026-03-14T00:00:00Z&to=2026-03-14T00:00:00Z'],
    ['from after now when to is not given', '?from=2026-04-01T00:00:00Z'],
  ])('answers 400 with the field for %s', async (_, query) => {
    const res = await api(gateway, tokens.admin).get(`/sla/summary${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 400, code: 'REQUEST.INVALID', errors: [{ field: 'from', message: expect.stringContaining('earlier than to') }] });
  });

  it('answers 400 for a from that is no ISO date-time', async () => {
    const res = await api(gateway, tokens.admin).get('/sla/summary?from=14-03-2026');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'from' }] });
  });

  it('is documented in the OpenAPI document, with the deadlines of every complaint view', async () => {
    const doc = (await (await fetch(`${gateway.baseUrl}/api/docs-json`)).json()) as {
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
      components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
    };
    expect(doc.paths['/api/v1/sla/summary']?.get?.parameters?.map((p) => p.name)).toEqual(['from', 'to']);
    expect(doc.paths['/api/v1/sla/escalations']?.get?.parameters?.map((p) => p.name)).toEqual(['limit', 'offset', 'includeResolved']);
    const { schemas } = doc.components;
    expect(Object.keys(schemas['SlaStepSummaryDto'].properties)).toEqual(['stepId', 'onTime', 'late', 'open', 'openOverdue', 'medianHours', 'p90Hours', 'lateMedianHours']);
    expect(Object.keys(schemas['DeadlineDto'].properties)).toEqual([
      'deadlineId',
      'stepId',
      'sectionCode',
      'startedAt',
      'dueAt',
      'warnAt',
      'calendar',
      'responsibleRole',
      'remainingSeconds',
      'overdue',
      'warned',
      'breached',
      'escalatedToRole',
    ]);
    for (const view of ['ComplaintViewDto', 'ComplaintDetailDto', 'WorklistItemDto']) {
      expect(schemas[view].properties['deadlines']).toEqual(expect.objectContaining({ type: 'array', items: { $ref: '#/components/schemas/DeadlineDto' } }));
    }
    expect(Object.keys(schemas['EscalationDto'].properties)).toEqual(expect.arrayContaining(['deadlineId', 'complaintId', 'trackingNumber', 'escalatedAt', 'latenessSeconds', 'resolved', 'stoppedAt']));
  });

  it('answers 401 without a token', async () => {
    expect((await api(gateway, undefined).get('/sla/summary')).status).toBe(401);
  });
});
