// Test support for the end-to-end suites: officers of every role log in to a platform stack and
// carry complaints through the SOP over the gateway's REST API only. The walk's data (sections,
// officers, bodies, branches) is libs/testing's sop-walk, shared with bench/.
import {
  addSections,
  analysisBody,
  BRANCH_STEPS,
  confirmBody,
  decreeBody,
  dispositionBody,
  eventually,
  OFFICERS,
  registrationBody,
  SECTIONS,
  untilApplied,
  type Branch,
  type Officer,
  type PlatformStack,
} from '@pengaduan/testing';
import { randomBytes, randomUUID } from 'node:crypto';

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export { analysisBody, BRANCH_STEPS, confirmBody, decreeBody, deliveryBody, dispositionBody, OFFICERS, SECTIONS, type Branch, type Officer } from '@pengaduan/testing';

/** One office of a stack with an officer of every role logged in. */
export class SopOverRest {
  private readonly tokens = {} as Record<Officer, string>;

  constructor(
    readonly stack: PlatformStack,
    readonly office: string,
  ) {}

  /** Adds the office's sections and one officer per role, and logs each in. */
  async setUp(): Promise<this> {
    await addSections(this.stack, this.office, SECTIONS);
    for (const [who, officer] of Object.entries(OFFICERS) as [Officer, { role: string; section?: string }][]) {
      const password = randomBytes(12).toString('base64url');
      const username = `${who}.${this.office.toLowerCase()}`;
      this.stack.processes['gateway'].runCommand(
        ['user', 'add', '--username', username, '--role', officer.role, '--office', this.office, ...(officer.section ? ['--section', officer.section] : [])],
        { GATEWAY_NEW_USER_PASSWORD: password },
      );
      const login = await this.call('POST', '/auth/login', null, { username, password });
      if (login.status !== 200) throw new Error(`${username} could not log in: ${login.status}`);
      this.tokens[who] = login.body['accessToken'] as string;
    }
    return this;
  }

  /** The officer's access token, for requests the JSON helpers do not make (a PDF, a browser). */
  tokenOf(who: Officer): string {
    return this.tokens[who];
  }

  async call(method: string, path: string, who: Officer | null, body?: unknown, idempotencyKey: string | null = randomUUID()): Promise<Reply> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (who) headers['authorization'] = `Bearer ${this.tokens[who]}`;
    if (idempotencyKey && method === 'POST') headers['idempotency-key'] = idempotencyKey;
    const res = await fetch(`${this.stack.api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
  }

  async expectStatus(id: string, status: string, timeoutMs = 30_000): Promise<void> {
    await eventually(async () => {
      const r = await this.call('GET', `/complaints/${id}`, 'admin');
      return r.body['status'] === status ? true : undefined;
    }, timeoutMs, `complaint ${id} to be ${status}`);
  }

  /**
   * Posts a command and, when it is accepted, waits until the gateway's view has applied the
   * events it answered with. Not until the view shows the new status: an event that follows at
   * once (a provider's delivery receipt closing an informed complaint) can pass that status
   * between two polls, while the command's own events stay in the timeline for good.
   */
  async act(who: Officer, id: string, action: string, body: unknown, status: string): Promise<Reply> {
    const r = await this.call('POST', `/complaints/${id}/${action}`, who, body);
    expect({ action, status: r.status, body: r.status === 200 ? 'ok' : r.body }).toEqual({ action, status: 200, body: 'ok' });
    expect(r.body['status']).toBe(status);
    await this.expectApplied(id, r.body['eventIds'] as string[]);
    return r;
  }

  /** Waits until the gateway's timeline of the complaint holds every one of these events. */
  expectApplied(id: string, eventIds: readonly string[], timeoutMs = 30_000): Promise<void> {
    return untilApplied(id, eventIds, async () => (await this.call('GET', `/complaints/${id}/timeline`, 'auditor')).body['events'] as { id: string }[] | undefined, timeoutMs);
  }

  /**
   * Registers a complaint and sends each next command of the branch the moment the previous one
   * answered, as a script or an impatient officer would: no wait, no poll, no If-Match (docs/adr/0033).
   * Answers every reply, refused ones included, with what it expected.
   */
  async walkAtOnce(branch: Branch): Promise<{ action: string; expected: string; status: number; body: Record<string, unknown> }[]> {
    const registered = await this.call('POST', '/complaints', 'admin', registrationBody(this.office));
    const replies = [{ action: 'register', expected: 'RECEIVED', status: registered.status, body: registered.body }];
    if (registered.status !== 201) return replies;
    const id = registered.body['id'] as string;
    for (const [who, action, body, expected] of BRANCH_STEPS[branch]) {
      const r = await this.call('POST', `/complaints/${id}/${action}`, who, body());
      replies.push({ action, expected, status: r.status, body: r.body });
      if (r.status !== 200) break;
    }
    return replies;
  }

  /** Steps 2-6 of the follow-up branch, one section. */
  async toTeamFormed(id: string): Promise<void> {
    await this.act('admin', id, 'confirm', confirmBody, 'CONFIRMED');
    await this.act('kakan', id, 'disposition', dispositionBody('INTELDAKIM'), 'DISPOSED');
    await this.act('inteldakim', id, 'section-responses', { response: 'Calo teridentifikasi, sudah diperingatkan.' }, 'SECTION_PROCESSED');
    await this.act('admin', id, 'analysis', analysisBody, 'ANALYZED');
    await this.act('kasiTi', id, 'decision', { decision: 'FOLLOW_UP', reason: 'Perlu penanganan oleh tim.' }, 'FOLLOW_UP_DECIDED');
    await this.act('kakan', id, 'team-decree', decreeBody, 'TEAM_FORMED');
  }
}
