import { dropSchema, eventually, freePort, ServiceProcess, TcpProxy, testInfrastructure, uniqueSchemaName, uniqueSuffix } from '@pengaduan/testing';
import { randomBytes } from 'node:crypto';

// A service runs as its own process, from its sources, against the real broker and Postgres
// reached through a proxy that the test takes down and brings back.

const infra = testInfrastructure();
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
      KAFKA_GROUP_PREFIX: `e2e-${uniqueSuffix()}.`,
      ...overrides,
    },
    `http://127.0.0.1:${httpPort}`,
  );
  return { proc, grpcPort };
}

/** How many of the process's log lines carry this message. */
function retriesLogged(proc: ServiceProcess, msg: string): number {
  return proc
    .logs()
    .split('\n')
    .filter((l) => l.includes(`"msg":${JSON.stringify(msg)}`)).length;
}

/** How many connections to `broker` kafkajs logged as refused (one line per connection attempt). */
function refusalsLogged(proc: ServiceProcess, broker: string): number {
  return proc
    .logs()
    .split('\n')
    .filter((l) => l.includes(`"broker":${JSON.stringify(broker)}`) && l.includes(`ECONNREFUSED ${broker}`)).length;
}

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
    // Still retrying, still alive: a later attempt logged, rather than 2 s of nothing.
    await eventually(async () => (retriesLogged(proc, 'connecting to Postgres and migrating failed; retrying') >= 3 ? true : undefined), 30_000, 'a third attempt at Postgres');
    expect((await proc.readiness()).status).toBe(503);

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
    // Still retrying, still alive: kafkajs logs each connection the stopped broker refuses (its
    // own retries run long before the service logs one), so wait for a third refusal.
    await eventually(async () => (refusalsLogged(proc, `127.0.0.1:${proxy.port}`) >= 3 ? true : undefined), 30_000, 'a third connection refused by the stopped broker');
    expect((await proc.readiness()).status).toBe(503);

    await proxy.up();
    await proc.waitUntilReady(90_000);
  });
});
