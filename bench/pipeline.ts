// npm run bench:pipeline -- [--complaints N] [--concurrency C]
//
// Drives N complaints through all eight SOP steps (the follow-up branch) over the gateway's
// REST API at concurrency C, against the real stack: every service as its own process, real
// Kafka and Postgres (KAFKA_BROKERS / DATABASE_URL, else deploy/local as in the tests). Prints
// and writes to bench/results/: complaints per second, each step's transition latency
// (command accepted -> the gateway's view shows the new state) p50/p95/p99, and peak memory
// per service. Not part of the tests.
import {
  addSections,
  provideTestInfrastructure,
  randomOfficeCode,
  releaseTestInfrastructure,
  startPlatformStack,
  type PlatformStack,
} from '@pengaduan/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const N = arg('complaints', 40);
const C = arg('concurrency', 4);
const office = randomOfficeCode();
const ROLES = { admin: 'ADMIN_TIKKIM', kakan: 'KEPALA_KANTOR', seksi: 'SEKSI_TERKAIT', kasiTi: 'KEPALA_SEKSI_TI' } as const;
type Who = keyof typeof ROLES;

let stack: PlatformStack;
const tokens = {} as Record<Who, string>;

async function call(method: string, path: string, who: Who | null, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': randomUUID() };
  if (who) headers['authorization'] = `Bearer ${tokens[who]}`;
  const res = await fetch(`${stack.api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

async function waitForStatus(id: string, status: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await call('GET', `/complaints/${id}`, 'admin');
    if (r.body['status'] === status) return;
    if (Date.now() > deadline) throw new Error(`complaint ${id} never reached ${status} (last ${String(r.body['status'])})`);
    await new Promise((res) => setTimeout(res, 10));
  }
}

const STEPS: { name: string; who: Who; path: (id: string) => string; body: () => unknown; status: string; expect: number }[] = [
  { name: '1 register', who: 'admin', path: () => '/complaints', body: () => ({ officeCode: office, channel: 'PHONE', text: 'Antrean paspor tidak tertib.', contact: { phone: '+62811000111' } }), status: 'RECEIVED', expect: 201 },
  { name: '2 confirm', who: 'admin', path: (id) => `/complaints/${id}/confirm`, body: () => ({ classificationCode: '02', summary: 'Antrean tidak tertib.', anonymous: false, confidential: false }), status: 'CONFIRMED', expect: 200 },
  { name: '3 dispose', who: 'kakan', path: (id) => `/complaints/${id}/disposition`, body: () => ({ lines: [{ sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI'] }] }), status: 'DISPOSED', expect: 200 },
  { name: '3 section response', who: 'seksi', path: (id) => `/complaints/${id}/section-responses`, body: () => ({ response: 'Antrean ditata ulang.' }), status: 'SECTION_PROCESSED', expect: 200 },
  { name: '4 analyze', who: 'admin', path: (id) => `/complaints/${id}/analysis`, body: () => ({ findings: 'Benar.', substantiated: 'YES', classificationCode: '02', severity: 'MEDIUM', recommendation: 'Tim.' }), status: 'ANALYZED', expect: 200 },
  { name: '5 decide', who: 'kasiTi', path: (id) => `/complaints/${id}/decision`, body: () => ({ decision: 'FOLLOW_UP', reason: 'Perlu tim.' }), status: 'FOLLOW_UP_DECIDED', expect: 200 },
  {
    name: '6 team decree',
    who: 'kakan',
    path: (id) => `/complaints/${id}/team-decree`,
    body: () => ({
      decreeDate: '2026-11-27',
      members: [{ name: 'Andi Wijaya', nip: '198001012005011001', position: 'Kepala Seksi', teamRole: 'KETUA' }],
      mandate: 'Menata antrean.',
      periodStartDate: '2026-11-27',
      periodEndDate: '2026-12-27',
    }),
    status: 'TEAM_FORMED',
    expect: 200,
  },
  { name: '7 inform', who: 'admin', path: (id) => `/complaints/${id}/follow-up-information`, body: () => ({ text: 'Sudah ditindaklanjuti.' }), status: 'REPORTER_INFORMED', expect: 200 },
  { name: '8 delivered', who: 'admin', path: (id) => `/complaints/${id}/delivery-confirmation`, body: () => ({ method: 'PHONE_CALL', deliveredAt: new Date().toISOString() }), status: 'CLOSED', expect: 200 },
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  const infra = await provideTestInfrastructure(log);
  process.env['KAFKA_BROKERS'] = infra.kafkaBrokers.join(',');
  process.env['DATABASE_URL'] = infra.databaseUrl;
  stack = await startPlatformStack({ extraEnv: { LOG_LEVEL: 'warn' } });
  const latencies = new Map<string, number[]>(STEPS.map((s) => [s.name, []]));
  try {
    await addSections(stack, office, [{ code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian' }]);
    for (const [who, role] of Object.entries(ROLES) as [Who, string][]) {
      const password = randomBytes(12).toString('base64url');
      const username = `bench.${who}.${office.toLowerCase()}`;
      stack.processes['gateway'].runCommand(['user', 'add', '--username', username, '--role', role, '--office', office, ...(who === 'seksi' ? ['--section', 'LANTASKIM'] : [])], {
        GATEWAY_NEW_USER_PASSWORD: password,
      });
      const login = await call('POST', '/auth/login', null, { username, password });
      tokens[who] = String(login.body['accessToken']);
    }

    const runOne = async (record: boolean) => {
      let id = '';
      for (const step of STEPS) {
        const t0 = performance.now();
        const r = await call('POST', step.path(id), step.who, step.body());
        if (r.status !== step.expect) throw new Error(`${step.name}: ${r.status} ${JSON.stringify(r.body)}`);
        if (!id) id = String(r.body['id']);
        await waitForStatus(id, step.status);
        if (record) latencies.get(step.name)?.push(performance.now() - t0);
      }
    };
    // One complaint first, not measured: consumers have joined their groups and caught up.
    await runOne(false);
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < N) {
        next++;
        await runOne(true);
      }
    };
    await Promise.all(Array.from({ length: C }, worker));
    const seconds = (performance.now() - started) / 1000;

    const steps = STEPS.map((s) => {
      const sorted = [...(latencies.get(s.name) ?? [])].sort((a, b) => a - b);
      return { step: s.name, n: sorted.length, p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)), p99: Math.round(percentile(sorted, 99)) };
    });
    const memory = Object.fromEntries(Object.entries(stack.processes).map(([name, p]) => [name, p.peakMemoryMiB() ?? null]));
    const result = {
      when: new Date().toISOString(),
      complaints: N,
      concurrency: C,
      seconds: Number(seconds.toFixed(1)),
      complaintsPerSecond: Number((N / seconds).toFixed(2)),
      stepLatencyMs: steps,
      peakMemoryMiB: memory,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    };
    process.stdout.write(`\n${N} complaints through all 8 steps at concurrency ${C}: ${seconds.toFixed(1)} s, ${result.complaintsPerSecond} complaints/s\n\n`);
    process.stdout.write('step                 n     p50 ms  p95 ms  p99 ms\n');
    for (const s of steps) process.stdout.write(`${s.step.padEnd(20)} ${String(s.n).padEnd(5)} ${String(s.p50).padStart(6)}  ${String(s.p95).padStart(6)}  ${String(s.p99).padStart(6)}\n`);
    process.stdout.write(`\npeak memory (MiB): ${Object.entries(memory).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
    const dir = join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `pipeline-${result.when.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`written to ${file}\n`);
  } finally {
    await stack.stop();
    await stack.dispose();
    await releaseTestInfrastructure(infra, log);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[bench] failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
