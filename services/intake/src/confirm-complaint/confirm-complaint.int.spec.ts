import { ComplaintConfirmedSchema, COMPLAINT_EVENTS_TOPIC, parseEnvelope } from '@pengaduan/contracts';
import { refusal, storedDocument, TopicReader } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { actors, by, contact, outboxCount, registerComplaint, startIntakeKit, stateOf, type IntakeKit } from '../__fixtures__/intake-test-kit';
import { ComplaintRecord } from '../persistence/entities';

let kit: IntakeKit;
let reader: TopicReader;

beforeAll(async () => {
  reader = await new TopicReader([COMPLAINT_EVENTS_TOPIC]).start();
  kit = await startIntakeKit();
});

afterAll(async () => {
  await reader?.stop();
  await kit?.stop();
});

const laporanTerusan = { classificationCode: '03', summary: 'Dugaan pungutan liar di loket paspor pada 3 Maret', anonymous: false, confidential: true };

describe('admin tikkim confirms a received complaint (SOP step 2)', () => {
  it('records complaint.confirmed with the forwarded report, and intake now knows the complaint as CONFIRMED', async () => {
    const complaintId = await registerComplaint(kit);
    const outcome = await kit.confirm.execute({ ...by(kit, actors.admin, complaintId), ...laporanTerusan });

    expect(outcome).toEqual({ complaintId, status: 'CONFIRMED', eventIds: [expect.any(String)], version: 2 });
    const [message] = await reader.waitFor((m) => m.key === complaintId && m.value?.includes('complaint.confirmed') === true);
    const parsed = parseEnvelope(message.value ?? '');
    if (!parsed.ok || parsed.type !== 'complaint.confirmed') throw new Error(`unexpected event: ${message.value}`);
    expect(parsed.envelope).toMatchObject({ id: outcome.eventIds[0], subject: complaintId, office: kit.office, actor: 'ADMIN_TIKKIM:u-admin-1', source: 'pengaduan/intake' });
    expect(parsed.payload).toMatchObject({ $typeName: ComplaintConfirmedSchema.typeName, ...laporanTerusan });
    const report = await storedDocument(kit.runtime.dataSource, complaintId, 'LAPORAN_TERUSAN_ADUAN');
    expect(report?.intact).toBe(true);
    expect(parsed.payload.documentSha256).toBe(report?.sha256);

    const state = await stateOf(kit, complaintId);
    expect(state).toMatchObject({ status: 'CONFIRMED', version: 2, state: { classification: '03', confidential: true } });
    const row = await kit.runtime.dataSource.manager.findOneByOrFail(ComplaintRecord, { id: complaintId });
    expect(row).toMatchObject({ status: 'CONFIRMED', classificationCode: '03', summary: laporanTerusan.summary, anonymous: false, confidential: true, confirmedAt: kit.clock.now() });
  });

  it('lets the admin make the complaint anonymous when confirming it', async () => {
    const complaintId = await registerComplaint(kit);
    await kit.confirm.execute({ ...by(kit, actors.admin, complaintId), ...laporanTerusan, anonymous: true });

    const row = await kit.runtime.dataSource.manager.findOneByOrFail(ComplaintRecord, { id: complaintId });
    expect(row.anonymous).toBe(true);
    expect((await stateOf(kit, complaintId))?.state).toMatchObject({ anonymous: true });
  });

  it('refuses a confirmation by the kepala kantor (403), and records nothing', async () => {
    const complaintId = await registerComplaint(kit);
    const error = await refusal(kit.confirm.execute({ ...by(kit, actors.kepalaKantor, complaintId), ...laporanTerusan }));

    expect(error).toMatchObject({ kind: 'forbidden', code: 'COMPLAINT.FORBIDDEN_ROLE', details: { state: 'RECEIVED' } });
    expect(await outboxCount(kit, complaintId, 'complaint.confirmed')).toBe(0);
    expect((await stateOf(kit, complaintId))?.status).toBe('RECEIVED');
  });

  it('answers a second confirmation with 409, the current state and what the admin may do instead', async () => {
    const complaintId = await registerComplaint(kit);
    await kit.confirm.execute({ ...by(kit, actors.admin, complaintId), ...laporanTerusan });
    const error = await refusal(kit.confirm.execute({ ...by(kit, actors.admin, complaintId), ...laporanTerusan, classificationCode: '02' }));

    expect(error).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.ILLEGAL_TRANSITION', details: { state: 'CONFIRMED', availableActions: ['appendMessage'] } });
    expect(await outboxCount(kit, complaintId, 'complaint.confirmed')).toBe(1);
    const row = await kit.runtime.dataSource.manager.findOneByOrFail(ComplaintRecord, { id: complaintId });
    expect(row.classificationCode).toBe('03');
  });

  it('answers a retried request with the first answer and records one event', async () => {
    const complaintId = await registerComplaint(kit);
    const first = { ...by(kit, actors.admin, complaintId), ...laporanTerusan };
    const a = await kit.confirm.execute(first);
    const b = await kit.confirm.execute({ ...first, correlationId: randomUUID() });

    expect(b).toEqual(a);
    expect(await outboxCount(kit, complaintId, 'complaint.confirmed')).toBe(1);
  });

  it('refuses a request id reused for another confirmation', async () => {
    const complaintId = await registerComplaint(kit);
    const first = { ...by(kit, actors.admin, complaintId), ...laporanTerusan };
    await kit.confirm.execute(first);
    const error = await refusal(kit.confirm.execute({ ...first, summary: 'Antrean terlalu lama' }));
    expect(error).toMatchObject({ kind: 'idempotency-mismatch', code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it("does not find another office's complaint", async () => {
    const complaintId = await registerComplaint(kit);
    const error = await refusal(kit.confirm.execute({ ...by(kit, actors.admin, complaintId), actorOffice: 'ZZZZZ', ...laporanTerusan }));

    expect(error).toMatchObject({ kind: 'not-found', code: 'COMPLAINT.NOT_FOUND' });
    expect((await stateOf(kit, complaintId))?.status).toBe('RECEIVED');
  });

  it('does not find a complaint intake never received', async () => {
    const error = await refusal(kit.confirm.execute({ ...by(kit, actors.admin, randomUUID()), ...laporanTerusan }));
    expect(error).toMatchObject({ kind: 'not-found', code: 'COMPLAINT.NOT_FOUND' });
  });

  it('rejects a classification outside Permen PAN 5/2009 and an empty summary, naming both fields', async () => {
    const complaintId = await registerComplaint(kit);
    const error = await refusal(kit.confirm.execute({ ...by(kit, actors.admin, complaintId), ...laporanTerusan, classificationCode: '11', summary: ' ' }));

    expect(error.kind).toBe('invalid');
    expect(error.details.fieldViolations?.map((v) => v.field).sort()).toEqual(['classificationCode', 'summary']);
  });

  it('refuses a summary that gives the reporter away, since it travels in the event', async () => {
    const complaintId = await registerComplaint(kit);
    const summary = `Pelapor ${contact.name} (0812 3456 7890) mengadukan pungli`;
    const error = await refusal(kit.confirm.execute({ ...by(kit, actors.admin, complaintId), ...laporanTerusan, summary }));

    expect(error).toMatchObject({ kind: 'invalid', code: 'COMPLAINT.PERSONAL_DATA', details: { fieldViolations: [{ field: 'summary' }] } });
    expect(await outboxCount(kit, complaintId, 'complaint.confirmed')).toBe(0);
    expect((await stateOf(kit, complaintId))?.status).toBe('RECEIVED');
  });
});
