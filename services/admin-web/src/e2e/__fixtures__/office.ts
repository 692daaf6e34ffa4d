// One office of a platform stack for the browser tests: its sections, one officer per role
// (created with the gateway's own `user add`, with a display name, a NIP and a position, as an operator
// would), and the REST calls a test makes beside the browser (the same API the app calls).
import { addSections, eventually, untilApplied, type PlatformStack } from '@pengaduan/testing';
import { randomBytes, randomUUID } from 'node:crypto';

export const SECTIONS = [
  { code: 'INTELDAKIM', name: 'Seksi Inteldakim' },
  { code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian' },
] as const;

export type Officer = 'admin' | 'kakan' | 'inteldakim' | 'lantaskim' | 'kasiTi' | 'auditor';

export interface OfficerSpec {
  readonly role: string;
  readonly section?: string;
  /** The name the app shows in its header (and that must never reach the public pages). */
  readonly displayName: string;
  readonly nip: string;
  /** The position (jabatan) a team decree names them with. */
  readonly position: string;
}

export const OFFICERS: Readonly<Record<Officer, OfficerSpec>> = {
  admin: { role: 'ADMIN_TIKKIM', displayName: 'Dewi Anggraini', nip: '198803152012122001', position: 'Pengelola Teknologi Informasi Keimigrasian' },
  kakan: { role: 'KEPALA_KANTOR', displayName: 'Hendra Gunawan', nip: '197505052000031001', position: 'Kepala Kantor Imigrasi' },
  inteldakim: { role: 'SEKSI_TERKAIT', section: 'INTELDAKIM', displayName: 'Yusuf Maulana', nip: '198901012014021003', position: 'Kepala Subseksi Inteldakim' },
  lantaskim: { role: 'SEKSI_TERKAIT', section: 'LANTASKIM', displayName: 'Ratna Kusumawati', nip: '199104042015032002', position: 'Kepala Subseksi Lalu Lintas Keimigrasian' },
  kasiTi: { role: 'KEPALA_SEKSI_TI', displayName: 'Agus Priyanto', nip: '198207072006041004', position: 'Kepala Seksi Teknologi Informasi dan Komunikasi' },
  auditor: { role: 'AUDITOR', displayName: 'Lina Marlina', nip: '199305052018012005', position: 'Auditor Pertama' },
};

export const OFFICER_NAMES = Object.keys(OFFICERS) as Officer[];

export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export class Office {
  private readonly passwords = {} as Record<Officer, string>;
  private readonly tokens = {} as Record<Officer, string>;

  constructor(
    readonly stack: PlatformStack,
    readonly code: string,
  ) {}

  /** Adds the sections and the officers, and logs each in over REST (for the calls beside the browser). */
  async setUp(): Promise<this> {
    await addSections(this.stack, this.code, [...SECTIONS]);
    for (const who of OFFICER_NAMES) {
      const o = OFFICERS[who];
      const password = randomBytes(12).toString('base64url');
      this.stack.processes['gateway'].runCommand(
        [
          'user',
          'add',
          '--username',
          this.username(who),
          '--role',
          o.role,
          '--office',
          this.code,
          ...(o.section ? ['--section', o.section] : []),
          '--display-name',
          o.displayName,
          '--nip',
          o.nip,
          '--position',
          o.position,
        ],
        { GATEWAY_NEW_USER_PASSWORD: password },
      );
      this.passwords[who] = password;
      const login = await this.call('POST', '/auth/login', null, { username: this.username(who), password });
      if (login.status !== 200) throw new Error(`${this.username(who)} could not log in: ${login.status} ${JSON.stringify(login.body)}`);
      this.tokens[who] = login.body['accessToken'] as string;
    }
    return this;
  }

  username(who: Officer): string {
    return `${who.toLowerCase()}.${this.code.toLowerCase()}`;
  }

  passwordOf(who: Officer): string {
    return this.passwords[who];
  }

  tokenOf(who: Officer): string {
    return this.tokens[who];
  }

  async call(method: string, path: string, who: Officer | null, body?: unknown): Promise<Reply> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (who) headers['authorization'] = `Bearer ${this.tokens[who]}`;
    if (method === 'POST') headers['idempotency-key'] = randomUUID();
    const res = await fetch(`${this.stack.api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  /** The gateway's view of a complaint as `who` reads it. */
  async view(id: string, who: Officer): Promise<Record<string, unknown>> {
    const r = await this.call('GET', `/complaints/${encodeURIComponent(id)}`, who);
    if (r.status !== 200) throw new Error(`GET /complaints/${id} as ${who}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async expectStatus(id: string, status: string, timeoutMs = 30_000): Promise<void> {
    await eventually(async () => ((await this.view(id, 'admin'))['status'] === status ? true : undefined), timeoutMs, `complaint ${id} to be ${status}`);
  }

  /** The id of the complaint with this tracking number, once the gateway's view has it. */
  idOf(trackingNumber: string): Promise<string> {
    return eventually(
      async () => {
        const r = await this.call('GET', `/complaints?trackingNumber=${encodeURIComponent(trackingNumber)}`, 'admin');
        return (r.body['items'] as { id: string }[] | undefined)?.[0]?.id;
      },
      30_000,
      `complaint ${trackingNumber} in the gateway's view`,
    );
  }

  /**
   * A command over REST; once accepted, waits until the gateway's view has applied the events it
   * answered with. Not until the view shows `status`: an event that follows at once (a delivery
   * receipt closing an informed complaint) can pass that status between two polls, while the
   * command's own events stay in the timeline for good.
   */
  async act(who: Officer, id: string, path: string, body: unknown, status: string): Promise<void> {
    const r = await this.call('POST', `/complaints/${encodeURIComponent(id)}/${path}`, who, body);
    if (r.status !== 200 || r.body['status'] !== status) throw new Error(`${who} ${path}: ${r.status} ${JSON.stringify(r.body)} (expected 200 and ${status})`);
    await this.expectApplied(id, r.body['eventIds'] as string[]);
  }

  /** Waits until the gateway's timeline of the complaint holds every one of these events. */
  expectApplied(id: string, eventIds: readonly string[], timeoutMs = 30_000): Promise<void> {
    return untilApplied(id, eventIds, async () => (await this.call('GET', `/complaints/${encodeURIComponent(id)}/timeline`, 'auditor')).body['events'] as { id: string }[] | undefined, timeoutMs);
  }
}
