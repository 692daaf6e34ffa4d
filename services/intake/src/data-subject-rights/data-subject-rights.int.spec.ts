import { ACCESS_REQUEST_DUE_MS } from '@pengaduan/sop';
import { refusal } from '@pengaduan/testing';
import { unzipSync } from 'fflate';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
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
  requests = new AccessRequestsHandler(kit.runtime, kit.cipher, kit.clock, kit.executor);
  rights = new ContactRightsHandler(kit.runtime, kit.cipher, kit.clock, kit.executor);
  resolve = new ResolveReporterAddressHandler(kit.runtime, kit.cipher, SenderDigest.fromBase64(randomBytes(32).toString('base64')));
});

afterAll(async () => {
  await kit?.stop();
});

const admin = () => ({ actor: actors.admin, actorOffice: kit.office });
/** Admin Tikkim's command with an Idempotency-Key of its own. */
const once = () => ({ ...admin(), requestId: randomUUID() });
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
    const answered = await requests.handOver({ ...once(), id: registered.id, how: 'Diserahkan langsung di loket' });
    expect(answered.handedOverAt?.getTime()).toBeLessThan(answered.dueAt.getTime());
    expect(answered).toMatchObject({ handedOverBy: actors.admin.userId, handedOverHow: 'Diserahkan langsung di loket' });
    expect(await refusal(requests.handOver({ ...once(), id: registered.id, how: 'lewat surel ke pelapor' }))).toMatchObject({ code: 'DATA_REQUEST.ANSWERED' });
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
    const command = { ...once(), complaintId, reason: 'Pelapor meminta pembatasan pemrosesan.' };
    await rights.restrict(command);
    expect(await rights.restricted({ ...admin(), complaintId })).toBe(true);
    expect(await refusal(rights.restrict({ ...command, requestId: randomUUID() }))).toMatchObject({ kind: 'conflict', code: 'CONTACT.RESTRICTION_UNCHANGED' });

    expect(await resolve.execute(complaintId, reporter_ref, 'SMS', 'SEND_FOLLOW_UP')).toBe('RESTRICTED');
    const page = await kit.get.execute({ complaintId, actor: actors.admin, actorOffice: kit.office, contactPurpose: 'CONFIRM' });
    expect(page).toMatchObject({ contactRedacted: true, contactRestricted: true, messages: [{ text: reportText }] });
    expect(page.contact).toBeUndefined();
    const record = (await kit.runtime.dataSource.query('SELECT outcome, refusal_code, purpose FROM contact_processing_record WHERE complaint_id = $1 ORDER BY at, id', [complaintId])) as unknown[];
    expect(record).toEqual([
      { outcome: 'REFUSED', refusal_code: 'CONTACT.RESTRICTED', purpose: 'SEND_FOLLOW_UP' },
      { outcome: 'REFUSED', refusal_code: 'CONTACT.RESTRICTED', purpose: 'CONFIRM' },
    ]);

    await rights.lift({ ...command, requestId: randomUUID() });
    expect((await kit.get.execute({ complaintId, actor: actors.admin, actorOffice: kit.office, contactPurpose: 'CONFIRM' })).contact).toEqual(contact);
    expect(await resolve.execute(complaintId, reporter_ref, 'SMS', 'SEND_FOLLOW_UP')).toEqual({ recipient: contact.phone });
    expect(await refusal(rights.restrict({ ...command, actor: actors.kepalaKantor }))).toMatchObject({ code: 'COMPLAINT.FORBIDDEN_ROLE' });
    expect(await refusal(rights.restrict({ ...command, actorOffice: 'ZZZ' }))).toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
    expect(await refusal(rights.restrict({ ...command, reason: 'x' }))).toMatchObject({ kind: 'invalid', details: { fieldViolations: [{ field: 'reason' }] } });
  });

  it('a corrected contact replaces the old one, which is kept nowhere; the record names the fields only', async () => {
    const complaintId = await registerComplaint(kit);
    const corrected = { ...contact, phone: '+6281311112222' };
    const command = { ...once(), complaintId, reason: 'Nomor telepon pelapor sudah berganti.', contact: corrected };
    expect(await rights.correct(command)).toEqual({ fields: ['phone'] });
    const read = await kit.get.execute({ complaintId, actor: actors.admin, actorOffice: kit.office, contactPurpose: 'CONFIRM' });
    expect(read.contact).toEqual(corrected);
    expect(await refusal(rights.correct({ ...command, requestId: randomUUID() }))).toMatchObject({ kind: 'conflict', code: 'CONTACT.CORRECTION_UNCHANGED' });
    const rows = (await kit.runtime.dataSource.query('SELECT fields, reason FROM contact_correction_record WHERE reporter_ref = (SELECT reporter_ref FROM complaint WHERE id = $1)', [complaintId])) as unknown[];
    expect(rows).toEqual([{ fields: ['phone'], reason: command.reason }]);
    expect(JSON.stringify(rows)).not.toContain(contact.phone);
  });
});

describe('each command on the person’s data is recorded once per Idempotency-Key, and its text never gives the person away', () => {
  it('a retried restriction, lift, correction and hand-over answer the first answer and record nothing more; the same key with another body is refused', async () => {
    const complaintId = await registerComplaint(kit);
    const { reporter_ref, tracking_number } = await trackingNumberOf(complaintId);
    const restrict = { ...once(), complaintId, reason: 'Pelapor meminta pembatasan pemrosesan.' };
    expect(await rights.restrict(restrict)).toEqual({ restricted: true });
    expect(await rights.restrict(restrict)).toEqual({ restricted: true });
    expect(await refusal(rights.restrict({ ...restrict, reason: 'Alasan lain untuk pembatasan ini.' }))).toMatchObject({ kind: 'idempotency-mismatch', code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await refusal(rights.lift(restrict))).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    const lift = { ...once(), complaintId, reason: 'Pelapor mencabut permintaannya.' };
    expect(await rights.lift(lift)).toEqual({ restricted: false });
    expect(await rights.lift(lift)).toEqual({ restricted: false });
    const restrictions = (await kit.runtime.dataSource.query('SELECT restricted FROM contact_restriction_record WHERE reporter_ref = $1 ORDER BY at, id', [reporter_ref])) as unknown[];
    expect(restrictions).toEqual([{ restricted: true }, { restricted: false }]);

    const correct = { ...once(), complaintId, reason: 'Nomor telepon pelapor sudah berganti.', contact: { ...contact, phone: '+6281399990000' } };
    expect(await rights.correct(correct)).toEqual({ fields: ['phone'] });
    expect(await rights.correct(correct)).toEqual({ fields: ['phone'] });
    expect(await refusal(rights.correct({ ...correct, contact: { ...contact, phone: '+6281388887777' } }))).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    const corrections = (await kit.runtime.dataSource.query('SELECT fields FROM contact_correction_record WHERE reporter_ref = $1', [reporter_ref])) as unknown[];
    expect(corrections).toEqual([{ fields: ['phone'] }]);
    const keys = (await kit.runtime.dataSource.query('SELECT request_hash, response::text AS response FROM command_idempotency WHERE request_id = $1', [correct.requestId])) as { request_hash: string; response: string }[];
    expect(keys).toHaveLength(1);
    expect(keys[0].response).not.toContain('6281399990000');

    const request = await requests.register(inPerson(tracking_number));
    const handOver = { ...once(), id: request.id, how: 'Diserahkan langsung di loket' };
    const answered = await requests.handOver(handOver);
    expect((await requests.handOver(handOver)).handedOverAt).toEqual(answered.handedOverAt);
    expect(await refusal(requests.handOver({ ...handOver, how: 'Dikirim lewat pos tercatat' }))).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await refusal(requests.handOver({ ...handOver, requestId: '' }))).toMatchObject({ kind: 'invalid', details: { fieldViolations: [{ field: 'requestId' }] } });
  });

  it('refuses a reason or a hand-over that names the person’s number or e-mail, naming the field, and records nothing', async () => {
    const complaintId = await registerComplaint(kit);
    const { reporter_ref, tracking_number } = await trackingNumberOf(complaintId);
    const leaks = { kind: 'invalid', code: 'COMPLAINT.PERSONAL_DATA', details: { fieldViolations: [{ field: 'reason' }] } };
    expect(await refusal(rights.restrict({ ...once(), complaintId, reason: `Pelapor dengan nomor ${contact.phone} meminta pembatasan.` }))).toMatchObject(leaks);
    expect(await refusal(rights.correct({ ...once(), complaintId, reason: 'Nomor baru pelapor adalah 081377776666.', contact: { ...contact, phone: '+6281377776666' } }))).toMatchObject(leaks);
    const request = await requests.register(inPerson(tracking_number));
    expect(await refusal(requests.handOver({ ...once(), id: request.id, how: `Dikirim ke ${contact.email}` }))).toMatchObject({ code: 'COMPLAINT.PERSONAL_DATA', details: { fieldViolations: [{ field: 'how' }] } });
    expect(await kit.runtime.dataSource.query('SELECT 1 FROM contact_restriction_record WHERE reporter_ref = $1', [reporter_ref])).toEqual([]);
    expect(await kit.runtime.dataSource.query('SELECT 1 FROM contact_correction_record WHERE reporter_ref = $1', [reporter_ref])).toEqual([]);
    expect((await requests.list({ ...admin() })).find((r) => r.id === request.id)?.handedOverAt).toBeNull();
  });
});

describe('the whole export in one ZIP: the PDF, the JSON and the attachments’ files, with each complaint’s timeline', () => {
  /** A photo the complainant sent over WhatsApp, stored by intake (as the media fetch worker stores one). */
  async function photoOf(complaintId: string, bytes: Buffer): Promise<string> {
    const message = randomUUID();
    const media = randomUUID();
    const at = kit.clock.now();
    await kit.runtime.dataSource.query(
      `INSERT INTO inbound_message (id, provider, provider_message_id, channel, office_code, account_id, sender_digest, key_id, sealed, media_count, sent_at, received_at, status, next_attempt_at, complaint_id)
       VALUES ($1, 'whatsapp', $2, 'WHATSAPP', $3, 'acct', 'digest', 'k', '\\x00', 1, $4, $4, 'PROCESSED', $4, $5)`,
      [message, `wamid.${message}`, kit.office, at, complaintId],
    );
    await kit.runtime.dataSource.query(
      `INSERT INTO inbound_media (id, inbound_message_id, position, provider, account_id, kind, ref, status, next_attempt_at, mime_type, size_bytes, sha256, content, fetched_at)
       VALUES ($1, $2, 0, 'whatsapp', 'acct', 'image', 'media-1', 'STORED', $3, 'image/jpeg', $4, $5, $6, $3)`,
      [media, message, at, bytes.length, createHash('sha256').update(bytes).digest('hex'), bytes],
    );
    return media;
  }

  it('holds every attachment of the person’s complaints as its file, and the timelines given for their complaints only; the download is recorded', async () => {
    // A person of their own: the suite's other complaints share the kit's contact.
    const complaintId = await registerComplaint(kit, { contact: { name: 'Dewi Lestari', phone: '+6281255556666' } });
    const stranger = await registerComplaint(kit, { text: otherText, contact: otherPerson });
    const photo = randomBytes(2048);
    const mediaId = await photoOf(complaintId, photo);
    await photoOf(stranger, randomBytes(512));
    const { tracking_number } = await trackingNumberOf(complaintId);
    const request = await requests.register(inPerson(tracking_number));
    expect(await requests.complaints({ ...admin(), id: request.id })).toEqual([complaintId]);

    const step = { at: '2026-11-30T02:00:00.000Z', type: 'complaint.confirmed', status: 'CONFIRMED', actorRole: 'ADMIN_TIKKIM', actorService: null, summary: 'Aduan dikonfirmasi' };
    const timelines = new Map([
      [complaintId, [step]],
      [stranger, [{ ...step, summary: 'Bukan aduan orang ini' }]],
    ]);
    const zip = await requests.export({ ...admin(), id: request.id, format: 'ZIP', timelines });
    expect(zip).toMatchObject({ mediaType: 'application/zip', fileName: expect.stringMatching(/^data-pribadi-.*\.zip$/) });
    const files = unzipSync(new Uint8Array(zip.content));
    const names = Object.keys(files).sort();
    const base = zip.fileName.replace(/\.zip$/, '');
    const photoName = `lampiran/${tracking_number}/01-${mediaId}.jpg`;
    expect(names).toEqual([`${base}.json`, `${base}.pdf`, photoName].sort());
    expect(Buffer.from(files[photoName]).equals(photo)).toBe(true);
    const json = JSON.parse(Buffer.from(files[`${base}.json`]).toString('utf8')) as { format: string; complaints: { complaintId: string; attachments: { fileName: string; sha256: string }[]; timeline: unknown[] }[] };
    expect(json.format).toBe('pengaduan.person-data.v1');
    expect(json.complaints).toEqual([expect.objectContaining({ complaintId, timeline: [step], attachments: [expect.objectContaining({ fileName: photoName, sha256: createHash('sha256').update(photo).digest('hex') })] })]);
    expect(JSON.stringify(json)).not.toContain('Bukan aduan orang ini');
    expect(Buffer.from(files[`${base}.pdf`]).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const downloads = (await kit.runtime.dataSource.query('SELECT format FROM data_subject_request_download WHERE request_id = $1', [request.id])) as unknown[];
    expect(downloads).toEqual([{ format: 'ZIP' }]);
    expect(await refusal(requests.complaints({ actor: actors.admin, actorOffice: 'ZZZ', id: request.id }))).toMatchObject({ code: 'DATA_REQUEST.NOT_FOUND' });
    expect(await refusal(requests.complaints({ actor: actors.kepalaKantor, actorOffice: kit.office, id: request.id }))).toMatchObject({ code: 'COMPLAINT.FORBIDDEN_ROLE' });
  });
});
