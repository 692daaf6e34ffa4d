import { DismissalReason, parseEnvelope } from '@pengaduan/contracts';
import { randomOfficeCode, refusal } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { actors, by, contact, outboxCount, registerComplaint, startIntakeKit, stateOf, type IntakeKit } from '../__fixtures__/intake-test-kit';
import { ComplaintRecord } from '../persistence/entities';

let kit: IntakeKit;

beforeAll(async () => {
  kit = await startIntakeKit();
});

afterAll(async () => {
  await kit?.stop();
});

/** The complaint.dismissed intake wrote for the complaint, as consumers will read it. */
async function dismissedEvent(complaintId: string) {
  const [row] = (await kit.runtime.dataSource.query("SELECT body FROM outbox WHERE message_key = $1 AND event_type = 'complaint.dismissed'", [complaintId])) as {
    body: string;
  }[];
  const parsed = parseEnvelope(row.body);
  if (!parsed.ok || parsed.type !== 'complaint.dismissed') throw new Error(`unexpected event: ${row.body}`);
  return parsed;
}

describe('admin tikkim dismisses a message that is not a complaint to handle (SOP step 2)', () => {
  it('dismisses spam: complaint.dismissed with the reason and note, the state DISMISSED, the row updated', async () => {
    const complaintId = await registerComplaint(kit);
    const outcome = await kit.dismiss.execute({ ...by(kit, actors.admin, complaintId), reason: 'SPAM', note: 'Promosi judi daring' });

    expect(outcome).toEqual({ complaintId, status: 'DISMISSED', eventIds: [expect.any(String)], version: 2 });
    const event = await dismissedEvent(complaintId);
    expect(event.envelope).toMatchObject({ id: outcome.eventIds[0], actor: 'ADMIN_TIKKIM:u-admin-1', office: kit.office });
    expect(event.payload).toMatchObject({ reason: DismissalReason.SPAM, note: 'Promosi judi daring' });
    expect(event.payload.duplicateOf).toBeUndefined();
    expect(await stateOf(kit, complaintId)).toMatchObject({ status: 'DISMISSED', state: { dismissal: { reason: 'SPAM' } } });
    const row = await kit.runtime.dataSource.manager.findOneByOrFail(ComplaintRecord, { id: complaintId });
    expect(row).toMatchObject({ status: 'DISMISSED', dismissal: { reason: 'SPAM', note: 'Promosi judi daring' }, dismissedAt: kit.clock.now() });
  });

  it('dismisses a duplicate of a complaint of the same office, naming it', async () => {
    const original = await registerComplaint(kit);
    const complaintId = await registerComplaint(kit);
    await kit.dismiss.execute({ ...by(kit, actors.admin, complaintId), reason: 'DUPLICATE', duplicateOf: original });

    expect((await dismissedEvent(complaintId)).payload).toMatchObject({ reason: DismissalReason.DUPLICATE, duplicateOf: original });
    expect((await stateOf(kit, complaintId))?.state).toMatchObject({ dismissal: { reason: 'DUPLICATE', originalComplaintId: original } });
  });

  it('dismisses a message that is not a complaint', async () => {
    const complaintId = await registerComplaint(kit);
    await kit.dismiss.execute({ ...by(kit, actors.admin, complaintId), reason: 'NOT_A_COMPLAINT', note: 'Pertanyaan tentang jam layanan' });
    expect((await dismissedEvent(complaintId)).payload).toMatchObject({ reason: DismissalReason.NOT_A_COMPLAINT });
  });

  it('dismisses a matter of another agency, naming where it belongs', async () => {
    const complaintId = await registerComplaint(kit);
    await kit.dismiss.execute({ ...by(kit, actors.admin, complaintId), reason: 'NOT_OUR_AUTHORITY', belongsTo: 'Bea Cukai Batam' });

    expect((await dismissedEvent(complaintId)).payload).toMatchObject({ reason: DismissalReason.NOT_OUR_AUTHORITY, belongsTo: 'Bea Cukai Batam' });
    const row = await kit.runtime.dataSource.manager.findOneByOrFail(ComplaintRecord, { id: complaintId });
    expect(row.dismissal).toEqual({ reason: 'NOT_OUR_AUTHORITY', belongsTo: 'Bea Cukai Batam' });
  });

  it('refuses a duplicate of a complaint intake does not hold (400 on duplicateOf), and records nothing', async () => {
    const complaintId = await registerComplaint(kit);
    const error = await refusal(kit.dismiss.execute({ ...by(kit, actors.admin, complaintId), reason: 'DUPLICATE', duplicateOf: randomUUID() }));

    expect(error).toMatchObject({ kind: 'invalid', code: 'COMPLAINT.UNKNOWN_ORIGINAL', details: { fieldViolations: [{ field: 'duplicateOf' }] } });
    expect(await outboxCount(kit, complaintId, 'complaint.dismissed')).toBe(0);
    expect((await stateOf(kit, complaintId))?.status).toBe('RECEIVED');
  });

  it("refuses a duplicate of another office's complaint as unknown", async () => {
    const elsewhere = await registerComplaint(kit, { officeCode: randomOfficeCode() });
    const complaintId = await registerComplaint(kit);
    const error = await refusal(kit.dismiss.execute({ ...by(kit, actors.admin, complaintId), reason: 'DUPLICATE', duplicateOf: elsewhere }));
    expect(error.details.fieldViolations).toEqual([{ field: 'duplicateOf', description: `no complaint ${elsewhere} in office ${kit.office}` }]);
  });

  it('asks for the original of a duplicate and for where a matter belongs, by the request’s field names', async () => {
    const complaintId = await registerComplaint(kit);
    const noOriginal = await refusal(kit.dismiss.execute({ ...by(kit, actors.admin, complaintId), reason: 'DUPLICATE' }));
    const noAgency = await refusal(kit.dismiss.execute({ ...by(kit, actors.admin, complaintId), reason: 'NOT_OUR_AUTHORITY' }));

    expect(noOriginal).toMatchObject({ kind: 'invalid', details: { fieldViolations: [{ field: 'duplicateOf' }] } });
    expect(noOriginal.details.fieldViolations?.[0].description).not.toContain('originalComplaintId');
    expect(noAgency).toMatchObject({ kind: 'invalid', details: { fieldViolations: [{ field: 'belongsTo' }] } });
  });

  it('rejects a request without a reason, or with fields of another reason', async () => {
    const complaintId = await registerComplaint(kit);
    const error = await refusal(kit.dismiss.execute({ ...by(kit, actors.admin, complaintId), duplicateOf: randomUUID(), belongsTo: 'Bea Cukai' }));
    expect(error.details.fieldViolations?.map((v) => v.field).sort()).toEqual(['belongsTo', 'duplicateOf', 'reason']);
  });

  it('refuses a note that gives the reporter away', async () => {
    const complaintId = await registerComplaint(kit);
    const error = await refusal(kit.dismiss.execute({ ...by(kit, actors.admin, complaintId), reason: 'SPAM', note: `dikirim oleh ${contact.email}` }));
    expect(error).toMatchObject({ kind: 'invalid', code: 'COMPLAINT.PERSONAL_DATA', details: { fieldViolations: [{ field: 'note' }] } });
  });

  it('refuses a dismissal by the kepala kantor (403) and a dismissal of a confirmed complaint (409)', async () => {
    const complaintId = await registerComplaint(kit);
    const forbidden = await refusal(kit.dismiss.execute({ ...by(kit, actors.kepalaKantor, complaintId), reason: 'SPAM' }));
    await kit.confirm.execute({ ...by(kit, actors.admin, complaintId), classificationCode: '02', summary: 'Antrean paspor', anonymous: false, confidential: false });
    const illegal = await refusal(kit.dismiss.execute({ ...by(kit, actors.admin, complaintId), reason: 'SPAM' }));

    expect(forbidden).toMatchObject({ kind: 'forbidden', code: 'COMPLAINT.FORBIDDEN_ROLE' });
    expect(illegal).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.ILLEGAL_TRANSITION', details: { state: 'CONFIRMED' } });
    expect(await outboxCount(kit, complaintId, 'complaint.dismissed')).toBe(0);
  });

  it('answers a retried dismissal with the first answer and records one event', async () => {
    const complaintId = await registerComplaint(kit);
    const first = { ...by(kit, actors.admin, complaintId), reason: 'SPAM' as const };
    const a = await kit.dismiss.execute(first);
    expect(await kit.dismiss.execute({ ...first, correlationId: randomUUID() })).toEqual(a);
    expect(await outboxCount(kit, complaintId, 'complaint.dismissed')).toBe(1);
  });
});
