import { COMPLAINT_EVENTS_TOPIC, parseEnvelope } from '@pengaduan/contracts';
import {
  dropSchema,
  eventually,
  freePort,
  ServiceProcess,
  sql,
  TcpProxy,
  testInfrastructure,
  TopicReader,
  uniqueSchemaName,
  uniqueSuffix,
} from '@pengaduan/testing';
import { randomBytes, randomUUID } from 'node:crypto';

// Intake and gateway run as separate processes, from their sources, against the real broker
// and Postgres; the test talks to them only over HTTP and reads the topic like any consumer.

const infra = testInfrastructure();
const office = randomOfficeCode();
const reporter = { name: 'Dewi Lestari', phone: '+6281377788899', email: 'dewi.lestari@example.id' };
const complaintText = 'Saya dimintai biaya tambahan Rp500.000 di loket paspor oleh petugas berkacamata.';

function randomOfficeCode(): string {
  return Array.from(randomBytes(5), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

interface Stack {
  intake: ServiceProcess;
  gateway: ServiceProcess;
  intakeSchema: string;
  gatewaySchema: string;
  api: string;
}

async function intakeProcess(schema: string, overrides: Record<string, string> = {}) {
  const [httpPort, grpcPort] = [await freePort(), await freePort()];
  const proc = new ServiceProcess(
    'intake',
    {
      DATABASE_URL: infra.databaseUrl,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      INTAKE_DB_SCHEMA: schema,
      INTAKE_HTTP_PORT: String(httpPort),
      INTAKE_GRPC_ADDRESS: `127.0.0.1:${grpcPort}`,
      REPORTER_CONTACT_KEY: randomBytes(32).toString('base64'),
      ...overrides,
    },
    `http://127.0.0.1:${httpPort}`,
  );
  return { proc, grpcPort };
}

async function startStack(): Promise<Stack> {
  const intakeSchema = uniqueSchemaName('e2e_intake');
  const gatewaySchema = uniqueSchemaName('e2e_gateway');
  const { proc: intake, grpcPort } = await intakeProcess(intakeSchema);
  const gatewayPort = await freePort();
  const gateway = new ServiceProcess(
    'gateway',
    {
      DATABASE_URL: infra.databaseUrl,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      GATEWAY_DB_SCHEMA: gatewaySchema,
      GATEWAY_HTTP_PORT: String(gatewayPort),
      INTAKE_GRPC_URL: `127.0.0.1:${grpcPort}`,
      GATEWAY_PROJECTION_GROUP: `e2e-gateway-${uniqueSuffix()}`,
    },
    `http://127.0.0.1:${gatewayPort}`,
  );
  intake.start();
  gateway.start();
  await Promise.all([intake.waitUntilReady(), gateway.waitUntilReady()]);
  return { intake, gateway, intakeSchema, gatewaySchema, api: `http://127.0.0.1:${gatewayPort}/api/v1` };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

async function get(url: string) {
  const res = await fetch(url);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const validComplaint = () => ({ officeCode: office, channel: 'PHONE', text: complaintText, contact: reporter, anonymous: false, confidential: true });

describe('walking skeleton: a complaint typed in by an officer, end to end', () => {
  let stack: Stack;
  let reader: TopicReader;

  beforeAll(async () => {
    reader = await new TopicReader([COMPLAINT_EVENTS_TOPIC]).start();
    stack = await startStack();
  });

  afterAll(async () => {
    await reader?.stop();
    const codes = await Promise.all([stack?.gateway.stop(), stack?.intake.stop()]);
    expect(codes).toEqual([0, 0]); // both shut down gracefully on SIGTERM
    if (stack) await Promise.all([dropSchema(stack.intakeSchema), dropSchema(stack.gatewaySchema)]);
  });

  it('registers a complaint over REST, which becomes readable by id and by tracking number', async () => {
    const created = await post(`${stack.api}/complaints`, validComplaint(), { 'Idempotency-Key': randomUUID() });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), trackingNumber: `${office}-2026-000001`, status: 'RECEIVED' });
    const id = created.body['id'] as string;
    expect(created.headers.get('location')).toBe(`/api/v1/complaints/${id}`);

    const view = await eventually(async () => {
      const res = await get(`${stack.api}/complaints/${id}`);
      return res.status === 200 ? res.body : undefined;
    });
    expect(view).toMatchObject({ id, officeCode: office, trackingNumber: `${office}-2026-000001`, channel: 'PHONE', status: 'RECEIVED', confidential: true });
    expect(JSON.stringify(view)).not.toMatch(/Dewi|6281377788899|dewi\.lestari|rep_/);

    const byNumber = await get(`${stack.api}/complaints?trackingNumber=${office}-2026-000001`);
    expect(byNumber.status).toBe(200);
    expect((byNumber.body['items'] as { id: string }[]).map((c) => c.id)).toEqual([id]);
  });

  it('puts complaint.received on the topic, keyed by complaint, with no personal data in it', async () => {
    const created = await post(`${stack.api}/complaints`, validComplaint());
    const id = created.body['id'] as string;

    const [message] = await reader.waitFor((m) => m.key === id);
    const parsed = parseEnvelope(message.value ?? '');
    expect(parsed.ok && parsed.type).toBe('complaint.received');
    expect(parsed.ok && parsed.envelope).toMatchObject({ subject: id, office, source: 'pengaduan/intake', type: 'complaint.received' });
    for (const personal of [reporter.name, reporter.phone, reporter.email, '6281377788899', 'biaya tambahan', 'berkacamata']) {
      expect(message.value).not.toContain(personal);
    }
  });

  it('answers a retried request with the same complaint', async () => {
    const key = randomUUID();
    const first = await post(`${stack.api}/complaints`, validComplaint(), { 'Idempotency-Key': key });
    const again = await post(`${stack.api}/complaints`, validComplaint(), { 'Idempotency-Key': key });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
  });

  it('rejects an invalid body with problem+json naming each bad field, and stores nothing', async () => {
    const [{ n: before }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${stack.intakeSchema}".complaint`);
    const res = await fetch(`${stack.api}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ officeCode: 'blp', channel: 'CARRIER_PIGEON', text: '', contact: { email: 'nope' }, surprise: 1 }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { status: number; errors: { field: string }[] };
    expect(problem.status).toBe(400);
    expect(new Set(problem.errors.map((e) => e.field))).toEqual(new Set(['officeCode', 'channel', 'text', 'contact.email', 'surprise']));
    const [{ n: after }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${stack.intakeSchema}".complaint`);
    expect(after).toBe(before);
  });

  it('answers 404 problem+json for an unknown complaint and 400 for an id that is not one', async () => {
    const unknown = await get(`${stack.api}/complaints/${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await get(`${stack.api}/complaints/not-a-uuid`)).status).toBe(400);
  });

  it('serves its OpenAPI description', async () => {
    const doc = await get(`${stack.gateway.healthUrl}/api/docs-json`);
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body['paths'] as object)).toEqual(expect.arrayContaining(['/api/v1/complaints', '/api/v1/complaints/{id}']));
  });

  it("never writes the reporter's personal data to its logs", () => {
    const logs = stack.intake.logs() + stack.gateway.logs();
    expect(logs.length).toBeGreaterThan(0);
    for (const personal of [reporter.name, reporter.phone, reporter.email, 'biaya tambahan']) {
      expect(logs).not.toContain(personal);
    }
  });
});

describe('a service that starts while its dependencies are down', () => {
  const schemas: string[] = [];
  const running: ServiceProcess[] = [];
  const proxies: TcpProxy[] = [];

  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.stop()));
    await Promise.all(proxies.splice(0).map((p) => p.down()));
    await Promise.all(schemas.splice(0).map((s) => dropSchema(s)));
  });

  it('reports not-ready while Postgres is unreachable and becomes ready by itself when it returns', async () => {
    const pg = new URL(infra.databaseUrl);
    const proxy = new TcpProxy(await freePort(), { host: pg.hostname, port: Number(pg.port || 5432) });
    proxies.push(proxy);
    const viaProxy = new URL(infra.databaseUrl);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const schema = uniqueSchemaName('e2e_down');
    schemas.push(schema);
    const { proc } = await intakeProcess(schema, { DATABASE_URL: viaProxy.toString() });
    running.push(proc.start());

    const down = await eventually(async () => {
      const r = await proc.readiness();
      return r.status === 503 ? r.body : undefined;
    });
    expect(down).toMatchObject({ status: 'not-ready', checks: { postgres: { ok: false } } });
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await proc.readiness()).status).toBe(503); // still retrying, still alive

    await proxy.up();
    await proc.waitUntilReady(60_000);
    expect(proc.logs()).toMatch(/connecting to Postgres and migrating failed; retrying/);
  });

  it('reports not-ready while Kafka is unreachable and becomes ready by itself when it returns', async () => {
    const [host, port] = infra.kafkaBrokers[0].split(':');
    const proxy = new TcpProxy(await freePort(), { host, port: Number(port) });
    proxies.push(proxy);
    const schema = uniqueSchemaName('e2e_down');
    schemas.push(schema);
    const { proc } = await intakeProcess(schema, { KAFKA_BROKERS: `127.0.0.1:${proxy.port}` });
    running.push(proc.start());

    // Postgres is there, so migrations run; Kafka is not, so the service stays not-ready.
    const down = await eventually(async () => {
      const r = await proc.readiness();
      const checks = (r.body as { checks?: Record<string, { ok: boolean }> } | undefined)?.checks;
      return r.status === 503 && checks?.['postgres']?.ok ? r.body : undefined;
    });
    expect(down).toMatchObject({ status: 'not-ready', checks: { postgres: { ok: true }, kafka: { ok: false } } });
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await proc.readiness()).status).toBe(503);

    await proxy.up();
    await proc.waitUntilReady(90_000);
  });
});
