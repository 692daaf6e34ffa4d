import { REPO_ROOT } from '@pengaduan/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';

// The embedded Postgres of `npm start` on a bare machine (docs/adr/0020): PGlite behind the wire
// protocol, shared by many `pg` connections. What is under test here is that sharing — each
// connection gets its own role and search_path, transactions and extended-protocol exchanges
// never interleave, NOTIFY reaches the listener — so it runs on PGlite itself, in a temporary
// directory, served by a process of its own (__fixtures__/serve-embedded-postgres.ts). The services'
// own tests run on the real Postgres.

jest.setTimeout(120_000);

let dir: string;
let server: { child: ChildProcess; port: number; created: boolean };
const clients: Client[] = [];

/** Starts the fixture on `dir`; resolves once it listens. */
async function serve(idleInTransactionTimeoutMs?: number): Promise<{ child: ChildProcess; port: number; created: boolean }> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'services/platform/src/__fixtures__/serve-embedded-postgres.ts', join(dir, 'pglite'), ...(idleInTransactionTimeoutMs ? [String(idleInTransactionTimeoutMs)] : [])],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  for await (const line of createInterface({ input: child.stdout })) {
    const m = /^listening (\d+) (true|false)$/.exec(line);
    if (m) return { child, port: Number(m[1]), created: m[2] === 'true' };
  }
  throw new Error(`the embedded Postgres fixture exited with ${child.exitCode}`);
}

async function stop(): Promise<void> {
  for (const c of clients.splice(0)) await c.end().catch(() => undefined);
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

async function connect(user = 'postgres', options?: string): Promise<Client> {
  const c = new Client({ connectionString: `postgres://${user}@127.0.0.1:${server.port}/postgres`, ...(options ? { options } : {}) });
  c.on('error', () => undefined);
  await c.connect();
  clients.push(c);
  return c;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pengaduan-pglite-'));
  server = await serve(2_000);
  const admin = await connect();
  for (const s of ['a', 'b']) {
    await admin.query(`CREATE ROLE "role_${s}" LOGIN`);
    await admin.query(`CREATE SCHEMA "${s}" AUTHORIZATION "role_${s}"`);
    await admin.query(`REVOKE ALL ON SCHEMA "${s}" FROM PUBLIC`);
  }
});

afterAll(async () => {
  if (server) await stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('PGlite shared by many connections', () => {
  it('gives each connection the role of its user and the search_path of its options, and keeps schemas apart', async () => {
    expect(server.created).toBe(true);
    const a = await connect('role_a', '-c search_path=a,public -c timezone=UTC');
    const b = await connect('role_b', '-c search_path=b,public');
    await a.query('CREATE TABLE t (x int)');
    await b.query('CREATE TABLE t (x int)');
    await a.query('INSERT INTO t VALUES (1)');
    await b.query('INSERT INTO t VALUES (2)');
    // Interleaved on purpose: each statement runs with its own connection's session.
    const [ra, rb] = await Promise.all([
      a.query<{ who: string; path: string; x: number }>('SELECT current_user AS who, current_setting($1) AS path, x FROM t', ['search_path']),
      b.query<{ who: string; path: string; x: number }>('SELECT current_user AS who, current_setting($1) AS path, x FROM t', ['search_path']),
    ]);
    expect(ra.rows).toEqual([{ who: 'role_a', path: 'a,public', x: 1 }]);
    expect(rb.rows).toEqual([{ who: 'role_b', path: 'b,public', x: 2 }]);
    await expect(b.query('SELECT * FROM a.t')).rejects.toThrow(/permission denied for schema a/);
    const admin = await connect();
    expect((await admin.query('SELECT current_user AS who, current_setting($1) AS path', ['search_path'])).rows).toEqual([{ who: 'postgres', path: 'public' }]);
  });

  it('runs one transaction at a time: another connection waits until COMMIT, and sees what was committed', async () => {
    const a = await connect('role_a', '-c search_path=a,public');
    const b = await connect('role_a', '-c search_path=a,public');
    await a.query('CREATE TABLE serial_test (x int)');
    await a.query('BEGIN');
    await a.query('INSERT INTO serial_test VALUES (1)');
    let answered = false;
    const waiting = b.query<{ n: number }>('SELECT count(*)::int AS n FROM serial_test').then((r) => ((answered = true), r));
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    await a.query('COMMIT');
    expect((await waiting).rows).toEqual([{ n: 1 }]);
  });

  it('never interleaves two connections’ extended-protocol exchanges', async () => {
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) => connect(i % 2 ? 'role_a' : 'role_b', `-c search_path=${i % 2 ? 'a' : 'b'},public`)));
    let wrong = 0;
    await Promise.all(
      many.map(async (c, i) => {
        for (let k = 0; k < 100; k++) {
          const v = i * 1000 + k;
          const r = await c.query<{ v: number; s: string; who: string }>('SELECT $1::int AS v, $2::text AS s, current_user AS who', [v, `x${v}`]);
          if (r.rows[0].v !== v || r.rows[0].s !== `x${v}` || r.rows[0].who !== (i % 2 ? 'role_a' : 'role_b')) wrong++;
          if (k % 10 === 0) {
            await c.query('BEGIN');
            await c.query('SELECT pg_advisory_xact_lock(1)');
            await c.query('COMMIT');
          }
        }
      }),
    );
    expect(wrong).toBe(0);
  });

  it('delivers a NOTIFY, committed on one connection, to the connection that LISTENs', async () => {
    const listener = await connect('role_a');
    const got: string[] = [];
    listener.on('notification', (n) => got.push(`${n.channel}:${n.payload}`));
    await listener.query('LISTEN "outbox_a"');
    const other = await connect('role_b');
    await other.query('BEGIN');
    await other.query("SELECT pg_notify('outbox_a', 'in a transaction')");
    await other.query('COMMIT');
    await other.query("NOTIFY outbox_a, 'on its own'");
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toEqual(['outbox_a:in a transaction', 'outbox_a:on its own']);
    await listener.query('UNLISTEN *');
    await other.query("NOTIFY outbox_a, 'nobody listens'");
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toHaveLength(2);
  });

  it('rolls back the transaction of a connection that goes away, and of one idle in a transaction while others wait', async () => {
    const a = await connect('role_a', '-c search_path=a,public');
    await a.query('CREATE TABLE rollback_test (x int)');
    const gone = await connect('role_a', '-c search_path=a,public');
    await gone.query('BEGIN');
    await gone.query('INSERT INTO rollback_test VALUES (1)');
    const count = () => a.query<{ n: number }>('SELECT count(*)::int AS n FROM rollback_test').then((r) => r.rows[0].n);
    const waiting = count();
    await new Promise((r) => setTimeout(r, 100));
    await gone.end();
    expect(await waiting).toBe(0);

    const idle = await connect('role_a', '-c search_path=a,public');
    await idle.query('BEGIN');
    await idle.query('INSERT INTO rollback_test VALUES (2)');
    const started = Date.now();
    expect(await count()).toBe(0); // answered once the idle transaction was given up (2 s here)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    await expect(idle.query('COMMIT')).rejects.toThrow();
    expect(await count()).toBe(0);
  });

  it('keeps what was committed when the database is opened again', async () => {
    const a = await connect('role_a', '-c search_path=a,public');
    await a.query('CREATE TABLE durable_test (x int)');
    await a.query('INSERT INTO durable_test VALUES (42)');
    await stop();
    server = await serve();
    expect(server.created).toBe(false);
    const again = await connect('role_a', '-c search_path=a,public');
    expect((await again.query('SELECT x FROM durable_test')).rows).toEqual([{ x: 42 }]);
  });
});
