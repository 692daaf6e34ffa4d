import { IntakeService, type VerifyReporterRequest } from '@pengaduan/contracts';
import { SettableClock, type MethodsOf } from '@pengaduan/runtime';
import { ComplaintHistory, eventually, randomOfficeCode } from '@pengaduan/testing';
import { isolate, removeIsolation, StandIn, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';

// The gateway's public tracking, on the real Postgres (read model, rate limits) and Kafka (the
// complaint stream feeding the read model); intake's VerifyReporter is a stand-in over real gRPC
// that knows each complaint's verifier (the rule itself is intake's, tested there).

/** The reporters intake knows: tracking number → their verifier and the complaint. */
const reporters = new Map<string, { verifier: string; complaintId: string }>();
const verifyReporter = (request: VerifyReporterRequest) => {
  const reporter = reporters.get(request.trackingNumber);
  return reporter && reporter.verifier === request.verifier.trim() ? { matched: true, complaintId: reporter.complaintId } : { matched: false };
};

let intake: StandIn<MethodsOf<typeof IntakeService>>;
let isolation: GatewayIsolation;
let gateway: TestGateway;
// 03:05 UTC: the 15-minute window of an address ends at 03:15, the hour of wrong verifiers at 04:00.
const clock = new SettableClock(new Date('2026-03-20T03:05:00.000Z'));
const office = randomOfficeCode();
let followUp: ComplaintHistory;
let dismissed: ComplaintHistory;
/** Complaints someone guesses the verifier of: one guesser, and many addresses together. */
let guessedAt: ComplaintHistory;
let guessedFromEverywhere: ComplaintHistory;

/** Every test its own client address (the gateway trusts the loopback proxy's X-Forwarded-For). */
let addressCounter = 0;
const address = () => `203.0.113.${++addressCounter}`;

function track(body: unknown, from: string): Promise<Response> {
  return fetch(`${gateway.baseUrl}/api/v1/public/tracking`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': from },
    body: JSON.stringify(body),
  });
}

/** A complaint only intake knows of yet (no event reached the read model). */
function knownToIntakeOnly(verifier = '4321'): string {
  const trackingNumber = `${office}-2026-${String(reporters.size + 500_000).padStart(6, '0')}`;
  reporters.set(trackingNumber, { verifier, complaintId: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f' });
  return trackingNumber;
}

beforeAll(async () => {
  intake = await new StandIn(IntakeService, { verifyReporter }).start();
  isolation = await isolate();
  gateway = await startGateway({ intake: intake.address }, isolation, { clock, config: { trustProxy: ['loopback'], webFormOffices: ['BLP', office] } });

  followUp = new ComplaintHistory({ officeCode: office, trackingNumber: `${office}-2026-000001`, channel: 'WHATSAPP', start: new Date('2026-03-14T01:00:00Z') });
  followUp.received();
  followUp.confirmed('03', 'Dugaan pungutan liar di loket paspor');
  followUp.disposedTo(['INTELDAKIM', 'LANTASKIM']);
  followUp.sectionResponded('INTELDAKIM');
  followUp.sectionResponded('LANTASKIM');
  followUp.analyzed();
  followUp.decided('FOLLOW_UP');
  followUp.teamFormed();
  dismissed = new ComplaintHistory({ officeCode: office, trackingNumber: `${office}-2026-000002`, channel: 'SMS', start: new Date('2026-03-15T01:00:00Z') });
  dismissed.received();
  dismissed.dismissed();
  dismissed.reporterInformed();
  dismissed.delivered();
  guessedAt = new ComplaintHistory({ officeCode: office, trackingNumber: `${office}-2026-000003`, channel: 'TELEGRAM', start: new Date('2026-03-16T01:00:00Z') });
  guessedAt.received();
  guessedAt.confirmed();
  guessedFromEverywhere = new ComplaintHistory({ officeCode: office, trackingNumber: `${office}-2026-000004`, channel: 'SMS', start: new Date('2026-03-17T01:00:00Z') });
  guessedFromEverywhere.received();
  reporters.set(followUp.trackingNumber, { verifier: '7890', complaintId: followUp.complaintId });
  reporters.set(dismissed.trackingNumber, { verifier: 'siti@example.id', complaintId: dismissed.complaintId });
  reporters.set(guessedAt.trackingNumber, { verifier: '1357', complaintId: guessedAt.complaintId });
  reporters.set(guessedFromEverywhere.trackingNumber, { verifier: '8642', complaintId: guessedFromEverywhere.complaintId });

  const all = [followUp, dismissed, guessedAt, guessedFromEverywhere];
  await gateway.publish(...all.flatMap((h) => h.envelopes));
  await eventually(
    async () => {
      const rows = (await gateway.runtime.dataSource.query('SELECT status FROM complaint_view WHERE id = ANY($1)', [all.map((h) => h.complaintId)])) as { status: string }[];
      return rows.map((r) => r.status).sort().join() === 'CLOSED,CONFIRMED,RECEIVED,TEAM_FORMED' ? true : undefined;
    },
    30_000,
    'the four complaints in the read model',
  );
});

afterAll(async () => {
  await gateway?.stop();
  await intake?.stop();
  await removeIsolation(isolation);
});

const at = (h: number, day = 14) => new Date(Date.UTC(2026, 2, day, h)).toISOString();
const step = (stepId: string, number: number, state: string, dates: { startedAt?: string; completedAt?: string } = {}) => ({
  stepId,
  number,
  nameId: expect.any(String),
  nameEn: expect.any(String),
  state,
  ...dates,
});

describe('a reporter follows their complaint on the public page', () => {
  it('sees the steps of a complaint on the follow-up branch, with when each was done, and nothing of its content', async () => {
    const res = await track({ trackingNumber: followUp.trackingNumber, verifier: '7890' }, address());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      trackingNumber: followUp.trackingNumber,
      officeCode: office,
      // libs/documents' template, as this office has no profile of its own.
      officeName: `Kantor Imigrasi ${office}`,
      channel: 'WHATSAPP',
      receivedAt: at(1),
      status: 'TEAM_FORMED',
      closed: false,
      steps: [
        step('REPORT', 1, 'DONE', { completedAt: at(1) }),
        step('CONFIRM', 2, 'DONE', { startedAt: at(1), completedAt: at(2) }),
        step('DISPOSE_AND_PROCESS', 3, 'DONE', { startedAt: at(2), completedAt: at(5) }),
        step('ANALYZE', 4, 'DONE', { startedAt: at(5), completedAt: at(6) }),
        step('DECIDE_FOLLOW_UP', 5, 'DONE', { startedAt: at(6), completedAt: at(7) }),
        step('FORM_TEAM', 6, 'DONE', { startedAt: at(7), completedAt: at(8) }),
        step('INFORM_REPORTER', 7, 'CURRENT', { startedAt: at(8) }),
        step('DELIVER_INFORMATION', 8, 'PENDING'),
      ],
    });
    const text = JSON.stringify(body);
    for (const secret of ['Dugaan pungutan', 'Petugas mengakui', 'Aduan terbukti', 'Budi Santoso', 'Rina Kartika', 'Segera', 'Memeriksa petugas', 'u-admin', 'u-kakan', 'u-inteldakim', 'rep_', 'SK/', 'LD/', followUp.complaintId]) {
      expect(text).not.toContain(secret);
    }
  });

  it('sees a dismissed complaint closed, with steps 3 to 6 skipped, by the e-mail they gave', async () => {
    const res = await track({ trackingNumber: dismissed.trackingNumber.toLowerCase(), verifier: ' siti@example.id ' }, address());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { steps: unknown[] };
    expect(body).toMatchObject({ trackingNumber: dismissed.trackingNumber, channel: 'SMS', status: 'CLOSED', closed: true, receivedAt: at(1, 15) });
    expect(body.steps).toEqual([
      step('REPORT', 1, 'DONE', { completedAt: at(1, 15) }),
      step('CONFIRM', 2, 'DONE', { startedAt: at(1, 15), completedAt: at(2, 15) }),
      step('DISPOSE_AND_PROCESS', 3, 'SKIPPED'),
      step('ANALYZE', 4, 'SKIPPED'),
      step('DECIDE_FOLLOW_UP', 5, 'SKIPPED'),
      step('FORM_TEAM', 6, 'SKIPPED'),
      step('INFORM_REPORTER', 7, 'DONE', { startedAt: at(2, 15), completedAt: at(3, 15) }),
      step('DELIVER_INFORMATION', 8, 'DONE', { startedAt: at(2, 15), completedAt: at(4, 15) }),
    ]);
    expect(JSON.stringify(body)).not.toMatch(/Promosi judi|SPAM|Pelapor dihubungi|u-admin|siti@/);
  });

  it('gets the same 404 for a wrong verifier, an unknown tracking number and a complaint the read model has not caught up with', async () => {
    const from = address();
    const wrong = await track({ trackingNumber: followUp.trackingNumber, verifier: '0000' }, from);
    const unknown = await track({ trackingNumber: `${office}-2026-999999`, verifier: '7890' }, from);
    const notYet = await track({ trackingNumber: knownToIntakeOnly('1111'), verifier: '1111' }, from);
    expect([wrong.status, unknown.status, notYet.status]).toEqual([404, 404, 404]);
    const bodies = await Promise.all([wrong.text(), unknown.text(), notYet.text()]);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0] as string)).toMatchObject({ status: 404, code: 'TRACKING.NOT_FOUND' });
    expect(wrong.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('is told which fields are wrong, without the verifier echoed', async () => {
    const res = await track({ trackingNumber: 'BLP-26-12', verifier: '123', extra: 1 }, address());
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { field: string }[] };
    expect(body.errors.map((e) => e.field).sort()).toEqual(['extra', 'trackingNumber', 'verifier']);
    expect(JSON.stringify(body)).not.toContain('"123"');
    expect((await track({ trackingNumber: followUp.trackingNumber, verifier: 'x'.repeat(255) }, address())).status).toBe(400);
  });

  it('stops a guesser after five wrong verifiers on a number from their address (a right one does not count) without asking intake, while the reporter still gets in from theirs', async () => {
    const number = guessedAt.trackingNumber;
    const guesser = address();
    const statuses: number[] = [];
    for (const verifier of ['0001', '0002', '1357', '0003', '0004', '0005']) statuses.push((await track({ trackingNumber: number, verifier }, guesser)).status);
    expect(statuses).toEqual([404, 404, 200, 404, 404, 404]);

    // The guesser's right verifier now is refused like a wrong one: the refusal tells them nothing.
    const refused = await track({ trackingNumber: number, verifier: '1357' }, guesser);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(55 * 60));
    expect(await refused.json()).toMatchObject({ status: 429, code: 'TRACKING.RATE_LIMITED' });
    const asked = intake.requests('verifyReporter').filter((r) => r.trackingNumber === number).length;
    expect((await track({ trackingNumber: number, verifier: '0006' }, guesser)).status).toBe(429);
    expect(intake.requests('verifyReporter').filter((r) => r.trackingNumber === number)).toHaveLength(asked);

    expect((await track({ trackingNumber: number, verifier: '1357' }, address())).status).toBe(200);
    expect((await track({ trackingNumber: number, verifier: '0007' }, address())).status).toBe(404);
    // The guesser is stopped on this number only.
    expect((await track({ trackingNumber: followUp.trackingNumber, verifier: '7890' }, guesser)).status).toBe(200);

    // Once the hour is over, the guesser may try that number again.
    clock.advance(55 * 60_000);
    try {
      expect((await track({ trackingNumber: number, verifier: '1357' }, guesser)).status).toBe(200);
    } finally {
      clock.advance(-55 * 60_000);
    }
  });

  it('guards a number guessed at from many addresses: after twenty wrong verifiers each address gets one, and the reporter from an address of their own still gets in', async () => {
    const number = guessedFromEverywhere.trackingNumber;
    let guess = 0;
    const wrong = () => String(++guess).padStart(4, '0');
    // Four addresses guess five times each: twenty wrong verifiers, each address at its own limit.
    for (let a = 0; a < 4; a++) {
      const from = address();
      for (let i = 0; i < 5; i++) expect((await track({ trackingNumber: number, verifier: wrong() }, from)).status).toBe(404);
    }

    // Guarded: a fresh address has one wrong verifier, then waits for the rest of the hour.
    const late = address();
    expect((await track({ trackingNumber: number, verifier: wrong() }, late)).status).toBe(404);
    const refused = await track({ trackingNumber: number, verifier: wrong() }, late);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(55 * 60));
    expect(await refused.json()).toMatchObject({ code: 'TRACKING.RATE_LIMITED' });

    // The reporter, from an address that did not guess, is not locked out.
    expect((await track({ trackingNumber: number, verifier: '8642' }, address())).status).toBe(200);

    // The next hour the number is no longer guarded: `late` has its five wrong verifiers again.
    clock.advance(55 * 60_000);
    try {
      for (let i = 0; i < 2; i++) expect((await track({ trackingNumber: number, verifier: wrong() }, late)).status).toBe(404);
    } finally {
      clock.advance(-55 * 60_000);
    }
  });

  it('limits one client address to ten attempts in fifteen minutes across tracking numbers, whatever it asks, until the window ends', async () => {
    const from = address();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      // Right verifiers, and guesses at numbers that do not exist (so no number is locked).
      const attempt = i % 2 === 0 ? { trackingNumber: followUp.trackingNumber, verifier: '7890' } : { trackingNumber: `${office}-2026-90000${i}`, verifier: '1234' };
      statuses.push((await track(attempt, from)).status);
    }
    expect(statuses).toEqual([200, 404, 200, 404, 200, 404, 200, 404, 200, 404]);

    const asked = intake.requests('verifyReporter').length;
    const refused = await track({ trackingNumber: dismissed.trackingNumber, verifier: 'siti@example.id' }, from);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(10 * 60));
    expect(await refused.json()).toMatchObject({ code: 'TRACKING.RATE_LIMITED' });
    expect((await track({ trackingNumber: `${office}-2026-900011`, verifier: '1234' }, from)).status).toBe(429);
    expect(intake.requests('verifyReporter')).toHaveLength(asked);
    expect((await track({ trackingNumber: dismissed.trackingNumber, verifier: 'siti@example.id' }, address())).status).toBe(200);

    clock.advance(10 * 60_000);
    try {
      expect((await track({ trackingNumber: dismissed.trackingNumber, verifier: 'siti@example.id' }, from)).status).toBe(200);
    } finally {
      clock.advance(-10 * 60_000);
    }
  });

  it('keeps neither tracking numbers nor addresses in clear, and deletes ended windows', async () => {
    await gateway.runtime.dataSource.query(`INSERT INTO public_rate_limit (bucket, key, window_start, count) VALUES ('tracking:address', 'old', $1, 3)`, [
      new Date('2026-03-19T00:00:00Z'),
    ]);
    clock.advance(61_000);
    try {
      expect((await track({ trackingNumber: followUp.trackingNumber, verifier: '7890' }, '198.51.100.7')).status).toBe(200);
    } finally {
      clock.advance(-61_000);
    }
    const rows = (await gateway.runtime.dataSource.query('SELECT bucket, key, window_start, count FROM public_rate_limit')) as { bucket: string; key: string }[];
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.some((r) => r.key === 'old')).toBe(false);
    expect(new Set(rows.map((r) => r.bucket))).toEqual(new Set(['tracking:address', 'tracking:address-number', 'tracking:number']));
    const stored = JSON.stringify(rows);
    for (const clear of [followUp.trackingNumber, dismissed.trackingNumber, office, '203.0.113.', '198.51.100.7', '127.0.0.1']) expect(stored).not.toContain(clear);
    expect(rows.every((r) => /^[A-Za-z0-9_-]{43}$/.test(r.key))).toBe(true);
  });
});

describe('the public list of offices', () => {
  it('names the offices whose web form is open, without a login', async () => {
    const res = await fetch(`${gateway.baseUrl}/api/v1/public/offices`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      offices: [
        { code: 'BLP', name: 'Kantor Imigrasi Kelas II TPI Belakang Padang' },
        { code: office, name: `Kantor Imigrasi ${office}` },
      ],
    });
  });
});
