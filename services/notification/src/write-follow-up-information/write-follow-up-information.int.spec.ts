import { ComplaintOutcome } from '@pengaduan/contracts';
import { ServiceError, SettableClock } from '@pengaduan/runtime';
import type { ComplaintStatus } from '@pengaduan/sop';
import { actors, ComplaintHistory, randomOfficeCode } from '@pengaduan/testing';
import { createHash, randomUUID } from 'node:crypto';
import { NotificationApp } from '../__fixtures__/notification-app';

const office = randomOfficeCode();
const officer = { ...actors.adminTikkim, officeCode: office };
const app = new NotificationApp(new SettableClock(new Date('2026-11-27T03:00:00Z')));

beforeAll(() => app.start());
afterAll(() => app.stop());

async function complaintIn(end: ComplaintStatus) {
  const c = new ComplaintHistory({ officeCode: office, channel: 'PHONE' });
  await app.seed(c, end);
  return c;
}

async function followUpRows(complaintId: string) {
  return (await app.runtime.dataSource.query(
    'SELECT id, text, written_by, written_at, channel, provider_message_id FROM follow_up_information WHERE complaint_id = $1',
    [complaintId],
  )) as { id: string; text: string; written_by: string; written_at: Date; channel: string; provider_message_id: string | null }[];
}

describe('admin tikkim writes the follow-up information (SOP step 7)', () => {
  const cases: [ComplaintStatus, string, ComplaintOutcome][] = [
    ['TEAM_FORMED', 'after the team decree', ComplaintOutcome.FOLLOWED_UP],
    ['NO_FOLLOW_UP_DECIDED', 'after a decision not to follow up', ComplaintOutcome.NO_FOLLOW_UP],
    ['DISMISSED', 'after a dismissal', ComplaintOutcome.DISMISSED],
  ];

  it.each(cases)('informs the reporter of a complaint in %s (%s); the event carries a reference, never the text', async (end, _why, outcome) => {
    const c = await complaintIn(end);
    const text = `Yth. Pelapor, pengaduan Anda ${c.trackingNumber} telah kami tindak lanjuti; petugas terkait telah diberi pembinaan.`;

    const result = await app.writeFollowUpInformation(officer, c.complaintId, text);

    expect(result).toMatchObject({ complaintId: c.complaintId, status: 'REPORTER_INFORMED' });
    expect(result.eventIds).toHaveLength(1);
    const [row] = await followUpRows(c.complaintId);
    expect(row).toMatchObject({ text, written_by: `${officer.role}:${officer.userId}`, channel: 'PHONE', provider_message_id: null });
    expect(row.written_at.toISOString()).toBe(app.clock.now().toISOString());

    const events = await app.eventsOf(c.complaintId);
    expect(events.map((e) => e.type)).toEqual(['complaint.reporter-informed']);
    const [informed] = events;
    if (informed.type !== 'complaint.reporter-informed') throw new Error('unreachable');
    expect(informed.envelope).toMatchObject({ id: result.eventIds[0], actor: `ADMIN_TIKKIM:${officer.userId}`, office, source: 'pengaduan/notification' });
    expect(informed.payload).toMatchObject({ informationRef: row.id, outcome });
    // The event carries the hash of the Informasi Tindak Lanjut as stored, never the text.
    const [doc] = (await app.runtime.dataSource.query(`SELECT kind, number, sha256, content FROM complaint_document WHERE complaint_id = $1`, [c.complaintId])) as {
      kind: string;
      number: string;
      sha256: string;
      content: Buffer;
    }[];
    expect(doc).toMatchObject({ kind: 'INFORMASI_TINDAK_LANJUT', number: `ITL/${c.trackingNumber.replace(/-/g, '/')}` });
    expect(doc.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(doc.content).digest('hex')).toBe(doc.sha256);
    expect(informed.payload.documentSha256).toBe(doc.sha256);
    expect(JSON.stringify(informed.envelope)).not.toContain('pembinaan');
    expect(await app.statusOf(c.complaintId)).toBe('REPORTER_INFORMED');
  });

  it('with no adapter for the channel sends nothing and records nothing more: the officer confirms the delivery', async () => {
    const c = await complaintIn('TEAM_FORMED');
    await app.writeFollowUpInformation(officer, c.complaintId, 'Pengaduan Anda telah ditindaklanjuti oleh tim.');

    expect((await app.eventsOf(c.complaintId)).map((e) => e.type)).toEqual(['complaint.reporter-informed']);
    expect((await followUpRows(c.complaintId))[0].provider_message_id).toBeNull();
  });

  it('answers a retried request with the first outcome, one event and one stored text', async () => {
    const c = await complaintIn('NO_FOLLOW_UP_DECIDED');
    const requestId = randomUUID();
    const first = await app.writeFollowUpInformation(officer, c.complaintId, 'Pengaduan Anda tidak terbukti.', requestId);
    const again = await app.writeFollowUpInformation(officer, c.complaintId, 'Pengaduan Anda tidak terbukti.', requestId);

    expect(again).toEqual(first);
    expect(await app.eventsOf(c.complaintId)).toHaveLength(1);
    expect(await followUpRows(c.complaintId)).toHaveLength(1);
  });

  it('refuses the request id reused for another text', async () => {
    const c = await complaintIn('NO_FOLLOW_UP_DECIDED');
    const requestId = randomUUID();
    await app.writeFollowUpInformation(officer, c.complaintId, 'Pengaduan Anda tidak terbukti.', requestId);
    await expect(app.writeFollowUpInformation(officer, c.complaintId, 'Teks lain.', requestId)).rejects.toMatchObject({
      kind: 'idempotency-mismatch',
      code: 'IDEMPOTENCY.KEY_REUSED',
    });
  });

  it('refuses the head of office (403), and stores nothing', async () => {
    const c = await complaintIn('TEAM_FORMED');
    await expect(app.writeFollowUpInformation({ ...actors.kepalaKantor, officeCode: office }, c.complaintId, 'Pengaduan Anda telah ditindaklanjuti.')).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'COMPLAINT.FORBIDDEN_ROLE',
    });
    expect(await followUpRows(c.complaintId)).toHaveLength(0);
    expect(await app.eventsOf(c.complaintId)).toHaveLength(0);
  });

  it('refuses a complaint that has not reached the reporter’s turn (409, with its state and what admin tikkim may do)', async () => {
    const c = await complaintIn('CONFIRMED');
    const error = await app.writeFollowUpInformation(officer, c.complaintId, 'Terlalu dini.').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.ILLEGAL_TRANSITION', details: { state: 'CONFIRMED' } });
    expect((error as ServiceError).details['availableActions']).toEqual(expect.any(Array));
    expect((error as ServiceError).details['availableActions']).not.toContain('informReporter');
    expect(await followUpRows(c.complaintId)).toHaveLength(0);
  });

  it('refuses a second follow-up information once the reporter was informed (409)', async () => {
    const c = await complaintIn('TEAM_FORMED');
    await app.writeFollowUpInformation(officer, c.complaintId, 'Pengaduan Anda telah ditindaklanjuti.');
    await expect(app.writeFollowUpInformation(officer, c.complaintId, 'Sekali lagi.')).rejects.toMatchObject({
      kind: 'conflict',
      details: { state: 'REPORTER_INFORMED', availableActions: expect.arrayContaining(['recordDelivery']) },
    });
  });

  it('does not find a complaint of another office', async () => {
    const c = await complaintIn('TEAM_FORMED');
    await expect(app.writeFollowUpInformation({ ...actors.adminTikkim, officeCode: randomOfficeCode() }, c.complaintId, 'Bukan kantor Anda.')).rejects.toMatchObject({
      kind: 'not-found',
      code: 'COMPLAINT.NOT_FOUND',
    });
    expect(await followUpRows(c.complaintId)).toHaveLength(0);
  });

  it('refuses an empty text (400 naming the field)', async () => {
    const c = await complaintIn('TEAM_FORMED');
    await expect(app.writeFollowUpInformation(officer, c.complaintId, '   ')).rejects.toMatchObject({
      kind: 'invalid',
      details: { fieldViolations: [{ field: 'text', description: expect.any(String) }] },
    });
  });
});
