import { refusal } from '@pengaduan/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import type { UserActor } from '@pengaduan/sop';
import { ResolveReporterAddressHandler } from '../resolve-reporter-address/resolve-reporter-address.handler';
import { SenderDigest } from '../inbound-messages/sender-digest';
import { ListContactReadsHandler, type ContactProcessingRecordRow } from '../processing-record/list-contact-reads.handler';
import {
  actors,
  applyToIntake,
  by,
  contact,
  eventsOfOtherServices,
  registerComplaint,
  reportText,
  startIntakeKit,
  type IntakeKit,
} from '../__fixtures__/intake-test-kit';

let kit: IntakeKit;

beforeAll(async () => {
  kit = await startIntakeKit();
});

afterAll(async () => {
  await kit?.stop();
});

const read = (complaintId: string, actor: UserActor, actorOffice?: string, contact?: { purpose: string; reason?: string }) =>
  kit.get.execute({
    complaintId,
    actor,
    actorOffice: actorOffice ?? kit.office,
    ...(contact ? { contactPurpose: contact.purpose, ...(contact.reason ? { contactReason: contact.reason } : {}) } : {}),
  });

const officers = {
  seksi: { kind: 'user', userId: 'u-seksi-1', role: 'SEKSI_TERKAIT', sectionCode: 'INTELDAKIM' },
  kasiTi: { kind: 'user', userId: 'u-kasi-ti-1', role: 'KEPALA_SEKSI_TI' },
  tim: { kind: 'user', userId: 'u-tim-1', role: 'TIM_PENANGANAN' },
  auditor: { kind: 'user', userId: 'u-auditor-1', role: 'AUDITOR' },
} as const satisfies Record<string, UserActor>;

const BREAK_GLASS_REASON = 'Aduan terhadap Admin Tikkim sendiri; pelapor harus dihubungi kepala kantor.';

const recordOf = async (complaintId: string): Promise<ContactProcessingRecordRow[]> =>
  (await kit.runtime.dataSource.query('SELECT * FROM contact_processing_record WHERE complaint_id = $1 ORDER BY at, id', [complaintId])) as ContactProcessingRecordRow[];

describe('an officer reads a complaint', () => {
  it('shows the complaint with its messages in order, its classification and summary once confirmed', async () => {
    const complaintId = await registerComplaint(kit);
    await kit.append.execute({ ...by(kit, actors.admin, complaintId), text: 'Kejadiannya di loket 3.' });
    await kit.confirm.execute({ ...by(kit, actors.admin, complaintId), classificationCode: '03', summary: 'Dugaan pungli di loket paspor', anonymous: false, confidential: true });

    const complaint = await read(complaintId, actors.admin, undefined, { purpose: 'CONFIRM' });
    expect(complaint).toMatchObject({
      complaintId,
      officeCode: kit.office,
      trackingNumber: expect.stringMatching(new RegExp(`^${kit.office}-2026-\\d{6}$`)),
      channel: 'PHONE',
      status: 'CONFIRMED',
      text: `${reportText}\n\nKejadiannya di loket 3.`,
      anonymous: false,
      confidential: true,
      classificationCode: '03',
      summary: 'Dugaan pungli di loket paspor',
      contact,
      contactRedacted: false,
      contactPurpose: 'CONFIRM',
    });
    expect(complaint.messages.map((m) => [m.sequence, m.text])).toEqual([
      [1, reportText],
      [2, 'Kejadiannya di loket 3.'],
    ]);
  });

  it('shows the contact of an anonymous complaint to admin tikkim only; the kepala kantor sees that it is withheld', async () => {
    const complaintId = await registerComplaint(kit, { anonymous: true });

    const forAdmin = await read(complaintId, actors.admin, undefined, { purpose: 'CONFIRM' });
    const forKepalaKantor = await read(complaintId, actors.kepalaKantor);

    expect(forAdmin).toMatchObject({ anonymous: true, contact, contactRedacted: false });
    expect(forKepalaKantor).toMatchObject({ anonymous: true, contactRedacted: true });
    expect(forKepalaKantor.contact).toBeUndefined();
    expect(JSON.stringify(forKepalaKantor)).not.toContain(contact.phone);
  });

  it('withholds the contact once the admin makes the complaint anonymous at confirmation', async () => {
    const complaintId = await registerComplaint(kit);
    await kit.confirm.execute({ ...by(kit, actors.admin, complaintId), classificationCode: '02', summary: 'Antrean paspor', anonymous: true, confidential: false });
    const complaint = await read(complaintId, actors.kepalaKantor);
    expect(complaint.contactRedacted).toBe(true);
    expect(complaint.contact).toBeUndefined();
  });

  it('says there is no contact when the reporter gave none, without calling it withheld', async () => {
    const complaintId = await registerComplaint(kit, { contact: undefined });
    const complaint = await read(complaintId, actors.kepalaKantor);
    expect(complaint.contact).toBeUndefined();
    expect(complaint.contactRedacted).toBe(false);
  });

  it('shows the status intake learned from the other services', async () => {
    const complaintId = await registerComplaint(kit);
    await kit.confirm.execute({ ...by(kit, actors.admin, complaintId), classificationCode: '02', summary: 'Antrean paspor', anonymous: false, confidential: false });
    const dispose = { type: 'dispose', actor: actors.kepalaKantor, sheet: { entries: [{ sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI'] }] } } as const;
    await applyToIntake(kit, await eventsOfOtherServices(kit, complaintId, [dispose]));

    expect((await read(complaintId, actors.kepalaKantor)).status).toBe('DISPOSED');
  });

  it("does not find another office's complaint, nor one that does not exist", async () => {
    const complaintId = await registerComplaint(kit);
    await expect(read(complaintId, actors.admin, 'ZZZZZ')).rejects.toMatchObject({ kind: 'not-found', code: 'COMPLAINT.NOT_FOUND' });
    await expect(read(randomUUID(), actors.admin)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('refuses the reporter role (403) and a complaint id that is not one (400)', async () => {
    const complaintId = await registerComplaint(kit);
    expect(await refusal(read(complaintId, actors.pelapor))).toMatchObject({ kind: 'forbidden' });
    expect(await refusal(read('BLP-2026-000001', actors.admin))).toMatchObject({ kind: 'invalid', details: { fieldViolations: [{ field: 'complaintId' }] } });
  });
});

describe("the complainant's contact: who reads it, and the processing record of every read (docs/adr/0029)", () => {
  it('leaves one row per read by admin tikkim: who, when, which complaint, why and which fields', async () => {
    const complaintId = await registerComplaint(kit);
    const before = new Date();
    await read(complaintId, actors.admin, undefined, { purpose: 'CONFIRM' });
    await read(complaintId, actors.admin, undefined, { purpose: 'INFORM_REPORTER' });

    const rows = await recordOf(complaintId);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      complaint_id: complaintId,
      office_code: kit.office,
      actor_kind: 'user',
      user_id: actors.admin.userId,
      role: 'ADMIN_TIKKIM',
      actor_office_code: kit.office,
      service: null,
      purpose: 'CONFIRM',
      reason: null,
      fields: ['name', 'phone', 'email'],
      outcome: 'READ',
    });
    expect(rows[1]).toMatchObject({ purpose: 'INFORM_REPORTER', outcome: 'READ' });
    expect(rows[0]?.at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    // The record never holds the contact.
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(`${contact.phone.slice(1)}|${contact.email}|${contact.name}`));
  });

  it('withholds the contact from every other role, and from admin tikkim without a purpose, leaving no row', async () => {
    const complaintId = await registerComplaint(kit);
    for (const actor of [actors.kepalaKantor, officers.seksi, officers.kasiTi, officers.tim, officers.auditor, actors.admin]) {
      const complaint = await read(complaintId, actor);
      expect({ role: actor.role, contact: complaint.contact, contactRedacted: complaint.contactRedacted }).toEqual({ role: actor.role, contact: undefined, contactRedacted: true });
      expect(JSON.stringify(complaint)).not.toContain(contact.phone);
    }
    expect(await recordOf(complaintId)).toEqual([]);
  });

  it('refuses a purpose the role may not state (403) and records the refused attempt', async () => {
    const complaintId = await registerComplaint(kit);
    for (const actor of [officers.seksi, officers.kasiTi, officers.auditor]) {
      expect(await refusal(read(complaintId, actor, undefined, { purpose: 'CONFIRM' }))).toMatchObject({ kind: 'forbidden', code: 'CONTACT.PURPOSE_NOT_ALLOWED' });
    }
    expect(await refusal(read(complaintId, actors.kepalaKantor, undefined, { purpose: 'INFORM_REPORTER' }))).toMatchObject({ code: 'CONTACT.PURPOSE_NOT_ALLOWED' });
    const rows = await recordOf(complaintId);
    expect(rows.map((r) => [r.role, r.purpose, r.outcome, r.refusal_code, r.fields])).toEqual([
      ['SEKSI_TERKAIT', 'CONFIRM', 'REFUSED', 'CONTACT.PURPOSE_NOT_ALLOWED', []],
      ['KEPALA_SEKSI_TI', 'CONFIRM', 'REFUSED', 'CONTACT.PURPOSE_NOT_ALLOWED', []],
      ['AUDITOR', 'CONFIRM', 'REFUSED', 'CONTACT.PURPOSE_NOT_ALLOWED', []],
      ['KEPALA_KANTOR', 'INFORM_REPORTER', 'REFUSED', 'CONTACT.PURPOSE_NOT_ALLOWED', []],
    ]);
  });

  it('lets the head of office break the glass with a reason, recorded; not without one, and never for an anonymous complaint', async () => {
    const complaintId = await registerComplaint(kit);
    expect(await refusal(read(complaintId, actors.kepalaKantor, undefined, { purpose: 'BREAK_GLASS' }))).toMatchObject({ kind: 'invalid', code: 'CONTACT.REASON_REQUIRED' });
    expect(await recordOf(complaintId)).toEqual([]);

    const complaint = await read(complaintId, actors.kepalaKantor, undefined, { purpose: 'BREAK_GLASS', reason: BREAK_GLASS_REASON });
    expect(complaint).toMatchObject({ contact, contactRedacted: false, contactPurpose: 'BREAK_GLASS' });
    expect(await recordOf(complaintId)).toEqual([expect.objectContaining({ role: 'KEPALA_KANTOR', purpose: 'BREAK_GLASS', reason: BREAK_GLASS_REASON, outcome: 'READ' })]);

    const anonymous = await registerComplaint(kit, { anonymous: true });
    expect(await refusal(read(anonymous, actors.kepalaKantor, undefined, { purpose: 'BREAK_GLASS', reason: BREAK_GLASS_REASON }))).toMatchObject({ kind: 'forbidden', code: 'CONTACT.ANONYMOUS' });
    expect(await recordOf(anonymous)).toEqual([expect.objectContaining({ purpose: 'BREAK_GLASS', outcome: 'REFUSED', refusal_code: 'CONTACT.ANONYMOUS' })]);
  });

  it("does not find another office's complaint before any purpose is weighed, and records nothing", async () => {
    const complaintId = await registerComplaint(kit);
    await expect(read(complaintId, actors.admin, 'ZZZZZ', { purpose: 'CONFIRM' })).rejects.toMatchObject({ kind: 'not-found' });
    expect(await recordOf(complaintId)).toEqual([]);
  });

  it("records notification's resolve of an address as the system, with its purpose, channel and field", async () => {
    const complaintId = await registerComplaint(kit);
    const resolve = new ResolveReporterAddressHandler(kit.runtime, kit.cipher, SenderDigest.fromBase64(randomBytes(32).toString('base64')));
    const [{ reporter_ref: reporterRef }] = (await kit.runtime.dataSource.query('SELECT reporter_ref FROM complaint WHERE id = $1', [complaintId])) as { reporter_ref: string }[];

    expect(await resolve.execute(complaintId, reporterRef, 'SMS', 'SEND_FOLLOW_UP')).toEqual({ recipient: contact.phone });
    expect(await resolve.execute(complaintId, reporterRef, 'TELEGRAM', 'ACKNOWLEDGE')).toBeUndefined();
    expect(await refusal(resolve.execute(complaintId, reporterRef, 'SMS', 'CURIOSITY'))).toMatchObject({ kind: 'invalid' });

    expect(await recordOf(complaintId)).toEqual([
      expect.objectContaining({ actor_kind: 'system', service: 'notification', user_id: null, purpose: 'SEND_FOLLOW_UP', fields: ['phone'], channel: 'SMS', outcome: 'READ' }),
    ]);
  });

  it('lists the office’s record to the head of office and the auditor only, a page at a time, never the contact', async () => {
    const list = new ListContactReadsHandler(kit.runtime);
    const complaintId = await registerComplaint(kit);
    for (const purpose of ['CONFIRM', 'CONFIRM', 'INFORM_REPORTER']) await read(complaintId, actors.admin, undefined, { purpose });

    const first = await list.execute({ role: 'KEPALA_KANTOR', officeCode: kit.office, complaintId, pageSize: 2 });
    expect(first.reads.map((r) => r.purpose)).toEqual(['CONFIRM', 'CONFIRM']);
    expect(first.nextPageToken).toEqual(expect.any(String));
    const second = await list.execute({ role: 'AUDITOR', officeCode: kit.office, complaintId, pageSize: 2, ...(first.nextPageToken ? { pageToken: first.nextPageToken } : {}) });
    expect(second.reads.map((r) => r.purpose)).toEqual(['INFORM_REPORTER']);
    expect(second.nextPageToken).toBeUndefined();
    expect(second.reads[0]).toMatchObject({ complaintId, officeCode: kit.office, actorKind: 'user', userId: actors.admin.userId, role: 'ADMIN_TIKKIM', fields: ['name', 'phone', 'email'], outcome: 'READ' });
    expect(JSON.stringify([first, second])).not.toContain(contact.phone);

    expect((await list.execute({ role: 'KEPALA_KANTOR', officeCode: 'ZZZZZ', complaintId, pageSize: 10 })).reads).toEqual([]);
    expect((await list.execute({ role: 'KEPALA_KANTOR', officeCode: kit.office, complaintId, from: new Date(Date.now() + 60_000), pageSize: 10 })).reads).toEqual([]);
    for (const role of ['ADMIN_TIKKIM', 'SEKSI_TERKAIT', 'KEPALA_SEKSI_TI', 'TIM_PENANGANAN'] as const) {
      expect(await refusal(list.execute({ role, officeCode: kit.office, pageSize: 10 }))).toMatchObject({ kind: 'forbidden' });
    }
    expect(await refusal(list.execute({ role: 'AUDITOR', officeCode: kit.office, pageSize: 10, pageToken: 'bm9wZQ' }))).toMatchObject({ kind: 'invalid' });
  });

  it('takes no update or delete of the record', async () => {
    const complaintId = await registerComplaint(kit);
    await read(complaintId, actors.admin, undefined, { purpose: 'CONFIRM' });
    await expect(kit.runtime.dataSource.query('DELETE FROM contact_processing_record WHERE complaint_id = $1', [complaintId])).rejects.toThrow(/append-only/);
    await expect(kit.runtime.dataSource.query(`UPDATE contact_processing_record SET purpose = 'X' WHERE complaint_id = $1`, [complaintId])).rejects.toThrow(/append-only/);
  });
});
