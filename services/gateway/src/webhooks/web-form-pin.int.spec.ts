// The tracking PIN of a web-form reporter who left neither phone nor e-mail (ADR 0052), over real
// sockets: intake runs as its own process (its own schema, HTTP and gRPC on ports of its own), the
// gateway in-process on the run's Postgres and Kafka with its log lines kept; the reporter's page
// is played by fetch against the gateway's public port: the web form, its status, the tracking.
import { createLogger } from '@pengaduan/runtime';
import { ComplaintHistory, eventually, randomOfficeCode, sql } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { startIntakeProcess, type IntakeProcess } from '../__fixtures__/intake-process';

const office = randomOfficeCode();
let intake: IntakeProcess;
let isolation: GatewayIsolation;
let gateway: TestGateway;
/** Every line the gateway logs during the suite, at every level. */
const gatewayLog: string[] = [];
/** Every PIN and submission id the suite saw: none may reach a log line. */
const secrets: string[] = [];

/** Each request its own client address unless a test says otherwise (the gateway trusts the loopback proxy's X-Forwarded-For). */
let addressCounter = 0;
const address = () => {
  const n = ++addressCounter;
  return `198.18.${(n >> 8) & 255}.${n & 255}`;
};

beforeAll(async () => {
  intake = await startIntakeProcess('web_form_pin', { WEB_FORM_OFFICES: office, INTAKE_INBOUND_POLL_MS: '200', LOG_LEVEL: 'debug' });

  isolation = await isolate();
  const logger = createLogger('gateway', 'debug', { write: (line: string) => void gatewayLog.push(line) });
  gateway = await startGateway({ intake: intake.grpcAddress, intakeWebhooks: intake.httpUrl }, isolation, {
    logger,
    config: { trustProxy: ['loopback'], webFormOffices: [office] },
  });
}, 180_000);

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
  await intake?.stop();
});

interface StatusAnswer {
  status: number;
  cacheControl: string | null;
  body: { status?: string; trackingNumber?: string; trackingPin?: string; code?: string };
}

/** The page sends the report: a new submission id, as the page makes one per form. */
async function report(fields: Record<string, string> = {}, from = address()): Promise<string> {
  const submissionId = randomUUID();
  secrets.push(submissionId);
  const res = await fetch(`${gateway.baseUrl}/webhooks/web-form`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': from },
    body: JSON.stringify({ submissionId, office, text: 'Petugas loket meminta uang tambahan agar paspor saya cepat selesai.', ...fields }),
  });
  expect(res.status).toBe(200);
  return submissionId;
}

/** The page asks what became of its report. */
async function statusOf(submissionId: string, from = address()): Promise<StatusAnswer> {
  const res = await fetch(`${gateway.baseUrl}/webhooks/web-form/${submissionId}`, { headers: { 'X-Forwarded-For': from } });
  const answer = { status: res.status, cacheControl: res.headers.get('cache-control'), body: (await res.json()) as StatusAnswer['body'] };
  if (answer.body.trackingPin) secrets.push(answer.body.trackingPin);
  return answer;
}

/** The page's polling: asks until the report became a complaint. */
function registered(submissionId: string): Promise<StatusAnswer> {
  return eventually(
    async () => {
      const answer = await statusOf(submissionId);
      return answer.body.status === 'REGISTERED' ? answer : undefined;
    },
    30_000,
    'the report registered as a complaint',
  );
}

/** The complaint of `trackingNumber` in the gateway's read model (received), as its consumer would put it there. */
async function projected(trackingNumber: string): Promise<void> {
  const [row] = await sql<{ id: string }>(`SELECT id FROM "${intake.schema}".complaint WHERE tracking_number = $1`, [trackingNumber]);
  if (!row) throw new Error(`intake has no complaint ${trackingNumber}`);
  await gateway.seed(...new ComplaintHistory({ complaintId: row.id, officeCode: office, channel: 'WEB', trackingNumber }).received());
}

function track(trackingNumber: string, verifier: string, from: string): Promise<Response> {
  return fetch(`${gateway.baseUrl}/api/v1/public/tracking`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': from },
    body: JSON.stringify({ trackingNumber, verifier }),
  });
}

/** The wrong verifiers counted on tracking numbers so far (ADR 0041), per bucket. */
async function wrongTries(): Promise<Record<string, number>> {
  const rows = (await gateway.runtime.dataSource.query(
    `SELECT bucket, sum(count)::int AS n FROM public_rate_limit WHERE bucket IN ('tracking:address-number', 'tracking:number') GROUP BY bucket`,
  )) as { bucket: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.bucket, r.n]));
}

describe('a web-form reporter who left neither phone nor e-mail, through the gateway', () => {
  let submissionId: string;
  let first: StatusAnswer;

  beforeAll(async () => {
    submissionId = await report({ name: 'Rudi' });
    first = await registered(submissionId);
  });

  it('is answered the tracking number with a PIN once intake registered the report, in an answer nothing may store', () => {
    expect(first).toEqual({
      status: 200,
      cacheControl: 'no-store',
      body: { status: 'REGISTERED', trackingNumber: expect.stringMatching(new RegExp(`^${office}-\\d{4}-\\d{6}$`)), trackingPin: expect.stringMatching(/^\d{8}$/) },
    });
  });

  it('follows the complaint on the public tracking with the PIN; a wrong PIN is a wrong try of that address on that number', async () => {
    const trackingNumber = first.body.trackingNumber ?? '';
    const pin = first.body.trackingPin ?? '';
    await projected(trackingNumber);
    const tracked = await eventually(
      async () => {
        const res = await track(trackingNumber, pin, address());
        return res.status === 200 ? ((await res.json()) as Record<string, unknown>) : undefined;
      },
      10_000,
      'the complaint tracked with its PIN',
    );
    expect(tracked).toMatchObject({ trackingNumber, channel: 'WEB', status: 'RECEIVED', closed: false });
    expect(JSON.stringify(tracked)).not.toContain(pin);

    const before = await wrongTries();
    const guesser = address();
    const wrong = String((Number(pin) + 1) % 1e8).padStart(8, '0');
    for (let n = 1; n <= 5; n++) {
      const res = await track(trackingNumber, n === 1 ? wrong : `${pin.slice(0, 7)}${(Number(pin[7]) + n) % 10}`, guesser);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'TRACKING.NOT_FOUND' });
    }
    const after = await wrongTries();
    expect(after['tracking:address-number'] - (before['tracking:address-number'] ?? 0)).toBe(5);
    expect(after['tracking:number'] - (before['tracking:number'] ?? 0)).toBe(5);
    // That address has had its five wrong tries on this number: even the right PIN waits, and is no guess.
    const refused = await track(trackingNumber, pin, guesser);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: 'TRACKING.RATE_LIMITED' });
    // The reporter, from anywhere else, is not locked out.
    expect((await track(trackingNumber, pin, address())).status).toBe(200);
    expect(await wrongTries()).toEqual(after);
  });

  it('shows another PIN on a reload, and the first still works', async () => {
    const again = await statusOf(submissionId);
    expect(again.body).toEqual({ status: 'REGISTERED', trackingNumber: first.body.trackingNumber, trackingPin: expect.stringMatching(/^\d{8}$/) });
    expect(again.body.trackingPin).not.toBe(first.body.trackingPin);
    for (const pin of [first.body.trackingPin ?? '', again.body.trackingPin ?? '']) expect((await track(first.body.trackingNumber ?? '', pin, address())).status).toBe(200);
  });

  it('tells a forged submission id nothing, and another submission’s id only that one’s number, and its PIN opens only that complaint', async () => {
    const forged = await statusOf(randomUUID());
    expect(forged).toMatchObject({ status: 404, body: { code: 'WEB_FORM.NOT_FOUND' } });
    expect(JSON.stringify(forged.body)).not.toMatch(/trackingPin|trackingNumber|\d{8}/);
    // One character off the real id is another id.
    const near = `${submissionId.slice(0, -1)}${submissionId.endsWith('0') ? '1' : '0'}`;
    expect((await statusOf(near)).status).toBe(404);

    const withPhone = await registered(await report({ name: 'Dewi', phone: '+6281355554444' }));
    expect(withPhone.body).toEqual({ status: 'REGISTERED', trackingNumber: expect.any(String) });
    expect(withPhone.body.trackingNumber).not.toBe(first.body.trackingNumber);

    const other = await registered(await report());
    const otherPin = other.body.trackingPin ?? '';
    expect(otherPin).toMatch(/^\d{8}$/);
    await projected(other.body.trackingNumber ?? '');
    expect((await track(first.body.trackingNumber ?? '', otherPin, address())).status).toBe(404);
    expect((await track(other.body.trackingNumber ?? '', first.body.trackingPin ?? '', address())).status).toBe(404);
    expect((await track(other.body.trackingNumber ?? '', otherPin, address())).status).toBe(200);
  });

  it('writes no PIN and no submission id to a log line of the gateway or of intake, nor to an event', async () => {
    const intakeLog = intake.process.logs();
    const gatewayLines = gatewayLog.join('');
    // The suite did log: every request to the gateway, the reports intake stored and registered.
    expect(gatewayLines).toContain('"path":"/webhooks/web-form/:id"');
    expect(gatewayLines).toContain('"path":"/api/v1/public/tracking"');
    expect(intakeLog).toContain('channel message opened a complaint');
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    for (const secret of [...secrets, 'Rudi', 'Dewi', '+6281355554444', '81355554444']) {
      expect({ secret, inGatewayLog: gatewayLines.includes(secret), inIntakeLog: intakeLog.includes(secret) }).toEqual({ secret, inGatewayLog: false, inIntakeLog: false });
    }
    const events = JSON.stringify(await sql(`SELECT body, headers FROM "${intake.schema}".outbox`));
    expect(events).toContain('complaint.received');
    for (const secret of secrets) expect(events).not.toContain(secret);
  });
});
