import { ACCESS_REQUEST_DUE_MS } from '@pengaduan/sop';
import { refusal } from '@pengaduan/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { SenderDigest } from '../inbound-messages/sender-digest';
import { ResolveReporterAddressHandler } from '../resolve-reporter-address/resolve-reporter-address.handler';
import { actors, by, contact, registerComplaint, reportText, startIntakeKit, type IntakeKit } from '../__fixtures__/intake-test-kit';
import { AccessRequestsHandler, type RegisterAccessRequest } from './access-requests.handler';
import { ContactRightsHandler } from './contact-rights.handler';

let kit: IntakeKit;
let requests: AccessRequestsHandler;
let rights: ContactRightsHandler;
let resolve: ResolveReporterAddressHandler;

beforeAll(async () => {
  kit = await startIntakeKit();
  requests = new AccessRequestsHandler(kit.runtime, kit.cipher, kit.clock);
  rights = new ContactRightsHandler(kit.runtime, kit.cipher, kit.clock);
  resolve = new ResolveReporterAddressHandler(kit.runtime, kit.cipher, SenderDigest.fromBase64(randomBytes(32).toString('base64')));
});

afterAll(async () => {
  await kit?.stop();
});

const admin = () => ({ actor: actors.admin, actorOffice: kit.office });
async function trackingNumberOf(complaintId: string): Promise<{ tracking_number: string; reporter_ref: string }> {
  const [row] = (await kit.runtime.dataSource.query('SELECT tracking_number, reporter_ref FROM complaint WHERE id = $1', [complaintId])) as { tracking_number: string; reporter_ref: string }[];
  if (!row) throw new Error(`no complaint ${complaintId}`);
  return row;
}
const inPerson = (trackingNumber: string, overrides: Partial<RegisterAccessRequest> = {}): RegisterAccessRequest => ({
  ...admin(),
  requestId: randomUUID(),
  trackingNumber,
  verification: 'IN_PERSON',
  identityDocumentKind: 'KTP',
  ...overrides,
});

const otherPerson = { name: 'Budi Santoso', phone: '+6289876543210' };
const otherText = 'Antrean di kantor terlalu lama, saya menunggu empat jam.';

describe('a complainant asks for their personal data (UU 27/2022 access)', () => {
  it('admin tikkim registers a request verified in person, downloads every complaint of that person with messages and contact reads, and hands it over within 3 × 24 hours', async () => {
    const first = await registerComplaint(kit);
    await kit.append.execute({ ...by(kit, actors.admin, first), text: 'Kejadiannya di loket 3.' });
    const second = await registerComplaint(kit, { text: 'Saya juga dimintai uang saat mengambil paspor.', contact: { phone: contact.phone } });
    const stranger = await registerComplaint(kit, { text: otherText, contact: otherPerson });
    await kit.get.execute({ complaintId: first, actor: actors.admin, actorOffice: kit.office, contactPurpose: 'CONFIRM' });

    const { tracking_number } = await trackingNumberOf(first);
    const registered = await requests.register(inPerson(tracking_number));
    expect(registered).toMatchObject({ trackingNumber: tracking_number, verification: 'IN_PERSON', identityDocumentKind: 'KTP', handedOverAt: null });
    expect(registered.dueAt.getTime() - registered.registeredAt.getTime()).toBe(ACCESS_REQUEST_DUE_MS);
    expect((await requests.list({ actor: actors.kepalaKantor, actorOffice: kit.office })).map((r) => r.id)).toContain(registered.id);

    const json = await requests.export({ ...admin(), id: registered.id, format: 'JSON' });
    expect(json).toMatchObject({ mediaType: 'application/json', fileName: expect.stringMatching(/\.json$/) });
    const exported = JSON.parse(json.content.toString('utf8')) as { contact: unknown; complaints: { complaintId: string; messages: { text: string }[]; contactReads: { purpose: string; userId: string }[] }[] };
    expect(exported.contact).toEqual(contact);
    expect(exported.complaints.map((c) => c.complaintId).sort()).toEqual([first, second].sort());
    const firstExported = exported.complaints.find((c) => c.complaintId === first);
    expect(firstExported?.messages.map((m) => m.text)).toEqual([reportText, 'Kejadiannya di loket 3.']);
    expect(firstExported?.contactReads).toEqual([expect.objectContaining({ purpose: 'CONFIRM', userId: actors.admin.userId })]);
    const text = json.content.toString('utf8');
    for (const foreign of [stranger, otherText, otherPerson.name, otherPerson.phone]) expect(text).not.toContain(foreign);

    const pdf = await requests.export({ ...admin(), id: registered.id, format: 'PDF' });
    expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const downloads = (await kit.runtime.dataSource.query('SELECT format, user_id FROM data_subject_request_download WHERE request_id = $1 ORDER BY at, id', [registered.id])) as unknown[];
    expect(downloads).toEqual([
      { format: 'JSON', user_id: actors.admin.userId },
      { format: 'PDF', user_id: actors.admin.userId },
    ]);

    kit.clock.advance(3600_000);
    const answered = await requests.handOver({ ...admin(), id: registered.id, how: 'Diserahkan langsung di loket' });
    expect(answered.handedOverAt?.getTime()).toBeLessThan(answered.dueAt.getTime());
    expect(answered).toMatchObject({ handedOverBy: actors.admin.userId, handedOverHow: 'Diserahkan langsung di loket' });
    expect(await refusal(requests.handOver({ ...admin(), id: registered.id, how: 'lewat surel' }))).toMatchObject({ code: 'DATA_REQUEST.ANSWERED' });
  });

  it('verifies by what the channel gave the person, and refuses a wrong answer, another role, another office, an unknown tracking number and a reused key', async () => {
    const complaintId = await registerComplaint(kit);
    const { tracking_number } = await trackingNumberOf(complaintId);
    const byChannel = { verification: 'CHANNEL', verifier: contact.phone.slice(-4), identityDocumentKind: undefined } as const;
    expect(await requests.register(inPerson(tracking_number, byChannel))).toMatchObject({ verification: 'CHANNEL', identityDocumentKind: null });
    expect(await refusal(requests.register(inPerson(tracking_number, { ...byChannel, verifier: '0000' })))).toMatchObject({ kind: 'forbidden', code: 'DATA_REQUEST.NOT_VERIFIED' });
    expect(await refusal(requests.register(inPerson(tracking_number, { identityDocumentKind: undefined })))).toMatchObject({ kind: 'invalid', details: { fieldViolations: [{ field: 'identityDocumentKind' }] } });
    expect(await refusal(requests.register(inPerson(tracking_number, { actor: actors.kepalaKantor })))).toMatchObject({ code: 'COMPLAINT.FORBIDDEN_ROLE' });
    expect(await refusal(requests.register(inPerson(tracking_number, { actorOffice: 'ZZZ' })))).toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
    expect(await refusal(requests.register(inPerson(`${kit.office}-2026-999999`)))).toMatchObject({ kind: 'not-found', code: 'COMPLAINT.NOT_FOUND' });

    const once = inPerson(tracking_number);
    const made = await requests.register(once);
    expect((await requests.register(once)).id).toBe(made.id);
    expect(await refusal(requests.register({ ...once, identityDocumentKind: 'PASPOR' }))).toMatchObject({ kind: 'idempotency-mismatch', code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await refusal(requests.export({ actor: actors.admin, actorOffice: 'ZZZ', id: made.id, format: 'JSON' }))).toMatchObject({ code: 'DATA_REQUEST.NOT_FOUND' });
    expect(await refusal(requests.export({ actor: actors.kepalaKantor, actorOffice: kit.office, id: made.id, format: 'JSON' }))).toMatchObject({ code: 'COMPLAINT.FORBIDDEN_ROLE' });
  });
});

describe('admin tikkim restricts and corrects a contact', () => {
  it('a restricted contact is neither resolved for a message nor shown, each refusal is in the processing record, and lifting it restores both', async () => {
    const complaintId = await registerComplaint(kit);
    const { reporter_ref } = await trackingNumberOf(complaintId);
    const command = { ...admin(), complaintId, reason: 'Pelapor meminta pembatasan pemrosesan.' };
    await rights.restrict(command);
    expect(await rights.restricted({ ...admin(), complaintId })).toBe(true);
    expect(await refusal(rights.restrict(command))).toMatchObject({ kind: 'conflict', code: 'CONTACT.RESTRICTION_UNCHANGED' });

    expect(await resolve.execute(complaintId, reporter_ref, 'SMS', 'SEND_FOLLOW_UP')).toBeUndefined();
    const page = await kit.get.execute({ complaintId, actor: actors.admin, actorOffice: kit.office, contactPurpose: 'CONFIRM' });
    expect(page).toMatchObject({ contactRedacted: true, contactRestricted: true, messages: [{ text: reportText }] });
    expect(page.contact).toBeUndefined();
    const record = (await kit.runtime.dataSource.query('SELECT outcome, refusal_code, purpose FROM contact_processing_record WHERE complaint_id = $1 ORDER BY at, id', [complaintId])) as unknown[];
    expect(record).toEqual([
      { outcome: 'REFUSED', refusal_code: 'CONTACT.RESTRICTED', purpose: 'SEND_FOLLOW_UP' },
      { outcome: 'REFUSED', refusal_code: 'CONTACT.RESTRICTED', purpose: 'CONFIRM' },
    ]);

    await rights.lift(command);
    expect((await kit.get.execute({ complaintId, actor: actors.admin, actorOffice: kit.office, contactPurpose: 'CONFIRM' })).contact).toEqual(contact);
    expect(await resolve.execute(complaintId, reporter_ref, 'SMS', 'SEND_FOLLOW_UP')).toEqual({ recipient: contact.phone });
    expect(await refusal(rights.restrict({ ...command, actor: actors.kepalaKantor }))).toMatchObject({ code: 'COMPLAINT.FORBIDDEN_ROLE' });
    expect(await refusal(rights.restrict({ ...command, actorOffice: 'ZZZ' }))).toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
    expect(await refusal(rights.restrict({ ...command, reason: 'x' }))).toMatchObject({ kind: 'invalid', details: { fieldViolations: [{ field: 'reason' }] } });
  });

  it('a corrected contact replaces the old one, which is kept nowhere; the record names the fields only', async () => {
    const complaintId = await registerComplaint(kit);
    const corrected = { ...contact, phone: '+6281311112222' };
    const command = { ...admin(), complaintId, reason: 'Nomor telepon pelapor sudah berganti.', contact: corrected };
    expect(await rights.correct(command)).toEqual({ fields: ['phone'] });
    const read = await kit.get.execute({ complaintId, actor: actors.admin, actorOffice: kit.office, contactPurpose: 'CONFIRM' });
    expect(read.contact).toEqual(corrected);
    expect(await refusal(rights.correct(command))).toMatchObject({ kind: 'conflict', code: 'CONTACT.CORRECTION_UNCHANGED' });
    const rows = (await kit.runtime.dataSource.query('SELECT fields, reason FROM contact_correction_record WHERE reporter_ref = (SELECT reporter_ref FROM complaint WHERE id = $1)', [complaintId])) as unknown[];
    expect(rows).toEqual([{ fields: ['phone'], reason: command.reason }]);
    expect(JSON.stringify(rows)).not.toContain(contact.phone);
  });
});
