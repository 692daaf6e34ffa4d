import { REPO_ROOT } from '@pengaduan/testing';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlatformProcess } from '../__fixtures__/platform-process';
import { freePortOffset } from './__fixtures__/port-offset';

// A newcomer on a bare machine, as the README says: `npm start` runs the embedded default; "ready"
// means a login works; the gateway's `user add` and the audit replay find the running platform by
// themselves (no DATABASE_URL, no bus URL, no keys by hand); one setting, PORT_OFFSET, moves every
// port and the services still find one another. The launcher runs from its sources as a child
// process, each command as its own process with none of the test run's variables.

jest.setTimeout(600_000);

const WEB_DIST = join(REPO_ROOT, 'services', 'admin-web', 'dist', 'index.html');
const AUDIT_SCRIPT = join(REPO_ROOT, 'scripts', 'audit-embedded.mjs');

let dir: string;
let dataDir: string;
let platform: PlatformProcess | undefined;

/** A command as a newcomer types it: their PATH and HOME, the platform's data directory, nothing else. */
function command(args: string[], extra: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], EMBEDDED_DATA_DIR: dataDir, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

/** `node services/gateway/dist/main.js …`, from its sources. */
const gatewayCli = (args: string[]) => command(['-r', '@swc-node/register', 'services/gateway/src/main.ts', ...args]);

async function logIn(api: string, username: string, password: string): Promise<{ status: number; token?: string }> {
  const res = await fetch(`${api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await res.json()) as { accessToken?: string };
  return { status: res.status, ...(body.accessToken ? { token: body.accessToken } : {}) };
}

beforeAll(() => {
  if (!existsSync(WEB_DIST)) throw new Error(`the web app is not built (${WEB_DIST} is missing): run \`npm run build:web\` first (npm test does)`);
  if (!existsSync(join(REPO_ROOT, 'services', 'gateway', 'dist', 'embedded-platform.js'))) throw new Error('the services are not built: run `npx tsc --build tsconfig.build.json` first (npm test does)');
  dir = mkdtempSync(join(tmpdir(), 'pengaduan-newcomer-'));
  dataDir = join(dir, 'data');
});

afterAll(async () => {
  await platform?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a newcomer runs the embedded default from the README', () => {
  it('moves every port with PORT_OFFSET, logs in the moment it says ready, adds an officer and audits the log without being told where the platform is', async () => {
    const offset = await freePortOffset();
    platform = new PlatformProcess({ PORT_OFFSET: String(offset), EMBEDDED_DATA_DIR: dataDir, DEV_SECRETS_FILE: join(dir, 'dev-secrets.env'), LOG_LEVEL: 'warn' }).start();
    await platform.waitForLine(/^platform: ready in/, 300_000);
    const webApp = platform.lines.map((l) => /^Web app: (http:\/\/\S+\/)$/.exec(l)?.[1]).find(Boolean);
    expect(webApp).toBe(`http://127.0.0.1:${3000 + offset}/`);
    const api = `${webApp}api/v1`;
    // What it prints to do next names this data directory, which is not the default one.
    expect(platform.lines).toContainEqual(expect.stringContaining(`EMBEDDED_DATA_DIR=${dataDir} node scripts/audit-embedded.mjs`));
    const printed = Object.fromEntries(platform.lines.map((l) => /created (\S+) \(.*\) password: (\S+)$/.exec(l)).filter((m): m is RegExpExecArray => m !== null).map((m) => [m[1], m[2]]));

    // "ready" means a login works: the first attempt, no retry.
    const admin = await logIn(api, 'admin.tikkim', printed['admin.tikkim'] as string);
    expect(admin.status).toBe(200);
    // intake, reached by the gateway at its moved gRPC port, registers a complaint.
    const registered = await fetch(`${api}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ officeCode: 'BLP', channel: 'PHONE', text: 'Antrean paspor melebihi jam layanan.' }),
    });
    expect(registered.status).toBe(201);

    // `user add` with no DATABASE_URL: the platform's database, as the gateway's role.
    const added = await gatewayCli(['user', 'add', '--username', 'budi.auditor', '--role', 'AUDITOR', '--office', 'BLP']);
    expect({ code: added.code, err: added.err }).toEqual({ code: 0, err: expect.stringContaining(`using the embedded platform's database`) });
    const password = /password: (\S+)$/m.exec(added.out)?.[1] ?? '';
    expect((await logIn(api, 'budi.auditor', password)).status).toBe(200);

    // The audit replay of the bus's log, every event checked against the published keys.
    const report = join(dir, 'audit.json');
    const audit = await command([AUDIT_SCRIPT, '--json', report]);
    expect({ code: audit.code, stderr: audit.code === 0 ? '' : audit.err }).toEqual({ code: 0, stderr: '' });
    const replay = JSON.parse(readFileSync(report, 'utf8')) as { clean: boolean; signatures: { checked: boolean; verified: number; failed: number }; complaints: unknown[] };
    expect(replay.signatures).toMatchObject({ checked: true, failed: 0 });
    expect(replay.signatures.verified).toBeGreaterThanOrEqual(1);
    expect(replay.complaints).toHaveLength(1);

    // Stopped, it is found no more: the commands say to start it.
    expect(await platform.stop()).toBe(0);
    expect(existsSync(join(dataDir, 'platform.json'))).toBe(false);
    const after = await gatewayCli(['user', 'list']);
    expect({ code: after.code, err: after.err }).toEqual({ code: 78, err: expect.stringMatching(/DATABASE_URL is not set, and no embedded platform runs on .*npm start/) });
    const auditAfter = await command([AUDIT_SCRIPT]);
    expect({ code: auditAfter.code, err: auditAfter.err }).toEqual({ code: 2, err: expect.stringMatching(/no embedded platform runs on .*npm start/) });
  });
});
