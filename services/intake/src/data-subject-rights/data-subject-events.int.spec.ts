import { ACCESS_REQUEST_DUE_MS } from '@pengaduan/sop';
import { refusal } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { actors, contact, outboxCount, registerComplaint, startIntakeKit, stateOf, type IntakeKit } from '../__fixtures__/intake-test-kit';
import { AccessRequestsHandler } from './access-requests.handler';
import { ContactRightsHandler } from './contact-rights.handler';

// docs/adr/0061: each data-subject command writes its event to intake's outbox with its record.

let kit: IntakeKit;
let requests: AccessRequestsHandler;
let rights: ContactRightsHandler;

beforeAll(async () => {
  kit = await startIntakeKit();
  requests = new AccessRequestsHandler(kit.runtime, kit.cipher, kit.clock, kit.executor);
  rights = new ContactRightsHandler(kit.runtime, kit.cipher, kit.clock, kit.executor);
});

afterAll(async () => {
  await kit?.stop();
});

const once = () => ({ actor: actors.admin, actorOffice: kit.office, requestId: randomUUID() });

interface OutboxEvent {
  type: string;
  subject: string;
  actor: string;
  data: Record<string, unknown>;
}

async function eventsOf(complaintId: string): Promise<{ body: string; event: OutboxEvent }[]> {
  const rows = (await kit.runtime.dataSource.query(`SELECT body FROM outbox WHERE message_key = $1 AND event_type NOT IN ('complaint.received') ORDER BY seq`, [complaintId])) as { body: string }[];
  return rows.map((r) => ({ body: r.body, event: JSON.parse(r.body) as OutboxEvent }));
}

async function trackingNumberOf(complaintId: string): Promise<string> {
  const [row] = (await kit.runtime.dataSource.query('SELECT tracking_number FROM complaint WHERE id = $1', [complaintId])) as { tracking_number: string }[];
  if (!row) throw new Error(`no complaint ${complaintId}`);
  return row.tracking_number;
}

describe('the data subject’s requests as events on the complaint, without personal data', () => {
  it('admin tikkim’s access request, restriction, correction, lift and hand-over each publish one event, none naming the contact, none moving the version', async () => {
    const earlier = await registerComplaint(kit);
    const named = await registerComplaint(kit, { text: 'Saya dimintai uang lagi di loket paspor.' });
    const versionBefore = (await stateOf(kit, named))?.version;
    const corrected = { ...contact, phone: '+6281399990000', email: 'siti.baru@example.id' };

    const request = await requests.register({ ...once(), trackingNumber: await trackingNumberOf(named), verification: 'CHANNEL', verifier: contact.phone.slice(-4) });
    await rights.restrict({ ...once(), complaintId: named, reason: 'Pelapor meminta pembatasan pemrosesan.' });
    await rights.correct({ ...once(), complaintId: named, reason: 'Nomor dan surel pelapor sudah berganti.', contact: corrected });
    await rights.lift({ ...once(), complaintId: named, reason: 'Pelapor mencabut permintaan pembatasan.' });
    kit.clock.advance(ACCESS_REQUEST_DUE_MS - 3600_000);
    await requests.handOver({ ...once(), id: request.id, how: 'Diserahkan langsung di loket' });

    const events = await eventsOf(named);
    expect(events.map((e) => e.event.type)).toEqual([
      'complaint.data-access-requested',
      'complaint.contact-restricted',
      'complaint.contact-corrected',
      'complaint.contact-restriction-lifted',
      'complaint.data-access-answered',
    ]);
    expect(events.map((e) => e.event)).toEqual([
      expect.objectContaining({ subject: named, actor: `ADMIN_TIKKIM:${actors.admin.userId}`, data: { requestId: request.id, verifiedBy: 'DATA_ACCESS_VERIFICATION_CHANNEL', dueAt: expect.any(String) } }),
      expect.objectContaining({ data: {} }),
      expect.objectContaining({ data: { fields: ['CONTACT_FIELD_PHONE', 'CONTACT_FIELD_EMAIL'] } }),
      expect.objectContaining({ data: {} }),
      // proto JSON leaves out a false `late`.
      expect.objectContaining({ data: { requestId: request.id, answeredAt: expect.any(String) } }),
    ]);
    expect(Date.parse(events[0]?.event.data['dueAt'] as string)).toBe(request.dueAt.getTime());
    for (const { body } of events) {
      for (const value of [contact.name, contact.phone, contact.email, corrected.phone, corrected.email, contact.phone.slice(-4), '81234567890', '81399990000']) expect(body).not.toContain(value);
    }
    // The complaint whose tracking number was named carries the request; the person's other complaint carries nothing.
    expect(await eventsOf(earlier)).toEqual([]);
    expect((await stateOf(kit, named))?.version).toBe(versionBefore);
  });

  it('a refused or repeated command publishes nothing more, and a hand-over after 3 × 24 hours is late', async () => {
    const complaintId = await registerComplaint(kit);
    const restrict = { ...once(), complaintId, reason: 'Pelapor meminta pembatasan pemrosesan.' };
    await rights.restrict(restrict);
    await rights.restrict(restrict);
    expect(await refusal(rights.restrict({ ...restrict, requestId: randomUUID() }))).toMatchObject({ code: 'CONTACT.RESTRICTION_UNCHANGED' });
    expect(await refusal(rights.restrict({ ...restrict, requestId: randomUUID(), actorOffice: 'ZZZ' }))).toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
    expect(await refusal(rights.lift({ ...restrict, requestId: randomUUID(), actor: actors.kepalaKantor }))).toMatchObject({ code: 'COMPLAINT.FORBIDDEN_ROLE' });
    expect(await refusal(rights.correct({ ...once(), complaintId, reason: 'Tidak ada yang berubah sama sekali.', contact }))).toMatchObject({ code: 'CONTACT.CORRECTION_UNCHANGED' });
    expect(await outboxCount(kit, complaintId, 'complaint.contact-restricted')).toBe(1);
    expect(await outboxCount(kit, complaintId, 'complaint.contact-restriction-lifted')).toBe(0);
    expect(await outboxCount(kit, complaintId, 'complaint.contact-corrected')).toBe(0);

    const request = await requests.register({ ...once(), trackingNumber: await trackingNumberOf(complaintId), verification: 'IN_PERSON', identityDocumentKind: 'KTP' });
    kit.clock.advance(ACCESS_REQUEST_DUE_MS + 60_000);
    const handOver = { ...once(), id: request.id, how: 'Dikirim lewat pos tercatat' };
    await requests.handOver(handOver);
    await requests.handOver(handOver);
    const answered = (await eventsOf(complaintId)).filter((e) => e.event.type === 'complaint.data-access-answered');
    expect(answered.map((e) => e.event.data)).toEqual([{ requestId: request.id, answeredAt: expect.any(String), late: true }]);
    expect((await eventsOf(complaintId)).find((e) => e.event.type === 'complaint.data-access-requested')?.event.data).toMatchObject({ verifiedBy: 'DATA_ACCESS_VERIFICATION_IN_PERSON' });
  });
});
