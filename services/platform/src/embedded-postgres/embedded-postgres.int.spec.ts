import { eventually, REPO_ROOT } from '@pengaduan/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { connect as connectSocket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { keepSecrets } from '../../../../scripts/dev-secrets.cjs';

// The embedded Postgres of `npm start` on a bare machine (docs/adr/0020): PGlite behind the wire
// protocol, shared by many `pg` connections. What is under test here is that sharing — each
// connection gets its own role and search_path, transactions and extended-protocol exchanges
// never interleave, NOTIFY reaches the listener — so it runs on PGlite itself, in a temporary
// directory, served by a process of its own (__fixtures__/serve-embedded-postgres.ts). Every
// connection must prove its user's password first (SCRAM-SHA-256, docs/adr/0024); the passwords are
// kept beside the data (`pglite-passwords.env`). The services' own tests run on the real Postgres.

jest.setTimeout(120_000);

let dir: string;
let server: { child: ChildProcess; port: number; created: boolean };
const clients: Client[] = [];

/** Starts the fixture on `dir`; resolves once it listens. */
async function serve(idleInTransactionTimeoutMs?: number): Promise<{ child: ChildProcess; port: number; created: boolean }> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'services/platform/src/__fixtures__/serve-embedded-postgres.ts', join(dir, 'pglite'), ...(idleInTransactionTimeoutMs ? [String(idleInTransactionTimeoutMs)] : [])],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, EMBEDDED_TEST_ROLES: 'role_a,role_b' } },
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

/** The passwords the fixture keeps (`<role>=<password>` lines), read as the launcher reads them. */
function passwords(): Record<string, string> {
  return keepSecrets(join(dir, 'pglite-passwords.env'), {});
}

/** Connects as `user`, with its password unless another one is given (`null`: none). */
async function connect(user = 'postgres', options?: string, password: string | null = passwords()[user]): Promise<Client> {
  const c = new Client({ host: '127.0.0.1', port: server.port, database: 'postgres', user, ...(password !== null ? { password } : {}), ...(options ? { options } : {}) });
  c.on('error', () => undefined);
  clients.push(c);
  await c.connect();
  return c;
}

/** What the server answers a client that sends a startup packet and then `answer` (raw bytes), until it closes the connection. */
async function rawExchange(user: string, answer: Buffer): Promise<Buffer> {
  const socket = connectSocket(server.port, '127.0.0.1');
  const params = Buffer.from(`user\0${user}\0database\0postgres\0\0`, 'utf8');
  const startup = Buffer.alloc(8 + params.length);
  startup.writeInt32BE(startup.length, 0);
  startup.writeInt32BE(196608, 4);
  params.copy(startup, 8);
  const received: Buffer[] = [];
  let answered = false;
  return new Promise((resolve, reject) => {
    socket.on('connect', () => socket.write(startup));
    socket.on('data', (chunk) => {
      received.push(chunk);
      if (!answered) {
        answered = true;
        socket.write(answer);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(received)));
  });
}

/** The types of the backend messages in `bytes`, with the SQLSTATE of an ErrorResponse (`E:28P01`). */
function messageTypes(bytes: Buffer): string[] {
  const types: string[] = [];
  for (let at = 0; at + 5 <= bytes.length; at += 1 + bytes.readInt32BE(at + 1)) {
    const type = String.fromCharCode(bytes[at]);
    const body = bytes.subarray(at + 5, at + 1 + bytes.readInt32BE(at + 1)).toString('utf8');
    types.push(type === 'E' ? `E:${/(?:^|\0)C([^\0]*)/.exec(body)?.[1]}` : type === 'R' ? `R${bytes.readInt32BE(at + 5)}` : type);
  }
  return types;
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

describe('the embedded Postgres asks every connection for its password', () => {
  it('keeps the passwords of postgres and of each role beside the data, readable by its owner only', () => {
    expect(Object.keys(passwords()).sort()).toEqual(['postgres', 'role_a', 'role_b']);
    expect(statSync(join(dir, 'pglite-passwords.env')).mode & 0o777).toBe(0o600);
  });

  it('refuses a connection without a password, and one with a wrong password (28P01), and closes it', async () => {
    // SCRAM-SHA-256 is asked for; a cleartext (here empty) password is not taken, nor is a made-up SCRAM exchange.
    const empty = Buffer.from([0x70, 0, 0, 0, 5, 0]);
    expect(messageTypes(await rawExchange('postgres', empty))).toEqual(['R10', 'E:28P01']);
    await expect(connect('postgres', undefined, null)).rejects.toThrow(/password/);
    await expect(connect('postgres', undefined, 'wrong')).rejects.toMatchObject({ code: '28P01' });
    await expect(connect('role_a', undefined, passwords()['role_b'])).rejects.toMatchObject({ code: '28P01' });
    // A user without a password here is refused the same way, after the same exchange.
    await expect(connect('nobody', undefined, 'anything')).rejects.toMatchObject({ code: '28P01', message: 'password authentication failed for user "nobody"' });
  });

  it('refuses a role that has a password but does not exist in the database, instead of running it as another', async () => {
    const admin = await connect();
    await admin.query('ALTER ROLE role_b RENAME TO role_b_gone');
    const orphan = await connect('role_b');
    await expect(orphan.query('SELECT current_user')).rejects.toMatchObject({ code: '28000' });
    expect((await admin.query('SELECT current_user AS who')).rows).toEqual([{ who: 'postgres' }]);
    await admin.query('ALTER ROLE role_b_gone RENAME TO role_b');
    expect((await (await connect('role_b')).query('SELECT current_user AS who')).rows).toEqual([{ who: 'role_b' }]);
  });
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
    // Not a pause: a goes on in its transaction. b's statement went out first, so once a's is
    // answered the server has read b's too — and holds it (a pause would also leave a idle while
    // b waits, which this server rolls back after 2 s).
    expect((await a.query<{ n: number }>('SELECT count(*)::int AS n FROM serial_test')).rows).toEqual([{ n: 1 }]);
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
    await eventually(async () => (got.length >= 2 ? true : undefined), 10_000, 'both notifications');
    expect(got).toEqual(['outbox_a:in a transaction', 'outbox_a:on its own']);
    await listener.query('UNLISTEN *');
    await other.query("NOTIFY outbox_a, 'nobody listens'");
    // A notification the listener still wants, sent after: the server writes to the listener's
    // socket in order, so once this one is in, one for outbox_a would have come before it.
    await listener.query('LISTEN "probe_a"');
    await other.query("NOTIFY probe_a, 'after'");
    await eventually(async () => (got.includes('probe_a:after') ? true : undefined), 10_000, 'the notification sent after');
    expect(got).toEqual(['outbox_a:in a transaction', 'outbox_a:on its own', 'probe_a:after']);
  });

  it('rolls back the transaction of a connection that goes away, and of one idle in a transaction while others wait', async () => {
    const a = await connect('role_a', '-c search_path=a,public');
    await a.query('CREATE TABLE rollback_test (x int)');
    const gone = await connect('role_a', '-c search_path=a,public');
    await gone.query('BEGIN');
    await gone.query('INSERT INTO rollback_test VALUES (1)');
    const count = () => a.query<{ n: number }>('SELECT count(*)::int AS n FROM rollback_test').then((r) => r.rows[0].n);
    const waiting = count();
    // Answered while a's count waits: the server has read a's statement, sent first, before gone goes.
    await gone.query('SELECT 1');
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
    const before = passwords();
    server = await serve();
    expect(server.created).toBe(false);
    expect(passwords()).toEqual(before);
    const again = await connect('role_a', '-c search_path=a,public');
    expect((await again.query('SELECT x FROM durable_test')).rows).toEqual([{ x: 42 }]);
    await expect(connect('role_a', '-c search_path=a,public', 'wrong')).rejects.toMatchObject({ code: '28P01' });
  });
});
