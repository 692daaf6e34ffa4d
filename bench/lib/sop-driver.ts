// Drives complaints through the SOP over the gateway's REST API, as officers of one office would,
// polling the view after each command: bench/sla.ts's closed load. bench/pipeline.ts walks with
// versions instead (open-load.ts), since polling loads the gateway it measures. Not part of the tests.
import { addSections, randomOfficeCode, type PlatformStack } from '@pengaduan/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const ROLES = { admin: 'ADMIN_TIKKIM', kakan: 'KEPALA_KANTOR', seksi: 'SEKSI_TERKAIT', kasiTi: 'KEPALA_SEKSI_TI' } as const;
type Who = keyof typeof ROLES;

interface Step {
  name: string;
  who: Who;
  path: (id: string) => string;
  body: () => unknown;
  status: string;
  expect: number;
}

/** The follow-up branch, step by step: the command and the status the gateway's view must then show. */
function steps(office: string): Step[] {
  return [
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
}

/** The value at percentile `p` of ascending `sorted`; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Per step: how many, and p50/p95/p99 in ms. */
export interface StepLatency {
  step: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Officers of a new office (one per role, with its section), logged in to a platform stack. */
export class SopDriver {
  readonly office = randomOfficeCode();
  private readonly tokens = {} as Record<Who, string>;
  private readonly steps = steps(this.office);
  /** Transition latency per step (command accepted → the gateway's view shows the new status), in ms. */
  readonly latencies = new Map<string, number[]>(this.steps.map((s) => [s.name, []]));

  constructor(private readonly stack: PlatformStack) {}

  async login(): Promise<this> {
    await addSections(this.stack, this.office, [{ code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian' }]);
    for (const [who, role] of Object.entries(ROLES) as [Who, string][]) {
      const password = randomBytes(12).toString('base64url');
      const username = `bench.${who}.${this.office.toLowerCase()}`;
      this.stack.processes['gateway'].runCommand(['user', 'add', '--username', username, '--role', role, '--office', this.office, ...(who === 'seksi' ? ['--section', 'LANTASKIM'] : [])], {
        GATEWAY_NEW_USER_PASSWORD: password,
      });
      const login = await this.call('POST', '/auth/login', null, { username, password });
      this.tokens[who] = String(login.body['accessToken']);
    }
    return this;
  }

  /** One complaint through all eight steps; its latencies are recorded when `record`. */
  async runOne(record: boolean): Promise<void> {
    let id = '';
    for (const step of this.steps) {
      const t0 = performance.now();
      const r = await this.call('POST', step.path(id), step.who, step.body());
      if (r.status !== step.expect) throw new Error(`${step.name}: ${r.status} ${JSON.stringify(r.body)}`);
      if (!id) id = String(r.body['id']);
      await this.waitForStatus(id, step.status);
      if (record) this.latencies.get(step.name)?.push(performance.now() - t0);
    }
  }

  /** `concurrency` workers taking complaints until `more()` says stop; answers how many went through. */
  async runWhile(concurrency: number, more: (done: number) => boolean): Promise<number> {
    let started = 0;
    const worker = async () => {
      while (more(started)) {
        started++;
        await this.runOne(true);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return started;
  }

  /** The latencies recorded so far, per step, and forgets them. */
  takeLatencies(): StepLatency[] {
    return this.steps.map((s) => {
      const sorted = [...(this.latencies.get(s.name) ?? [])].sort((a, b) => a - b);
      this.latencies.set(s.name, []);
      return { step: s.name, n: sorted.length, p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)), p99: Math.round(percentile(sorted, 99)) };
    });
  }

  private async call(method: string, path: string, who: Who | null, body?: unknown) {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': randomUUID() };
    if (who) headers['authorization'] = `Bearer ${this.tokens[who]}`;
    const res = await fetch(`${this.stack.api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  private async waitForStatus(id: string, status: string): Promise<void> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const r = await this.call('GET', `/complaints/${id}`, 'admin');
      if (r.body['status'] === status) return;
      if (Date.now() > deadline) throw new Error(`complaint ${id} never reached ${status} (last ${String(r.body['status'])})`);
      await new Promise((res) => setTimeout(res, 10));
    }
  }
}

/** Prints per-step latencies as a table. */
export function latencyTable(rows: readonly StepLatency[]): string {
  return ['step                 n     p50 ms  p95 ms  p99 ms', ...rows.map((s) => `${s.step.padEnd(20)} ${String(s.n).padEnd(5)} ${String(s.p50).padStart(6)}  ${String(s.p95).padStart(6)}  ${String(s.p99).padStart(6)}`)].join('\n');
}
