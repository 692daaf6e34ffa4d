import { COMPLAINT_EVENTS_TOPIC } from '@pengaduan/contracts';
import { eventually, REPO_ROOT, startGroupAtEnd, testInfrastructure, uniqueSuffix } from '@pengaduan/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { freePortOffset } from './__fixtures__/port-offset';

// `npm start` with KAFKA_BROKERS and DATABASE_URL (scripts/start.mjs): every service its own
// process against the run's real broker and Postgres, in a database of its own (dropped after).
// One setting, PORT_OFFSET, moves every service's ports and every address by which they reach one
// another; the web app's URL is printed only once every service is ready, so that a login and a
// command work at once. The consumer groups are started at the end of the shared topic.

jest.setTimeout(600_000);

const GROUPS = ['intake', 'disposition', 'analysis', 'team-decree', 'notification', 'sla-monitor', 'gateway-projection'];
const database = `pengaduan_start_${uniqueSuffix()}`;
const admin = new URL(testInfrastructure().databaseUrl);
admin.pathname = `/${database}`;

let dir: string;
let child: ChildProcess | undefined;
let exited: Promise<number | null> | undefined;
const lines: string[] = [];

async function waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return eventually(async () => lines.map((l) => pattern.exec(l)).find((m) => m) ?? undefined, timeoutMs, `a line matching ${pattern}:\n${lines.slice(-40).join('\n')}`);
}

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGINT');
    await exited;
  }
  const server = new URL(admin);
  server.pathname = '/postgres';
  const c = new Client({ connectionString: server.toString() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await c.end();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm start against Kafka and Postgres', () => {
  it('runs every service on ports moved by PORT_OFFSET and prints the web app only when a login and a command work', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pengaduan-start-'));
    const prefix = `start-${uniqueSuffix()}.`;
    for (const group of GROUPS) await startGroupAtEnd(`${prefix}${group}`, COMPLAINT_EVENTS_TOPIC);
    const offset = await freePortOffset();
    child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        KAFKA_BROKERS: testInfrastructure().kafkaBrokers.join(','),
        DATABASE_URL: admin.toString(),
        KAFKA_GROUP_PREFIX: prefix,
        PORT_OFFSET: String(offset),
        DEV_SECRETS_FILE: join(dir, 'dev-secrets.env'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => child?.on('exit', resolve));
    for (const stream of [child.stdout, child.stderr]) if (stream) createInterface({ input: stream }).on('line', (l) => lines.push(l));

    const [, webApp] = await waitForLine(/^Web app: (http:\/\/\S+\/) /, 420_000);
    expect(webApp).toBe(`http://127.0.0.1:${3000 + offset}/`);
    // Printed by the demo seeding, before the services start.
    const password = lines.map((l) => /^created admin\.tikkim \(.*\) password: (\S+)$/.exec(l)?.[1]).find(Boolean);
    expect(password).toBeDefined();
    // The moment it says so: the first login works, and a command reaches intake at its moved gRPC port.
    const login = await fetch(`${webApp}api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin.tikkim', password }) });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const registered = await fetch(`${webApp}api/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ officeCode: 'BLP', channel: 'PHONE', text: 'Antrean paspor melebihi jam layanan.' }),
    });
    expect(registered.status).toBe(201);
    // The audit's keys: the public halves, one per service, beside the development secrets.
    const published = readFileSync(join(dir, 'published-keys.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(published.map((l) => l.split('=')[1]).sort()).toEqual(GROUPS.map((g) => `pengaduan/${g === 'gateway-projection' ? 'gateway' : g}`).sort());

    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
