import { COMPLAINT_EVENTS_TOPIC, parseEnvelope } from '@pengaduan/contracts';
import { eventually, randomOfficeCode, sql, startPlatformStack, TopicReader, type PlatformStack } from '@pengaduan/testing';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { analysisBody, confirmBody, decreeBody, deliveryBody, dispositionBody, SopOverRest, type Officer } from '../__fixtures__/sop-over-rest';

// Every service as its own process, against the real broker and Postgres; officers of each
// role log in and carry complaints through the SOP over the gateway's REST API only.

const office = randomOfficeCode();
let stack: PlatformStack;
let sop: SopOverRest;
const call = (...args: Parameters<SopOverRest['call']>) => sop.call(...args);
const act = (...args: Parameters<SopOverRest['act']>) => sop.act(...args);
const expectStatus = (id: string, status: string) => sop.expectStatus(id, status);

async function registerComplaint(): Promise<string> {
  const r = await call('POST', '/complaints', 'admin', {
    officeCode: office,
    channel: 'PHONE',
    text: 'Pemohon paspor diminta membayar biaya di luar ketentuan oleh calo di depan kantor.',
    contact: { name: 'Rudi Hartono', phone: '+6281355566677' },
  });
  expect(r.status).toBe(201);
  const id = r.body['id'] as string;
  await expectStatus(id, 'RECEIVED');
  return id;
}

// Starting the service processes on two cores can take longer than one test may (hence the hook's own timeout).
beforeAll(async () => {
  stack = await startPlatformStack();
  sop = await new SopOverRest(stack, office).setUp();
}, 240_000);

afterAll(async () => {
  if (!stack) return;
  const codes = await stack.stop();
  expect(Object.values(codes).every((c) => c === 0)).toBe(true);
  await stack.dispose();
});

describe('the SOP end to end, each step by the officer it names', () => {
  it('carries a complaint along the follow-up branch from receipt to closure, each event once and in order', async () => {
    const id = await registerComplaint();
    // The SLA monitor has started Admin Tikkim's 12 h clock, and the gateway shows it.
    const received = await eventually(async () => {
      const r = await call('GET', `/complaints/${id}`, 'admin');
      const deadlines = r.body['deadlines'] as { stepId: string; startedAt: string; dueAt: string; remainingSeconds: number; overdue: boolean }[];
      return deadlines.length > 0 ? { view: r.body, deadlines } : undefined;
    }, 30_000, 'the confirmation deadline to show');
    expect(received.deadlines.map((d) => d.stepId)).toEqual(['CONFIRM']);
    const [confirmClock] = received.deadlines;
    expect(Date.parse(confirmClock.dueAt) - Date.parse(confirmClock.startedAt)).toBe(12 * 3_600_000);
    expect(confirmClock.overdue).toBe(false);
    expect(confirmClock.remainingSeconds).toBeGreaterThan(11 * 3600);
    expect((received.view['currentStep'] as { dueAt: string }).dueAt).toBe(confirmClock.dueAt);

    await act('admin', id, 'confirm', confirmBody, 'CONFIRMED');
    const disposed = await act('kakan', id, 'disposition', dispositionBody('INTELDAKIM'), 'DISPOSED');
    expect(disposed.body['sheetNumber']).toMatch(new RegExp(`^LD/${office}/2026/\\d{6}$`));
    await act('inteldakim', id, 'section-responses', { response: 'Calo teridentifikasi, sudah diperingatkan.' }, 'SECTION_PROCESSED');
    await act('admin', id, 'analysis', analysisBody, 'ANALYZED');
    await act('kasiTi', id, 'decision', { decision: 'FOLLOW_UP', reason: 'Perlu penanganan oleh tim.' }, 'FOLLOW_UP_DECIDED');
    const decree = await act('kakan', id, 'team-decree', decreeBody, 'TEAM_FORMED');
    expect(decree.body['decreeNumber']).toMatch(new RegExp(`^SK/${office}/2026/\\d{6}$`));
    await act('admin', id, 'follow-up-information', { text: 'Pengaduan Anda telah ditindaklanjuti oleh tim.' }, 'REPORTER_INFORMED');
    await act('admin', id, 'delivery-confirmation', deliveryBody(), 'CLOSED');

    // Every clock the SOP ran for it was stopped by the step's output, on time, by the monitor.
    const clocks = ['CONFIRM', 'DISPOSE_AND_PROCESS', 'SECTION_RESPONSE', 'ANALYZE', 'DECIDE_FOLLOW_UP', 'FORM_TEAM', 'DELIVER_INFORMATION', 'SOP_TARGET', 'STATUTORY_SETTLEMENT'];
    const timeline = await eventually(async () => {
      const r = await call('GET', `/complaints/${id}/timeline`, 'auditor');
      const stopped = (r.body['events'] as { type: string }[]).filter((e) => e.type === 'sla.deadline-stopped');
      // At least: a count compared with === is never reached if one more comes (and then the test
      // would time out instead of saying so); the exact number is asserted below.
      return stopped.length >= clocks.length ? r : undefined;
    }, 30_000, 'every SLA clock to stop');
    expect(timeline.status).toBe(200);
    expect((timeline.body['events'] as { type: string }[]).filter((e) => e.type === 'sla.deadline-stopped')).toHaveLength(clocks.length);
    const all = timeline.body['events'] as { id: string; type: string; actorRole: string | null; actorService?: string; summary: string }[];
    const slaEntries = all.filter((e) => e.type.startsWith('sla.'));
    expect(slaEntries.every((e) => e.actorService === 'sla-monitor' && e.actorRole === null)).toBe(true);
    expect(slaEntries.filter((e) => e.type === 'sla.deadline-started')).toHaveLength(clocks.length);
    expect(slaEntries.filter((e) => e.type === 'sla.deadline-stopped').every((e) => e.summary.endsWith('selesai tepat waktu'))).toBe(true);
    expect((await call('GET', `/complaints/${id}`, 'admin')).body['deadlines']).toEqual([]);
    const summary = await call('GET', '/sla/summary', 'kakan');
    expect(summary.status).toBe(200);
    const steps = (summary.body['offices'] as { officeCode: string; steps: { stepId: string; onTime: number; late: number }[] }[]).find((o) => o.officeCode === office)?.steps ?? [];
    for (const clock of clocks) expect(steps.find((s) => s.stepId === clock)).toMatchObject({ late: 0, onTime: expect.any(Number) });

    const events = all.filter((e) => e.type.startsWith('complaint.'));
    expect(events.map((e) => [e.type, e.actorRole])).toEqual([
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
    ]);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(JSON.stringify(timeline.body)).not.toMatch(/Rudi|6281355566677/);

    // Each step's document, rendered by its owner; the PDF served is the one its event vouches for.
    const listed = await call('GET', `/complaints/${id}/documents`, 'auditor');
    expect(listed.status).toBe(200);
    const documents = listed.body['documents'] as { kind: string; number: string; sha256: string; url: string }[];
    const tracking = String((await call('GET', `/complaints/${id}`, 'admin')).body['trackingNumber']).replace(/-/g, '/');
    expect(documents.map((d) => [d.kind, d.number])).toEqual([
      ['LAPORAN_ADUAN', `LA/${tracking}`],
      ['LAPORAN_TERUSAN_ADUAN', `LTA/${tracking}`],
      ['LEMBAR_DISPOSISI', disposed.body['sheetNumber']],
      ['ANALISIS_ADUAN', `AA/${tracking}`],
      ['KEPUTUSAN_TINDAK_LANJUT', `KTL/${tracking}`],
      ['SK_TIM_PENANGANAN_ADUAN', decree.body['decreeNumber']],
      ['INFORMASI_TINDAK_LANJUT', `ITL/${tracking}`],
    ]);
    const reader = await new TopicReader([COMPLAINT_EVENTS_TOPIC]).start();
    const hashes = (
      await reader.waitFor((m) => m.key === id && (m.value ?? '').includes('"documentSha256"'), 7, 30_000).finally(() => reader.stop())
    ).map((m) => {
      const parsed = parseEnvelope(m.value ?? '');
      return parsed.ok ? (parsed.envelope.data as { documentSha256?: string }).documentSha256 : undefined;
    });
    for (const d of documents) {
      const res = await fetch(`${stack.gatewayUrl}${d.url}`, { headers: { authorization: `Bearer ${sop.tokenOf('kakan')}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(d.sha256);
      expect(res.headers.get('x-document-sha256')).toBe(d.sha256);
      expect(hashes.filter((h) => h === d.sha256)).toHaveLength(1);
      // No document names the complainant.
      expect(pdf.toString('latin1')).not.toMatch(/Rudi|6281355566677/);
    }
  });

  it('carries a complaint along the no-follow-up branch to closure', async () => {
    const id = await registerComplaint();
    await act('admin', id, 'confirm', confirmBody, 'CONFIRMED');
    await act('kakan', id, 'disposition', dispositionBody('LANTASKIM'), 'DISPOSED');
    await act('lantaskim', id, 'section-responses', { response: 'Tidak ditemukan pelanggaran.' }, 'SECTION_PROCESSED');
    await act('admin', id, 'analysis', { ...analysisBody, substantiated: 'NO', severity: 'LOW' }, 'ANALYZED');
    await act('kasiTi', id, 'decision', { decision: 'NO_FOLLOW_UP', reason: 'Tidak terbukti.' }, 'NO_FOLLOW_UP_DECIDED');
    await act('admin', id, 'follow-up-information', { text: 'Pengaduan Anda tidak terbukti, terima kasih.' }, 'REPORTER_INFORMED');
    await act('admin', id, 'delivery-confirmation', deliveryBody(), 'CLOSED');
  });

  it('dismisses a message that is not a complaint, tells the sender, and closes it', async () => {
    const id = await registerComplaint();
    await act('admin', id, 'dismiss', { reason: 'NOT_A_COMPLAINT', note: 'Pertanyaan informasi jadwal layanan.' }, 'DISMISSED');
    await act('admin', id, 'follow-up-information', { text: 'Pesan Anda bukan pengaduan; jadwal layanan 08.00-16.00.' }, 'REPORTER_INFORMED');
    await act('admin', id, 'delivery-confirmation', deliveryBody(), 'CLOSED');
  });

  it('waits for both sections when a complaint is dispositioned to two', async () => {
    const id = await registerComplaint();
    await act('admin', id, 'confirm', confirmBody, 'CONFIRMED');
    await act('kakan', id, 'disposition', dispositionBody('INTELDAKIM', 'LANTASKIM'), 'DISPOSED');
    await act('inteldakim', id, 'section-responses', { response: 'Ditangani Inteldakim.' }, 'DISPOSED');
    // The status stays DISPOSED, so wait for the view to show the response itself.
    await eventually(async () => {
      const r = await call('GET', `/complaints/${id}`, 'admin');
      return JSON.stringify(r.body['pendingSections']) === JSON.stringify(['LANTASKIM']) ? true : undefined;
    }, 30_000, 'the view to show that only LANTASKIM is still awaited');

    const worklistOfLantaskim = await call('GET', '/worklist', 'lantaskim');
    expect((worklistOfLantaskim.body['items'] as { id: string }[]).map((c) => c.id)).toContain(id);
    const worklistOfInteldakim = await call('GET', '/worklist', 'inteldakim');
    expect((worklistOfInteldakim.body['items'] as { id: string }[]).map((c) => c.id)).not.toContain(id);

    await act('lantaskim', id, 'section-responses', { response: 'Ditangani Lantaskim.' }, 'SECTION_PROCESSED');
  });

  it('refuses every step out of order and every officer the SOP does not name', async () => {
    const id = await registerComplaint();
    const refusals: [Officer, string, unknown, number][] = [
      ['kakan', 'confirm', confirmBody, 403],
      ['auditor', 'confirm', confirmBody, 403],
      ['inteldakim', 'confirm', confirmBody, 403],
      ['admin', 'disposition', dispositionBody('INTELDAKIM'), 403],
      ['kakan', 'disposition', dispositionBody('INTELDAKIM'), 409],
      ['admin', 'analysis', analysisBody, 409],
      ['kasiTi', 'decision', { decision: 'FOLLOW_UP', reason: 'x' }, 409],
      ['kakan', 'team-decree', decreeBody, 409],
      ['admin', 'delivery-confirmation', deliveryBody(), 409],
      ['inteldakim', 'section-responses', { response: 'x' }, 409],
    ];
    for (const [who, action, body, status] of refusals) {
      const r = await call('POST', `/complaints/${id}/${action}`, who, body);
      expect({ who, action, status: r.status }).toEqual({ who, action, status });
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      if (status === 409) {
        expect(r.body['state']).toBe('RECEIVED');
        expect(r.body['availableActions']).toBeDefined();
      }
    }
    const timeline = await call('GET', `/complaints/${id}/timeline`, 'admin');
    expect((timeline.body['events'] as { type: string }[]).map((e) => e.type).filter((t) => t.startsWith('complaint.'))).toEqual(['complaint.received']);
  });

  it('records one event for a command submitted twice at once with the same key', async () => {
    const id = await registerComplaint();
    const key = randomUUID();
    const [a, b] = await Promise.all([
      call('POST', `/complaints/${id}/confirm`, 'admin', confirmBody, key),
      call('POST', `/complaints/${id}/confirm`, 'admin', confirmBody, key),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    expect(a.body['status']).toBe('CONFIRMED');
    await sop.expectApplied(id, a.body['eventIds'] as string[]);
    const timeline = await call('GET', `/complaints/${id}/timeline`, 'admin');
    expect((timeline.body['events'] as { type: string }[]).filter((e) => e.type === 'complaint.confirmed')).toHaveLength(1);
  });

  it('takes each next command the moment the previous one answered: 50 complaints on every branch, none refused', async () => {
    const branches = ['followUp', 'noFollowUp', 'dismissed'] as const;
    const walks: Awaited<ReturnType<SopOverRest['walkAtOnce']>>[] = [];
    let next = 0;
    // Four officers' scripts at a time, each acting on every answer at once (a load the stack
    // keeps up with on two cores: far beyond it, consumers trail by more than the services' 3 s
    // wait and answer NOT_CAUGHT_UP, by design).
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = next++; i < 50; i = next++) walks.push(await sop.walkAtOnce(branches[i % branches.length]));
      }),
    );
    const unexpected = walks.flat().filter((r) => r.status >= 300 || r.body['status'] !== r.expected);
    expect(unexpected).toEqual([]);
    expect(walks).toHaveLength(50);
    expect(walks.map((w) => w.at(-1)?.body['status'])).toEqual(Array(50).fill('CLOSED'));
  }, 300_000);

  it("answers 404 for another office's complaint and 401 without a login", async () => {
    const id = await registerComplaint();
    expect((await call('GET', `/complaints/${id}`, null)).status).toBe(401);
    const otherOffice = randomOfficeCode();
    const password = randomBytes(12).toString('base64url');
    stack.processes['gateway'].runCommand(['user', 'add', '--username', `admin.${otherOffice.toLowerCase()}`, '--role', 'ADMIN_TIKKIM', '--office', otherOffice], {
      GATEWAY_NEW_USER_PASSWORD: password,
    });
    const login = await call('POST', '/auth/login', null, { username: `admin.${otherOffice.toLowerCase()}`, password });
    const res = await fetch(`${stack.api}/complaints/${id}`, { headers: { authorization: `Bearer ${login.body['accessToken'] as string}` } });
    expect(res.status).toBe(404);
  });
});

describe('registering and reading complaints over REST', () => {
  const reporter = { name: 'Rudi Hartono', phone: '+6281355566677' };

  it('registers a complaint that becomes readable by id and by tracking number, with nothing personal in the view', async () => {
    const id = await registerComplaint();
    const view = await call('GET', `/complaints/${id}`, 'kakan');
    expect(view.body).toMatchObject({ id, officeCode: office, channel: 'PHONE', status: 'RECEIVED' });
    expect(JSON.stringify(view.body)).not.toMatch(/Rudi|6281355566677|rep_/);
    const byNumber = await call('GET', `/complaints?trackingNumber=${String(view.body['trackingNumber'])}`, 'admin');
    expect((byNumber.body['items'] as { id: string }[]).map((c) => c.id)).toEqual([id]);
  });

  it('puts complaint.received on the topic, keyed by complaint, with no personal data in it', async () => {
    const reader = await new TopicReader([COMPLAINT_EVENTS_TOPIC]).start();
    try {
      const id = await registerComplaint();
      const [message] = await reader.waitFor((m) => m.key === id);
      const parsed = parseEnvelope(message.value ?? '');
      expect(parsed.ok && parsed.envelope).toMatchObject({ subject: id, office, type: 'complaint.received', actor: expect.stringMatching(/^ADMIN_TIKKIM:/) });
      // Signed by intake with the key the stack publishes for it (ADR 0015).
      expect(parsed.ok && stack.keyRing.verify(parsed.envelope)).toEqual({ ok: true, keyId: 'intake-test' });
      for (const personal of [reporter.name, reporter.phone, '6281355566677', 'calo di depan kantor']) expect(message.value).not.toContain(personal);
    } finally {
      await reader.stop();
    }
  });

  it('rejects an invalid body with problem+json naming each bad field, and stores nothing', async () => {
    const intakeSchema = stack.schemas['intake'];
    const [{ n: before }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${intakeSchema}".complaint`);
    const r = await call('POST', '/complaints', 'admin', { channel: 'CARRIER_PIGEON', text: '', contact: { email: 'nope' }, surprise: 1 });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(new Set((r.body['errors'] as { field: string }[]).map((e) => e.field))).toEqual(new Set(['channel', 'text', 'contact.email', 'surprise']));
    const [{ n: after }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${intakeSchema}".complaint`);
    expect(after).toBe(before);
  });

  it('answers 404 for an unknown complaint and 400 for an id that is not one', async () => {
    expect((await call('GET', `/complaints/${randomUUID()}`, 'admin')).status).toBe(404);
    expect((await call('GET', '/complaints/not-a-uuid', 'admin')).status).toBe(400);
  });

  it('describes the whole API at /api/docs', async () => {
    const doc = (await (await fetch(`${stack.gatewayUrl}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    const actions = ['confirm', 'dismiss', 'disposition', 'section-responses', 'analysis', 'decision', 'team-decree', 'follow-up-information', 'delivery-confirmation'];
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/worklist',
        '/api/v1/complaints',
        '/api/v1/complaints/{id}',
        '/api/v1/complaints/{id}/timeline',
        ...actions.map((a) => `/api/v1/complaints/{id}/${a}`),
      ]),
    );
  });

  it("never writes the reporter's personal data to any service's log", () => {
    const logs = Object.values(stack.processes).map((p) => p.logs()).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const personal of [reporter.name, reporter.phone, 'calo di depan kantor']) expect(logs).not.toContain(personal);
  });
});
