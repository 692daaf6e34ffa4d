import { eventually, REPO_ROOT, untilApplied } from '@pengaduan/testing';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analysisBody, BRANCH_STEPS, confirmBody, decreeBody, deliveryBody, dispositionBody, type Branch, type Officer as Role } from '../../gateway/src/__fixtures__/sop-over-rest';
import { Client } from 'pg';
import { applyDevSecrets, keepSecrets } from '../../../scripts/dev-secrets.cjs';
import { PlatformProcess, platformPorts } from './__fixtures__/platform-process';

// The embedded default (docs/adr/0020): `npm start` on a machine with only Node.js runs every
// service in one process, on PGlite and the in-process bus, its data under one directory. Here
// the launcher runs from its sources as a child process — without the run's KAFKA_BROKERS or
// DATABASE_URL — with a data directory of its own; officers log in with the demo passwords it
// prints and carry one complaint through the whole SOP; then it is stopped and started again on
// the same data, and nothing is lost — nor the databases' passwords, which it asks of every
// connection (docs/adr/0024). Start-up times and memory are measured and logged
// (.local/test-logs/embedded-default.json), not asserted.

jest.setTimeout(600_000);

const WEB_DIST = join(REPO_ROOT, 'services', 'admin-web', 'dist', 'index.html');
const SOP_EVENTS = [
  ['complaint.received', 'ADMIN_TIKKIM'],
  ['complaint.confirmed', 'ADMIN_TIKKIM'],
  ['complaint.disposed', 'KEPALA_KANTOR'],
  ['complaint.section-responded', 'SEKSI_TERKAIT'],
  ['complaint.disposition-completed', 'SEKSI_TERKAIT'],
  ['complaint.analyzed', 'ADMIN_TIKKIM'],
  ['complaint.follow-up-decided', 'KEPALA_SEKSI_TI'],
  ['complaint.team-formed', 'KEPALA_KANTOR'],
  ['complaint.reporter-informed', 'ADMIN_TIKKIM'],
  ['complaint.information-delivered', 'ADMIN_TIKKIM'],
  ['complaint.closed', 'ADMIN_TIKKIM'],
];
type Officer = 'admin.tikkim' | 'kepala.kantor' | 'seksi.inteldakim' | 'seksi.lantaskim' | 'kepala.seksi.ti' | 'auditor';
/** The demo office's officer of each role the SOP names. */
const DEMO_OFFICER: Record<Role, Officer> = { admin: 'admin.tikkim', kakan: 'kepala.kantor', inteldakim: 'seksi.inteldakim', lantaskim: 'seksi.lantaskim', kasiTi: 'kepala.seksi.ti', auditor: 'auditor' };

let dataDir: string;
let env: Record<string, string>;
let api: string;
let webApp: string;
const passwords: Record<string, string> = {};
const tokens: Partial<Record<Officer, string>> = {};
const measurements: Record<string, unknown> = {};
let running: PlatformProcess | undefined;

function report(what: string, value: unknown): void {
  measurements[what] = value;
  process.stderr.write(`[embedded default] ${what}: ${JSON.stringify(value)}\n`);
}

/** Starts the platform; resolves once the web app answers GET / with 200, with the time that took. */
async function start(label: string): Promise<PlatformProcess> {
  const platform = new PlatformProcess(env).start();
  running = platform;
  const [, url] = await platform.waitForLine(/^Web app: (http:\/\/\S+\/)$/, 300_000);
  webApp = url;
  api = `${url}api/v1`;
  const ms = await eventually(async () => ((await fetch(url).catch(() => undefined))?.status === 200 ? platform.elapsedMs() : undefined), 60_000, 'GET / to answer 200');
  report(`${label}: spawn to GET / answering 200 (ms)`, ms);
  return platform;
}

async function call(method: string, path: string, who: Officer | null, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (who) headers['authorization'] = `Bearer ${tokens[who]}`;
  if (method === 'POST') headers['idempotency-key'] = randomUUID();
  const res = await fetch(`${api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function logIn(): Promise<void> {
  for (const who of ['admin.tikkim', 'kepala.kantor', 'seksi.inteldakim', 'seksi.lantaskim', 'kepala.seksi.ti', 'auditor'] as Officer[]) {
    const r = await call('POST', '/auth/login', null, { username: who, password: passwords[who] });
    expect({ who, status: r.status }).toEqual({ who, status: 200 });
    tokens[who] = r.body['accessToken'] as string;
  }
}

async function statusOf(id: string): Promise<string> {
  return (await call('GET', `/complaints/${id}`, 'admin.tikkim')).body['status'] as string;
}

/**
 * A command, accepted with `status`, and then applied by the gateway's view: its own event ids in
 * the timeline (as SopOverRest.act), not the status, which an event that follows at once can pass
 * between two polls.
 */
async function act(who: Officer, id: string, action: string, body: unknown, status: string): Promise<void> {
  const r = await call('POST', `/complaints/${id}/${action}`, who, body);
  expect({ action, status: r.status, body: r.status === 200 ? 'ok' : r.body }).toEqual({ action, status: 200, body: 'ok' });
  expect(r.body['status']).toBe(status);
  await expectApplied(id, r.body['eventIds'] as string[]);
}

/** Waits until the gateway's timeline of the complaint holds every one of these events. */
function expectApplied(id: string, eventIds: readonly string[]): Promise<void> {
  return untilApplied(id, eventIds, async () => (await call('GET', `/complaints/${id}/timeline`, 'auditor')).body['events'] as { id: string }[] | undefined);
}

async function register(): Promise<{ id: string; trackingNumber: string }> {
  const r = await call('POST', '/complaints', 'admin.tikkim', {
    officeCode: 'BLP',
    channel: 'PHONE',
    text: 'Pemohon paspor diminta membayar biaya di luar ketentuan oleh calo di depan kantor.',
    contact: { name: 'Rudi Hartono', phone: '+6281355566677' },
  });
  expect(r.status).toBe(201);
  const id = r.body['id'] as string;
  expect(r.body['status']).toBe('RECEIVED');
  // The view once it has the complaint at all (its receipt cannot be passed), not once it shows RECEIVED.
  const view = await eventually(async () => {
    const v = await call('GET', `/complaints/${id}`, 'admin.tikkim');
    return v.status === 200 ? v : undefined;
  }, 30_000, `complaint ${id} in the gateway's view`);
  return { id, trackingNumber: view.body['trackingNumber'] as string };
}

/**
 * Registers a complaint and sends each next command of the branch the moment the previous one
 * answered (no wait, no poll: docs/adr/0033); every reply that is not the one expected.
 */
async function walkAtOnce(branch: Branch): Promise<{ action: string; status: number; body: unknown }[]> {
  const registered = await call('POST', '/complaints', 'admin.tikkim', { officeCode: 'BLP', channel: 'PHONE', text: 'Antrean paspor melebihi jam layanan.' });
  if (registered.status !== 201) return [{ action: 'register', status: registered.status, body: registered.body }];
  const id = registered.body['id'] as string;
  for (const [who, action, body, expected] of BRANCH_STEPS[branch]) {
    const r = await call('POST', `/complaints/${id}/${action}`, DEMO_OFFICER[who], body());
    if (r.status !== 200 || r.body['status'] !== expected) return [{ action, status: r.status, body: r.body }];
  }
  return [];
}

async function complaintTimeline(id: string): Promise<{ id: string; type: string; actorRole: string | null }[]> {
  const r = await call('GET', `/complaints/${id}/timeline`, 'auditor');
  expect(r.status).toBe(200);
  return (r.body['events'] as { id: string; type: string; actorRole: string | null }[]).filter((e) => e.type.startsWith('complaint.'));
}

/** The passwords the platform keeps under its data directory for its database (`pglite`) or the bus's (`pglite-bus`). */
function databasePasswords(database: 'pglite' | 'pglite-bus'): Record<string, string> {
  return keepSecrets(join(env['EMBEDDED_DATA_DIR'], `${database}-passwords.env`), {});
}

/** `npm run audit` (from its sources) against the running platform's bus; resolves with its exit code and JSON report. */
async function auditReplay(): Promise<{ code: number | null; report: { clean: boolean; complaints: { complaintId: string }[]; signatures: { checked: boolean; verified: number; failed: number } } }> {
  const keys = applyDevSecrets({ DEV_SECRETS_FILE: env['DEV_SECRETS_FILE'] }, ['intake', 'disposition', 'analysis', 'team-decree', 'notification', 'sla-monitor', 'gateway']);
  const json = join(dataDir, 'audit.json');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'services/audit/src/main.ts', '--brokers', 'embedded', '--json', json], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'], EMBEDDED_BUS_DATABASE_URL: `postgres://postgres:${databasePasswords('pglite-bus')['postgres']}@127.0.0.1:${env['EMBEDDED_BUS_PORT']}/postgres`, EVENT_PUBLIC_KEYS: keys['EVENT_PUBLIC_KEYS'] },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (!existsSync(json)) throw new Error(`the audit wrote no report (exit ${code}): ${stderr}`);
  return { code, report: JSON.parse(readFileSync(json, 'utf8')) };
}

beforeAll(async () => {
  if (!existsSync(WEB_DIST)) {
    throw new Error(`the web app is not built (${WEB_DIST} is missing): run \`npm run build:web\` first (npm test does)`);
  }
  dataDir = mkdtempSync(join(tmpdir(), 'pengaduan-embedded-'));
  env = {
    ...(await platformPorts()),
    EMBEDDED_DATA_DIR: join(dataDir, 'data'),
    DEV_SECRETS_FILE: join(dataDir, 'dev-secrets.env'),
    LOG_LEVEL: 'info',
  };
});

afterAll(async () => {
  await running?.stop();
  const dir = join(REPO_ROOT, '.local', 'test-logs');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'embedded-default.json'), `${JSON.stringify(measurements, null, 2)}\n`);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded default: every service in one process, on PGlite and the in-process bus', () => {
  let complaint: { id: string; trackingNumber: string };
  let timelineBefore: { id: string; type: string; actorRole: string | null }[];
  let passwordsBefore: Record<string, string>;

  it('starts on an empty data directory, prints the demo passwords once, and carries a complaint through the SOP to CLOSED', async () => {
    const platform = await start('first start');
    const created = platform.lines.map((l) => /created (\S+) \((.*)\) password: (\S+)$/.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    expect(created.map((m) => m[1]).sort()).toEqual(['admin.tikkim', 'auditor', 'kepala.kantor', 'kepala.seksi.ti', 'operator', 'seksi.inteldakim', 'seksi.lantaskim']);
    for (const m of created) passwords[m[1]] = m[3];
    expect(platform.lines.some((l) => l.includes(`Log in at ${webApp}masuk`))).toBe(true);
    const page = await fetch(webApp);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    await logIn();

    complaint = await register();
    expect(complaint.trackingNumber).toMatch(/^BLP-\d{4}-000001$/);
    const { id } = complaint;
    await act('admin.tikkim', id, 'confirm', confirmBody, 'CONFIRMED');
    await act('kepala.kantor', id, 'disposition', dispositionBody('INTELDAKIM'), 'DISPOSED');
    await act('seksi.inteldakim', id, 'section-responses', { response: 'Calo teridentifikasi, sudah diperingatkan.' }, 'SECTION_PROCESSED');
    await act('admin.tikkim', id, 'analysis', analysisBody, 'ANALYZED');
    await act('kepala.seksi.ti', id, 'decision', { decision: 'FOLLOW_UP', reason: 'Perlu penanganan oleh tim.' }, 'FOLLOW_UP_DECIDED');
    await act('kepala.kantor', id, 'team-decree', decreeBody, 'TEAM_FORMED');
    await act('admin.tikkim', id, 'follow-up-information', { text: 'Pengaduan Anda telah ditindaklanjuti oleh tim.' }, 'REPORTER_INFORMED');
    await act('admin.tikkim', id, 'delivery-confirmation', deliveryBody(), 'CLOSED');

    timelineBefore = await eventually(async () => {
      const events = await complaintTimeline(id);
      return events.length >= SOP_EVENTS.length ? events : undefined;
    }, 30_000, 'the whole timeline');
    expect(timelineBefore.map((e) => [e.type, e.actorRole])).toEqual(SOP_EVENTS);
    expect(new Set(timelineBefore.map((e) => e.id)).size).toBe(timelineBefore.length);
    report('first start: resident memory with the demo data and one closed complaint (MiB, VmRSS)', platform.residentMiB());
    passwordsBefore = databasePasswords('pglite');
    expect(Object.keys(passwordsBefore)).toContain('pengaduan_gateway');

    expect(await platform.stop()).toBe(0);
    expect(platform.lines.at(-1)).toBe('platform: stopped');
  });

  it('starts again on the same data: the complaint is still CLOSED with the same timeline, no password is shown again, numbering goes on', async () => {
    expect(complaint).toBeDefined();
    const platform = await start('second start');
    expect(platform.lines.filter((l) => /password: \S+$/.test(l))).toEqual([]);
    expect(platform.lines.some((l) => l.startsWith('Demo office BLP: its officers') && l.includes('exist already'))).toBe(true);
    await logIn();

    expect(await statusOf(complaint.id)).toBe('CLOSED');
    expect(await complaintTimeline(complaint.id)).toEqual(timelineBefore);
    // The same passwords, and asked for: a wrong one is refused, a service's role gets in to its schema only.
    expect(databasePasswords('pglite')).toEqual(passwordsBefore);
    const database = { host: '127.0.0.1', port: Number(env['EMBEDDED_DB_PORT']), database: 'postgres' };
    const intruder = new Client({ ...database, user: 'postgres', password: 'guessed' });
    await expect(intruder.connect()).rejects.toMatchObject({ code: '28P01' });
    const gateway = new Client({ ...database, user: 'pengaduan_gateway', password: passwordsBefore['pengaduan_gateway'] });
    await gateway.connect();
    try {
      await expect(gateway.query('SELECT count(*) FROM intake.migrations')).rejects.toThrow(/permission denied for schema intake/);
    } finally {
      await gateway.end();
    }
    // The auditors' replay reads the bus's log as it reads Kafka: every event there, signed and in order.
    const audit = await auditReplay();
    expect(audit.report.complaints.map((c) => c.complaintId)).toEqual([complaint.id]);
    expect(audit.report.signatures).toMatchObject({ checked: true, failed: 0 });
    expect(audit.report.signatures.verified).toBeGreaterThanOrEqual(SOP_EVENTS.length);
    expect({ code: audit.code, clean: audit.report.clean }).toEqual({ code: 0, clean: true });
    const next = await register();
    expect(next.trackingNumber).toBe(complaint.trackingNumber.replace(/\d{6}$/, '000002'));
    report('second start: resident memory (MiB, VmRSS)', platform.residentMiB());

    // Scripts that act on every answer at once, one per branch at a time, four rounds: none is
    // refused for being early. (Far more at once than the one process keeps up with makes its
    // consumers trail by more than the services' 3 s wait: NOT_CAUGHT_UP, by design.)
    const refused: Awaited<ReturnType<typeof walkAtOnce>> = [];
    for (let round = 0; round < 4; round++) refused.push(...(await Promise.all((['followUp', 'noFollowUp', 'dismissed'] as Branch[]).map(walkAtOnce))).flat());
    expect(refused).toEqual([]);

    expect(await platform.stop()).toBe(0);
  });
});
