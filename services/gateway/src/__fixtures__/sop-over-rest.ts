// Test support for the end-to-end suites: officers of every role log in to a platform stack and
// carry complaints through the SOP over the gateway's REST API only.
import { addSections, eventually, untilApplied, type PlatformStack } from '@pengaduan/testing';
import { randomBytes, randomUUID } from 'node:crypto';

export const SECTIONS = [
  { code: 'INTELDAKIM', name: 'Seksi Inteldakim' },
  { code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian' },
];

export type Officer = 'admin' | 'kakan' | 'inteldakim' | 'lantaskim' | 'kasiTi' | 'auditor';
export const OFFICERS: Record<Officer, { role: string; section?: string }> = {
  admin: { role: 'ADMIN_TIKKIM' },
  kakan: { role: 'KEPALA_KANTOR' },
  inteldakim: { role: 'SEKSI_TERKAIT', section: 'INTELDAKIM' },
  lantaskim: { role: 'SEKSI_TERKAIT', section: 'LANTASKIM' },
  kasiTi: { role: 'KEPALA_SEKSI_TI' },
  auditor: { role: 'AUDITOR' },
};

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export const confirmBody = { classificationCode: '03', summary: 'Dugaan pungutan liar di loket paspor.', anonymous: false, confidential: false };
export const dispositionBody = (...sections: string[]) => ({
  lines: sections.map((sectionCode) => ({ sectionCode, instructions: ['PELAJARI_DAN_LAPORKAN'], note: 'Mohon ditelaah.' })),
  note: 'Segera.',
});
export const analysisBody = {
  findings: 'Terdapat indikasi pungutan di luar PNBP.',
  substantiated: 'PARTLY',
  classificationCode: '03',
  severity: 'HIGH',
  recommendation: 'Bentuk tim penanganan.',
};
export const decreeBody = {
  decreeDate: '2026-11-27',
  members: [
    { name: 'Andi Wijaya', nip: '198001012005011001', position: 'Kepala Seksi Inteldakim', teamRole: 'KETUA' },
    { name: 'Sri Mulyani', nip: '198502022010012002', position: 'Analis Keimigrasian', teamRole: 'SEKRETARIS' },
    { name: 'Bayu Saputra', nip: '199003032015031003', position: 'Pemeriksa Keimigrasian', teamRole: 'ANGGOTA' },
  ],
  mandate: 'Menelusuri dan menindaklanjuti dugaan pungutan liar.',
  periodStartDate: '2026-11-27',
  periodEndDate: '2026-12-27',
};
export const deliveryBody = () => ({ method: 'PHONE_CALL', deliveredAt: new Date().toISOString(), note: 'Pelapor dihubungi melalui telepon.' });

export type Branch = 'followUp' | 'noFollowUp' | 'dismissed';

/** Every command of a branch after registration, in order: who, the route, the body, the status it leaves. */
export const BRANCH_STEPS: Record<Branch, readonly (readonly [Officer, string, () => unknown, string])[]> = {
  followUp: [
    ['admin', 'confirm', () => confirmBody, 'CONFIRMED'],
    ['kakan', 'disposition', () => dispositionBody('INTELDAKIM', 'LANTASKIM'), 'DISPOSED'],
    ['inteldakim', 'section-responses', () => ({ response: 'Calo teridentifikasi, sudah diperingatkan.' }), 'DISPOSED'],
    ['lantaskim', 'section-responses', () => ({ response: 'Loket sesuai ketentuan.' }), 'SECTION_PROCESSED'],
    ['admin', 'analysis', () => analysisBody, 'ANALYZED'],
    ['kasiTi', 'decision', () => ({ decision: 'FOLLOW_UP', reason: 'Perlu penanganan oleh tim.' }), 'FOLLOW_UP_DECIDED'],
    ['kakan', 'team-decree', () => decreeBody, 'TEAM_FORMED'],
    ['admin', 'follow-up-information', () => ({ text: 'Aduan Anda ditangani oleh tim.' }), 'REPORTER_INFORMED'],
    ['admin', 'delivery-confirmation', deliveryBody, 'CLOSED'],
  ],
  noFollowUp: [
    ['admin', 'confirm', () => confirmBody, 'CONFIRMED'],
    ['kakan', 'disposition', () => dispositionBody('LANTASKIM'), 'DISPOSED'],
    ['lantaskim', 'section-responses', () => ({ response: 'Tidak ditemukan pelanggaran.' }), 'SECTION_PROCESSED'],
    ['admin', 'analysis', () => ({ ...analysisBody, substantiated: 'NO', severity: 'LOW' }), 'ANALYZED'],
    ['kasiTi', 'decision', () => ({ decision: 'NO_FOLLOW_UP', reason: 'Tidak terbukti.' }), 'NO_FOLLOW_UP_DECIDED'],
    ['admin', 'follow-up-information', () => ({ text: 'Pengaduan Anda tidak terbukti, terima kasih.' }), 'REPORTER_INFORMED'],
    ['admin', 'delivery-confirmation', deliveryBody, 'CLOSED'],
  ],
  dismissed: [
    ['admin', 'dismiss', () => ({ reason: 'NOT_A_COMPLAINT', note: 'Pertanyaan informasi jadwal layanan.' }), 'DISMISSED'],
    ['admin', 'follow-up-information', () => ({ text: 'Pesan Anda bukan pengaduan; jadwal layanan 08.00-16.00.' }), 'REPORTER_INFORMED'],
    ['admin', 'delivery-confirmation', deliveryBody, 'CLOSED'],
  ],
};

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
    const registered = await this.call('POST', '/complaints', 'admin', {
      officeCode: this.office,
      channel: 'PHONE',
      text: 'Pemohon paspor diminta membayar biaya di luar ketentuan oleh calo di depan kantor.',
      contact: { name: 'Rudi Hartono', phone: '+6281355566677' },
    });
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
