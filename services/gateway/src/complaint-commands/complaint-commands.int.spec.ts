import { timestampDate } from '@bufbuild/protobuf/wkt';
import {
  AnalysisService,
  DeliveryMethod,
  DismissalReason,
  DispositionInstruction,
  DispositionService,
  FollowUpDecision,
  IntakeService,
  NotificationService,
  Severity,
  Substantiation,
  TeamDecreeService,
  TeamRole,
  type CommandContext,
} from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { v7 as uuidv7 } from 'uuid';
import { ComplaintHistory } from '@pengaduan/testing';
import { api, isolate, removeIsolation, StandIn, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { requestIdOf } from './request-id';

/** What the services answer a command: the outcome for the complaint in the request. */
function outcome(request: { context?: CommandContext }, status: string) {
  return { outcome: { complaintId: request.context?.complaintId ?? '', status, eventIds: [uuidv7()] } };
}

const intake = new StandIn(IntakeService, {
  confirmComplaint: (r) => outcome(r, 'CONFIRMED'),
  dismissComplaint: (r) => outcome(r, 'DISMISSED'),
});
const disposition = new StandIn(DispositionService, {
  disposeComplaint: (r) => ({ ...outcome(r, 'DISPOSED'), sheetNumber: 'LD/BLP/2026/000012' }),
  respondAsSection: (r) => outcome(r, 'DISPOSED'),
  listSections: () => ({ sections: [{ code: 'INTELDAKIM', name: 'Seksi Inteldakim' }, { code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian' }] }),
});
const analysis = new StandIn(AnalysisService, {
  analyzeComplaint: (r) => outcome(r, 'ANALYZED'),
  decideFollowUp: (r) => outcome(r, 'FOLLOW_UP_DECIDED'),
});
const teamDecree = new StandIn(TeamDecreeService, { issueTeamDecree: (r) => ({ ...outcome(r, 'TEAM_FORMED'), decreeNumber: 'SK/BLP/2026/000003' }) });
const notification = new StandIn(NotificationService, {
  writeFollowUpInformation: (r) => outcome(r, 'REPORTER_INFORMED'),
  confirmDelivery: (r) => outcome(r, 'CLOSED'),
});
const standIns: { start(): Promise<unknown>; stop(): Promise<void>; reset(): void }[] = [intake, disposition, analysis, teamDecree, notification];

let isolation: GatewayIsolation;
let gateway: TestGateway;
const officers = {} as Record<'admin' | 'kepala' | 'inteldakim' | 'kasiTi' | 'otherOffice', { id: string; token: string }>;

/** Complaints of office BLP in the state each command starts from, in the gateway's view. */
const received = new ComplaintHistory({ officeCode: 'BLP' });
const confirmed = new ComplaintHistory({ officeCode: 'BLP' });
const disposed = new ComplaintHistory({ officeCode: 'BLP' });
const otherOffice = new ComplaintHistory({ officeCode: 'TPI' });

beforeAll(async () => {
  await Promise.all(standIns.map((s) => s.start()));
  isolation = await isolate();
  gateway = await startGateway(
    { intake: intake.address, disposition: disposition.address, analysis: analysis.address, teamDecree: teamDecree.address, notification: notification.address },
    isolation,
  );
  for (const [name, officer] of Object.entries({
    admin: { role: 'ADMIN_TIKKIM', officeCode: 'BLP' },
    kepala: { role: 'KEPALA_KANTOR', officeCode: 'BLP' },
    inteldakim: { role: 'SEKSI_TERKAIT', officeCode: 'BLP', sectionCode: 'INTELDAKIM' },
    kasiTi: { role: 'KEPALA_SEKSI_TI', officeCode: 'BLP' },
    otherOffice: { role: 'ADMIN_TIKKIM', officeCode: 'TPI' },
  } as const)) {
    const account = await gateway.officer(officer);
    officers[name as keyof typeof officers] = { id: account.id, token: account.token };
  }
  await gateway.seed(...received.received());
  await gateway.seed(...confirmed.received(), ...confirmed.confirmed());
  await gateway.seed(...disposed.received(), ...disposed.confirmed(), ...disposed.disposedTo(['INTELDAKIM', 'LANTASKIM']));
  await gateway.seed(...otherOffice.received());
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all(standIns.map((s) => s.stop()));
  await removeIsolation(isolation);
});

beforeEach(() => standIns.forEach((s) => s.reset()));

function command(officer: keyof typeof officers, complaint: ComplaintHistory | string, action: string, body: unknown, key: string | null = uuidv7(), headers: Record<string, string> = {}) {
  const id = typeof complaint === 'string' ? complaint : complaint.complaintId;
  return api(gateway, officers[officer].token).post(`/complaints/${id}/${action}`, body, { ...(key === null ? {} : { 'Idempotency-Key': key }), ...headers });
}

function contextOf(officer: keyof typeof officers, complaint: ComplaintHistory, key: string) {
  return { requestId: requestIdOf(officers[officer], key), complaintId: complaint.complaintId, actor: expect.objectContaining({ userId: officers[officer].id, officeCode: 'BLP' }) };
}

describe('officers take the steps of the SOP over REST, each by the service that owns it', () => {
  it('admin tikkim confirms a received complaint with intake, as themselves, with the key and the correlation id', async () => {
    const res = await command('admin', received, 'confirm', { classificationCode: '03', summary: 'Pungutan di loket', anonymous: true, confidential: false }, 'confirm-1', {
      'X-Correlation-Id': 'req-confirm-1',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { eventIds: string[] };
    expect(body).toEqual({ id: received.complaintId, status: 'CONFIRMED', eventIds: [expect.any(String)] });
    const [request] = intake.requests('confirmComplaint');
    expect(request).toMatchObject({ context: contextOf('admin', received, 'confirm-1'), classificationCode: '03', summary: 'Pungutan di loket', anonymous: true, confidential: false });
    expect(request.context?.actor).toMatchObject({ role: 'ADMIN_TIKKIM' });
    expect(request.context?.actor?.sectionCode).toBeUndefined();
    expect(intake.calls[0].correlationId).toBe('req-confirm-1');
  });

  it('admin tikkim dismisses a duplicate, naming the original', async () => {
    const original = uuidv7();
    const res = await command('admin', received, 'dismiss', { reason: 'DUPLICATE', duplicateOf: original, note: 'Sama dengan aduan kemarin' });
    expect(res.status).toBe(200);
    expect(intake.requests('dismissComplaint')[0]).toMatchObject({ reason: DismissalReason.DUPLICATE, duplicateOf: original, note: 'Sama dengan aduan kemarin' });
  });

  it('kepala kantor dispositions a confirmed complaint to two sections and gets the sheet number', async () => {
    const res = await command('kepala', confirmed, 'disposition', {
      lines: [
        { sectionCode: 'INTELDAKIM', instructions: ['TINDAK_LANJUTI', 'KOORDINASIKAN'], note: 'Periksa petugas' },
        { sectionCode: 'LANTASKIM', instructions: ['UNTUK_DIKETAHUI'] },
      ],
      note: 'Segera',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: confirmed.complaintId, status: 'DISPOSED', eventIds: [expect.any(String)], sheetNumber: 'LD/BLP/2026/000012' });
    const [request] = disposition.requests('disposeComplaint');
    expect(request.context?.actor).toMatchObject({ role: 'KEPALA_KANTOR', officeCode: 'BLP' });
    expect(request.lines.map((l) => [l.sectionCode, l.instructions, l.note])).toEqual([
      ['INTELDAKIM', [DispositionInstruction.TINDAK_LANJUTI, DispositionInstruction.KOORDINASIKAN], 'Periksa petugas'],
      ['LANTASKIM', [DispositionInstruction.UNTUK_DIKETAHUI], undefined],
    ]);
    expect(request.note).toBe('Segera');
  });

  it("a section officer responds for their own section, the one of their account", async () => {
    const res = await command('inteldakim', disposed, 'section-responses', { response: 'Petugas telah diperiksa' });
    expect(res.status).toBe(200);
    expect(disposition.requests('respondAsSection')[0]).toMatchObject({
      sectionCode: 'INTELDAKIM',
      response: 'Petugas telah diperiksa',
      context: { actor: expect.objectContaining({ role: 'SEKSI_TERKAIT', sectionCode: 'INTELDAKIM', officeCode: 'BLP' }) },
    });
  });

  it('admin tikkim records the analysis with analysis', async () => {
    const res = await command('admin', disposed, 'analysis', { findings: 'Terbukti', substantiated: 'PARTLY', classificationCode: '01', severity: 'HIGH', recommendation: 'Bentuk tim' });
    expect(res.status).toBe(200);
    expect(analysis.requests('analyzeComplaint')[0]).toMatchObject({
      findings: 'Terbukti',
      substantiated: Substantiation.PARTLY,
      classificationCode: '01',
      severity: Severity.HIGH,
      recommendation: 'Bentuk tim',
    });
  });

  it('kepala seksi TI decides not to follow up, with the reason', async () => {
    const res = await command('kasiTi', disposed, 'decision', { decision: 'NO_FOLLOW_UP', reason: 'Tidak terbukti' });
    expect(res.status).toBe(200);
    expect(analysis.requests('decideFollowUp')[0]).toMatchObject({ decision: FollowUpDecision.NO_FOLLOW_UP, reason: 'Tidak terbukti', context: { actor: expect.objectContaining({ role: 'KEPALA_SEKSI_TI' }) } });
  });

  it('kepala kantor issues the team decree and gets its number', async () => {
    const res = await command('kepala', disposed, 'team-decree', {
      decreeDate: '2026-03-16',
      members: [
        { name: 'Budi Santoso', nip: '198503122010121002', position: 'Kepala Seksi Inteldakim', teamRole: 'KETUA' },
        { name: 'Rina Kartika', nip: '199001012015031001', position: 'Analis', teamRole: 'ANGGOTA', userId: officers.admin.id },
      ],
      mandate: 'Memeriksa petugas loket',
      periodStartDate: '2026-03-16',
      periodEndDate: '2026-04-15',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'TEAM_FORMED', decreeNumber: 'SK/BLP/2026/000003' });
    const [request] = teamDecree.requests('issueTeamDecree');
    expect(request).toMatchObject({ decreeDate: '2026-03-16', mandate: 'Memeriksa petugas loket', periodStartDate: '2026-03-16', periodEndDate: '2026-04-15' });
    expect(request.members.map((m) => [m.nip, m.teamRole, m.userId])).toEqual([
      ['198503122010121002', TeamRole.KETUA, undefined],
      ['199001012015031001', TeamRole.ANGGOTA, officers.admin.id],
    ]);
  });

  it('admin tikkim writes the follow-up information and then records its delivery by phone', async () => {
    expect((await command('admin', disposed, 'follow-up-information', { text: 'Aduan Anda telah ditindaklanjuti.' })).status).toBe(200);
    expect(notification.requests('writeFollowUpInformation')[0]).toMatchObject({ text: 'Aduan Anda telah ditindaklanjuti.' });

    const res = await command('admin', disposed, 'delivery-confirmation', { method: 'PHONE_CALL', deliveredAt: '2026-03-17T10:15:00+07:00', note: 'Pelapor dihubungi' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'CLOSED' });
    const [delivery] = notification.requests('confirmDelivery');
    expect(delivery).toMatchObject({ method: DeliveryMethod.PHONE_CALL, note: 'Pelapor dihubungi' });
    expect(delivery.deliveredAt && timestampDate(delivery.deliveredAt).toISOString()).toBe('2026-03-17T03:15:00.000Z');
  });

  it("lists the sections of the officer's office from disposition", async () => {
    const res = await api(gateway, officers.kepala.token).get('/sections');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [{ code: 'INTELDAKIM', name: 'Seksi Inteldakim' }, { code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian' }] });
    expect(disposition.requests('listSections')).toEqual([expect.objectContaining({ officeCode: 'BLP' })]);
  });
});

describe('every command is idempotent by a required Idempotency-Key', () => {
  it('refuses a command without one with 400 naming the header, asking no service', async () => {
    const res = await command('admin', received, 'confirm', { classificationCode: '03', summary: 'x', anonymous: false, confidential: false }, null);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'Idempotency-Key' }] });
    expect(intake.calls).toEqual([]);
  });

  it("sends a retry with the same request id, and another officer's same key as another", async () => {
    const body = { decision: 'FOLLOW_UP', reason: 'Terbukti' };
    await command('kasiTi', disposed, 'decision', body, 'same-key');
    await command('kasiTi', disposed, 'decision', body, 'same-key');
    await command('admin', disposed, 'decision', body, 'same-key');
    const [first, retry, other] = analysis.requests('decideFollowUp').map((r) => r.context?.requestId);
    expect(retry).toBe(first);
    expect(other).not.toBe(first);
  });
});

describe('a command on a complaint outside the officer’s office', () => {
  it('answers 404, as for a complaint that does not exist, and asks no service', async () => {
    const res = await command('admin', otherOffice, 'confirm', { classificationCode: '03', summary: 'x', anonymous: false, confidential: false });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
    expect((await command('admin', uuidv7(), 'confirm', { classificationCode: '03', summary: 'x', anonymous: false, confidential: false })).status).toBe(404);
    expect(intake.calls).toEqual([]);
  });
});

describe("the services' refusals", () => {
  it('passes an illegal transition on as 409 with the state and what the officer may do instead, at once', async () => {
    intake.answers.confirmComplaint = () => {
      throw new ServiceError('conflict', 'COMPLAINT.ILLEGAL_TRANSITION', 'confirm is not allowed in status CONFIRMED (allowed in RECEIVED)', {
        state: 'CONFIRMED',
        availableActions: ['appendMessage'],
      });
    };
    const res = await command('admin', confirmed, 'confirm', { classificationCode: '03', summary: 'x', anonymous: false, confidential: false });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'COMPLAINT.ILLEGAL_TRANSITION', state: 'CONFIRMED', availableActions: ['appendMessage'] });
    expect(res.headers.get('retry-after')).toBeNull();
    expect(intake.calls).toHaveLength(1);
  });

  it('passes a role the SOP does not allow on as 403', async () => {
    intake.answers.confirmComplaint = () => {
      throw new ServiceError('forbidden', 'COMPLAINT.FORBIDDEN_ROLE', 'KEPALA_KANTOR may not confirm', { state: 'RECEIVED' });
    };
    const res = await command('kepala', received, 'confirm', { classificationCode: '03', summary: 'x', anonymous: false, confidential: false });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'COMPLAINT.FORBIDDEN_ROLE' });
  });

  it("names the service's bad fields as the REST body names them", async () => {
    disposition.answers.disposeComplaint = () => {
      throw new ServiceError('invalid', 'COMPLAINT.INVALID_COMMAND', 'sheet.entries[1].instructions lists KOORDINASIKAN twice', {
        fieldViolations: [{ field: 'sheet.entries[1].instructions', description: 'lists KOORDINASIKAN twice' }],
      });
    };
    const res = await command('kepala', confirmed, 'disposition', { lines: [{ sectionCode: 'INTELDAKIM', instructions: ['KOORDINASIKAN', 'KOORDINASIKAN'] }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'lines[1].instructions', message: 'lists KOORDINASIKAN twice' }] });

    intake.answers.dismissComplaint = () => {
      throw new ServiceError('invalid', 'COMPLAINT.INVALID_COMMAND', 'originalComplaintId must be a non-empty string', {
        fieldViolations: [{ field: 'originalComplaintId', description: 'originalComplaintId must be a non-empty string' }],
      });
    };
    const dismissal = await command('admin', received, 'dismiss', { reason: 'DUPLICATE' });
    expect(await dismissal.json()).toMatchObject({ status: 400, errors: [{ field: 'duplicateOf' }] });
  });

  it('answers 503 when the owning service cannot be reached', async () => {
    const own = await isolate();
    const offline = await startGateway({}, own);
    try {
      await offline.seed(...new ComplaintHistory({ complaintId: received.complaintId, officeCode: 'BLP', trackingNumber: received.trackingNumber }).received());
      const token = (await offline.officer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' })).token;
      const res = await api(offline, token).post(`/complaints/${received.complaintId}/confirm`, { classificationCode: '03', summary: 'x', anonymous: false, confidential: false }, { 'Idempotency-Key': 'k' });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: 'UPSTREAM.UNAVAILABLE', detail: expect.stringMatching(/^intake is not reachable/) });
    } finally {
      await offline.stop();
      await removeIsolation(own);
    }
  });
});

describe('versions: a client acting on an answer or a view is never refused for being early (docs/adr/0033)', () => {
  it('asks the service to catch up with the view it holds, and remembers the version of each answer for the next command', async () => {
    // The seeded complaint: received, confirmed, disposed = version 3 in the gateway's view.
    analysis.answers.analyzeComplaint = (r) => ({ outcome: { ...outcome(r, 'ANALYZED').outcome, version: 7 } });
    const analyzed = await command('admin', disposed, 'analysis', { findings: 'f', substantiated: 'YES', classificationCode: '03', severity: 'LOW', recommendation: 'r' });
    expect(analyzed.status).toBe(200);
    expect(analyzed.headers.get('etag')).toBe('"7"');
    expect(await analyzed.json()).toMatchObject({ status: 'ANALYZED', version: 7 });
    expect(analysis.requests('analyzeComplaint')[0].context).toMatchObject({ minVersion: 3 });
    expect(analysis.requests('analyzeComplaint')[0].context?.expectedVersion).toBeUndefined();

    await command('kasiTi', disposed, 'decision', { decision: 'NO_FOLLOW_UP', reason: 'Tidak terbukti' });
    expect(analysis.requests('decideFollowUp')[0].context).toMatchObject({ minVersion: 7 });
  });

  it('takes a command on a complaint it has just registered, before its view has it, in that office only', async () => {
    const id = uuidv7();
    intake.answers.registerComplaint = () => ({ complaintId: id, trackingNumber: 'BLP-2026-000777', status: 'RECEIVED' });
    const registered = await api(gateway, officers.admin.token).post('/complaints', { channel: 'PHONE', text: 'Antrean paspor melebihi jam layanan.' }, { 'Idempotency-Key': uuidv7() });
    expect(registered.status).toBe(201);
    const confirm = { classificationCode: '03', summary: 'Antrean', anonymous: false, confidential: false };
    expect((await command('otherOffice', id, 'confirm', confirm)).status).toBe(404);
    const res = await command('admin', id, 'confirm', confirm);
    expect(res.status).toBe(200);
    expect(intake.requests('confirmComplaint')).toHaveLength(1);
    expect(intake.requests('confirmComplaint')[0].context).toMatchObject({ complaintId: id, minVersion: 1 });
  });

  it('answers a read of a complaint it has just registered with ?minVersion=, before the view has it, 409 COMPLAINT.NOT_CAUGHT_UP in that office and 404 in another', async () => {
    const id = uuidv7();
    intake.answers.registerComplaint = () => ({ complaintId: id, trackingNumber: 'BLP-2026-000778', status: 'RECEIVED' });
    const registered = await api(gateway, officers.admin.token).post('/complaints', { channel: 'PHONE', text: 'Antrean paspor melebihi jam layanan.' }, { 'Idempotency-Key': uuidv7() });
    expect(registered.status).toBe(201);
    // No event of it is ever published here: the view has no row for it, only the gateway's answer.
    const [early, elsewhere] = await Promise.all([
      api(gateway, officers.admin.token).get(`/complaints/${id}?minVersion=1`),
      api(gateway, officers.otherOffice.token).get(`/complaints/${id}?minVersion=1`),
    ]);
    expect(early.status).toBe(409);
    expect(early.headers.get('retry-after')).toBe('1');
    expect(await early.json()).toMatchObject({ code: 'COMPLAINT.NOT_CAUGHT_UP' });
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
  });

  it("passes the client's If-Match on as the expected version, in either form of this API's tags", async () => {
    for (const tag of ['"3"', '"3.Zm9vYmFy"', 'W/"3"']) {
      analysis.reset();
      const res = await command('admin', disposed, 'analysis', { findings: 'f', substantiated: 'YES', classificationCode: '03', severity: 'LOW', recommendation: 'r' }, uuidv7(), { 'If-Match': tag });
      expect(res.status).toBe(200);
      expect(analysis.requests('analyzeComplaint')[0].context).toMatchObject({ expectedVersion: 3 });
    }
  });

  it('refuses an If-Match that is not one of its tags, naming the header, before any service is asked', async () => {
    for (const tag of ['3', '"-1"', '"3"x', '"3", "4"', '"99999999999"', '"3.../etc"']) {
      const res = await command('admin', disposed, 'analysis', { findings: 'f', substantiated: 'YES', classificationCode: '03', severity: 'LOW', recommendation: 'r' }, uuidv7(), { 'If-Match': tag });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ errors: [{ field: 'If-Match' }] });
    }
    expect(analysis.calls).toHaveLength(0);
  });

  it('answers 412 COMPLAINT.VERSION_CONFLICT when the service finds the complaint moved past If-Match', async () => {
    analysis.answers.analyzeComplaint = () => {
      throw new ServiceError('precondition-failed', 'COMPLAINT.VERSION_CONFLICT', 'complaint has moved on to version 5 (ANALYZED) since version 3', { state: 'ANALYZED', version: 5 });
    };
    const res = await command('admin', disposed, 'analysis', { findings: 'f', substantiated: 'YES', classificationCode: '03', severity: 'LOW', recommendation: 'r' }, uuidv7(), { 'If-Match': '"3"' });
    expect(res.status).toBe(412);
    expect(await res.json()).toMatchObject({ code: 'COMPLAINT.VERSION_CONFLICT', state: 'ANALYZED', version: 5 });
  });

  it("passes on the service's COMPLAINT.NOT_CAUGHT_UP with Retry-After at once, never a 500", async () => {
    notification.answers.writeFollowUpInformation = () => {
      throw new ServiceError('conflict', 'COMPLAINT.NOT_CAUGHT_UP', 'applied up to version 2, not yet 3', { state: 'CONFIRMED', version: 2, retryAfterSeconds: 1 });
    };
    const res = await command('admin', disposed, 'follow-up-information', { text: 'Aduan Anda telah ditindaklanjuti.' });
    expect(res.status).toBe(409);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toMatchObject({ code: 'COMPLAINT.NOT_CAUGHT_UP', version: 2 });
    expect(notification.calls).toHaveLength(1);
  });
});
