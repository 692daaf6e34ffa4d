// The follow-up branch of the SOP over the gateway's REST API, as the benchmarks walk it: the
// registration, then libs/testing's BRANCH_STEPS.followUp (the e2e suites' walk, one copy).
import { BRANCH_STEPS, OFFICERS as ALL_OFFICERS, registrationBody, SECTIONS } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

export { registrationBody, SECTIONS };

/** The officers who walk the branch (the auditor does not). */
export type Officer = 'admin' | 'kakan' | 'inteldakim' | 'lantaskim' | 'kasiTi';

/** Each officer's role (and section) when the bench creates its own office. */
export const OFFICERS: Record<Officer, { role: string; section?: string }> = {
  admin: ALL_OFFICERS.admin,
  kakan: ALL_OFFICERS.kakan,
  inteldakim: ALL_OFFICERS.inteldakim,
  lantaskim: ALL_OFFICERS.lantaskim,
  kasiTi: ALL_OFFICERS.kasiTi,
};

/** One command of the walk: who sends it, where, with what, and what it must answer. */
export interface WalkStep {
  name: string;
  who: Officer;
  /** The route under /api/v1, given the complaint's id (empty for the registration). */
  path: (id: string) => string;
  body: () => unknown;
  httpStatus: number;
  /** The complaint's libs/sop status the answer must carry. */
  status: string;
}

/** The benchmark's name of each command of BRANCH_STEPS.followUp, in order (the SOP step first). */
const STEP_NAMES = ['2 confirm', '3 dispose', '3 response inteldakim', '3 response lantaskim', '4 analyze', '5 decide', '6 team decree', '7 inform', '8 delivered'];

/** The eight SOP steps of the follow-up branch as ten commands (two sections answer step 3). */
export function followUpBranch(office: string): WalkStep[] {
  const steps = BRANCH_STEPS.followUp;
  if (steps.length !== STEP_NAMES.length) throw new Error(`BRANCH_STEPS.followUp has ${steps.length} commands; the bench names ${STEP_NAMES.length}`);
  return [
    { name: '1 register', who: 'admin', path: () => '/complaints', body: () => registrationBody(office), httpStatus: 201, status: 'RECEIVED' },
    ...steps.map(([who, action, body, status], i): WalkStep => ({ name: STEP_NAMES[i], who: who as Officer, path: (id) => `/complaints/${id}/${action}`, body, httpStatus: 200, status })),
  ];
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
  /** Request sent → answer read, in ms. */
  ms: number;
}

/** The gateway's REST API as logged-in officers of one office call it. */
export class OfficeClient {
  private readonly tokens = new Map<Officer, string>();

  constructor(
    readonly api: string,
    readonly office: string,
  ) {}

  async logIn(who: Officer, username: string, password: string): Promise<void> {
    const r = await this.call('POST', '/auth/login', null, { username, password });
    if (r.status !== 200) throw new Error(`${username} could not log in: ${r.status} ${JSON.stringify(r.body)}`);
    this.tokens.set(who, String(r.body['accessToken']));
  }

  /** A request; a POST carries `idempotencyKey` (a fresh one by default). Network failures and timeouts throw. */
  async call(method: string, path: string, who: Officer | null, body?: unknown, idempotencyKey: string = randomUUID(), timeoutMs = 60_000): Promise<Reply> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (who) headers['authorization'] = `Bearer ${this.tokens.get(who)}`;
    if (method === 'POST') headers['idempotency-key'] = idempotencyKey;
    const t0 = performance.now();
    const res = await fetch(`${this.api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    const ms = performance.now() - t0;
    let parsed: Record<string, unknown>;
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text: text.slice(0, 500) };
    }
    return { status: res.status, body: parsed, headers: res.headers, ms };
  }
}
