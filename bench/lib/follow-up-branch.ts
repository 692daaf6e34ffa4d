// The follow-up branch of the SOP over the gateway's REST API, as the benchmarks walk it, and the
// officers who walk it. The commands, bodies and officers are those of the e2e suites
// (services/gateway/src/__fixtures__/sop-over-rest.ts, BRANCH_STEPS.followUp): that file cannot be
// imported here (it lies outside bench's rootDir and calls jest's `expect`), so keep the two alike.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

export type Officer = 'admin' | 'kakan' | 'inteldakim' | 'lantaskim' | 'kasiTi';

/** Each officer's role (and section) when the bench creates its own office. */
export const OFFICERS: Record<Officer, { role: string; section?: string }> = {
  admin: { role: 'ADMIN_TIKKIM' },
  kakan: { role: 'KEPALA_KANTOR' },
  inteldakim: { role: 'SEKSI_TERKAIT', section: 'INTELDAKIM' },
  lantaskim: { role: 'SEKSI_TERKAIT', section: 'LANTASKIM' },
  kasiTi: { role: 'KEPALA_SEKSI_TI' },
};

export const SECTIONS = [
  { code: 'INTELDAKIM', name: 'Seksi Inteldakim' },
  { code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian' },
];

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

export function registrationBody(office: string): unknown {
  return { officeCode: office, channel: 'PHONE', text: 'Pemohon paspor diminta membayar biaya di luar ketentuan oleh calo di depan kantor.', contact: { name: 'Rudi Hartono', phone: '+6281355566677' } };
}

const decree = {
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

/** The eight SOP steps of the follow-up branch as ten commands (two sections answer step 3). */
export function followUpBranch(office: string): WalkStep[] {
  const on = (action: string) => (id: string) => `/complaints/${id}/${action}`;
  return [
    { name: '1 register', who: 'admin', path: () => '/complaints', body: () => registrationBody(office), httpStatus: 201, status: 'RECEIVED' },
    {
      name: '2 confirm',
      who: 'admin',
      path: on('confirm'),
      body: () => ({ classificationCode: '03', summary: 'Dugaan pungutan liar di loket paspor.', anonymous: false, confidential: false }),
      httpStatus: 200,
      status: 'CONFIRMED',
    },
    {
      name: '3 dispose',
      who: 'kakan',
      path: on('disposition'),
      body: () => ({ lines: ['INTELDAKIM', 'LANTASKIM'].map((sectionCode) => ({ sectionCode, instructions: ['PELAJARI_DAN_LAPORKAN'], note: 'Mohon ditelaah.' })), note: 'Segera.' }),
      httpStatus: 200,
      status: 'DISPOSED',
    },
    { name: '3 response inteldakim', who: 'inteldakim', path: on('section-responses'), body: () => ({ response: 'Calo teridentifikasi, sudah diperingatkan.' }), httpStatus: 200, status: 'DISPOSED' },
    { name: '3 response lantaskim', who: 'lantaskim', path: on('section-responses'), body: () => ({ response: 'Loket sesuai ketentuan.' }), httpStatus: 200, status: 'SECTION_PROCESSED' },
    {
      name: '4 analyze',
      who: 'admin',
      path: on('analysis'),
      body: () => ({ findings: 'Terdapat indikasi pungutan di luar PNBP.', substantiated: 'PARTLY', classificationCode: '03', severity: 'HIGH', recommendation: 'Bentuk tim penanganan.' }),
      httpStatus: 200,
      status: 'ANALYZED',
    },
    { name: '5 decide', who: 'kasiTi', path: on('decision'), body: () => ({ decision: 'FOLLOW_UP', reason: 'Perlu penanganan oleh tim.' }), httpStatus: 200, status: 'FOLLOW_UP_DECIDED' },
    { name: '6 team decree', who: 'kakan', path: on('team-decree'), body: () => decree, httpStatus: 200, status: 'TEAM_FORMED' },
    { name: '7 inform', who: 'admin', path: on('follow-up-information'), body: () => ({ text: 'Aduan Anda ditangani oleh tim.' }), httpStatus: 200, status: 'REPORTER_INFORMED' },
    {
      name: '8 delivered',
      who: 'admin',
      path: on('delivery-confirmation'),
      body: () => ({ method: 'PHONE_CALL', deliveredAt: new Date().toISOString(), note: 'Pelapor dihubungi melalui telepon.' }),
      httpStatus: 200,
      status: 'CLOSED',
    },
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
