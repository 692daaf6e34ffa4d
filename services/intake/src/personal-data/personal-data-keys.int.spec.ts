// Per-complainant data keys and erasure by key destruction (docs/adr/0057), on the run's real
// Postgres: contacts sealed under each person's own key, an erasure that leaves their contact,
// messages, attachments and Laporan Aduan unreadable, and the re-application at start-up that
// destroys a key brought back by restoring an older copy of the key store.
import { randomUUID } from 'node:crypto';
import { actors, by, contact, outboxCount, registerComplaint, startIntakeKit, type IntakeKit } from '../__fixtures__/intake-test-kit';
import { intakeCommandExecutor } from '../intake.module';
import { ErasePersonalDataHandler } from './erase-personal-data.handler';
import { ReporterContactRecord } from '../persistence/entities';
import { readReporterContact, sealReporterContact } from '../reporter-contact/reporter-contacts';
import { sealContactsUnderPersonKeys } from '../reporter-contact/reseal-contacts';
import { erasePersonalData } from './erase-stored-data';
import { PERSON_KEY_ID, PersonalDataKeys } from './personal-data-keys';
import { reapplyErasures } from './reapply-erasures';

let kit: IntakeKit;

beforeAll(async () => {
  kit = await startIntakeKit();
});

afterAll(async () => {
  await kit?.stop();
});

const q = <T>(sql: string, params: unknown[] = []) => kit.runtime.dataSource.query(sql, params) as Promise<T[]>;
const refOf = async (complaintId: string) => (await q<{ reporter_ref: string }>('SELECT reporter_ref FROM complaint WHERE id = $1', [complaintId]))[0].reporter_ref;
const erase = (reporterRef: string) =>
  kit.runtime.dataSource.transaction((tx) => erasePersonalData(tx, kit.cipher, { reporterRef, reason: 'REQUEST', at: kit.clock.now(), erasedBy: actors.admin.userId }));

/** Every text, bytea and jsonb value of the kit's schema, as one string per row and column. */
async function everyStoredValue(): Promise<string[]> {
  const columns = await q<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND data_type IN ('text', 'bytea', 'jsonb', 'tsvector', 'ARRAY')`,
    [kit.schema],
  );
  const values: string[] = [];
  for (const { table_name, column_name, data_type } of columns) {
    const rows = await q<{ v: string | Buffer | null }>(`SELECT "${column_name}"${data_type === 'bytea' ? '' : '::text'} AS v FROM "${table_name}"`);
    for (const { v } of rows) if (v) values.push(Buffer.isBuffer(v) ? v.toString('latin1') + v.toString('utf8') : v);
  }
  return values;
}

describe('per-complainant data keys', () => {
  it('seals each new contact under its own complainant’s key, wrapped by the ring’s newest key', async () => {
    const [a, b] = [await registerComplaint(kit), await registerComplaint(kit)];
    const [refA, refB] = [await refOf(a), await refOf(b)];
    expect(await q('SELECT key_id FROM reporter_contact WHERE reporter_ref = ANY($1)', [[refA, refB]])).toEqual([{ key_id: PERSON_KEY_ID }, { key_id: PERSON_KEY_ID }]);
    const keys = await q<{ kek_id: string; wrapped: Buffer }>('SELECT kek_id, wrapped FROM personal_data_key WHERE reporter_ref = ANY($1) ORDER BY reporter_ref', [[refA, refB]]);
    expect(keys.map((k) => k.kek_id)).toEqual([kit.cipher.keyId, kit.cipher.keyId]);
    expect(keys[0].wrapped.equals(keys[1].wrapped)).toBe(false);
    expect(await readReporterContact(kit.runtime.dataSource.manager, kit.cipher, refA)).toEqual(contact);
  });

  it('brings a contact sealed under the ring before per-person keys under its person’s key, once', async () => {
    const ref = `rep_old_${randomUUID()}`;
    await kit.runtime.dataSource.manager.insert(ReporterContactRecord, { reporterRef: ref, keyId: kit.cipher.keyId, sealed: kit.cipher.seal(contact) });
    expect(await readReporterContact(kit.runtime.dataSource.manager, kit.cipher, ref)).toEqual(contact);
    const first = await sealContactsUnderPersonKeys(kit.runtime.dataSource, kit.cipher, () => undefined);
    expect(first).toMatchObject({ left: 0 });
    expect(first.done).toBeGreaterThanOrEqual(1);
    expect(await q('SELECT key_id FROM reporter_contact WHERE reporter_ref = $1', [ref])).toEqual([{ key_id: PERSON_KEY_ID }]);
    expect(await readReporterContact(kit.runtime.dataSource.manager, kit.cipher, ref)).toEqual(contact);
    expect(await sealContactsUnderPersonKeys(kit.runtime.dataSource, kit.cipher, () => undefined)).toMatchObject({ done: 0, total: 0, left: 0 });
  });
});

describe('erasure by key destruction', () => {
  it('leaves nothing of the complainant readable in intake’s tables, and stays erased when repeated', async () => {
    const secret = { name: `Rahmat Hidayat ${randomUUID().slice(0, 8)}`, phone: '+6281399887766', email: `rahmat.${randomUUID().slice(0, 8)}@example.id` };
    const text = `Pungutan liar di loket paspor ${randomUUID()}`;
    const complaintId = await registerComplaint(kit, { contact: secret, text });
    const later = `Saya tambahkan bukti ${randomUUID()}`;
    await kit.append.execute({ ...by(kit, actors.admin, complaintId), text: later });
    const ref = await refOf(complaintId);
    // A rating's comment, as intake keeps it once the complaint is closed (docs/adr/0053).
    const comment = `Petugas tidak menjawab telepon saya ${randomUUID()}`;
    await q(
      `INSERT INTO complaint_feedback (id, complaint_id, office_code, kind, rating, text, closed_at, opened_appeal, recorded_by, recorded_at, request_id)
       VALUES ($1, $2, $3, 'RATING', 1, $4, now(), true, 'system', now(), $5)`,
      [randomUUID(), complaintId, kit.office, comment, randomUUID()],
    );
    const other = await registerComplaint(kit);
    const before = (await everyStoredValue()).join('\n');
    expect(before).toContain(text);
    expect(await q('SELECT count(*)::int AS n FROM complaint_document WHERE complaint_id = $1', [complaintId])).toEqual([{ n: 1 }]);

    const erased = await erase(ref);
    expect(erased).toMatchObject({ destroyedKey: true, complaints: [{ complaintId, officeCode: kit.office }] });

    const after = (await everyStoredValue()).join('\n');
    expect(before).toContain(comment);
    for (const value of [secret.name, secret.phone, secret.email, text, later, comment]) {
      expect(after).not.toContain(value);
      expect(after).not.toContain(Buffer.from(value).toString('base64'));
      expect(after).not.toContain(Buffer.from(value).toString('hex'));
    }
    expect(await readReporterContact(kit.runtime.dataSource.manager, kit.cipher, ref)).toEqual({});
    await expect(new PersonalDataKeys(kit.cipher).cipherOf(kit.runtime.dataSource.manager, ref)).rejects.toMatchObject({ code: 'PERSONAL_DATA.ERASED' });
    // A contact sealed again for an erased person (a late write) is refused: no key is made twice.
    await expect(kit.runtime.dataSource.transaction((tx) => sealReporterContact(tx, kit.cipher, ref, secret))).rejects.toMatchObject({ code: 'PERSONAL_DATA.ERASED' });
    expect(await q('SELECT text FROM complaint_message WHERE complaint_id = $1', [complaintId])).toEqual([{ text: '' }, { text: '' }]);
    // Another complainant keeps everything.
    expect(await readReporterContact(kit.runtime.dataSource.manager, kit.cipher, await refOf(other))).toEqual(contact);
    expect(await erase(ref)).toMatchObject({ destroyedKey: false });
  });

  it('destroys again at start-up a key brought back by restoring an older copy of the key store', async () => {
    const complaintId = await registerComplaint(kit);
    const ref = await refOf(complaintId);
    const backup = (await q<{ kek_id: string; wrapped: Buffer; created_at: Date }>('SELECT kek_id, wrapped, created_at FROM personal_data_key WHERE reporter_ref = $1', [ref]))[0];
    await erase(ref);
    // The key store is restored from the copy taken before the erasure.
    await q('DELETE FROM personal_data_key WHERE reporter_ref = $1', [ref]);
    await q('INSERT INTO personal_data_key (reporter_ref, kek_id, wrapped, created_at) VALUES ($1, $2, $3, $4)', [ref, backup.kek_id, backup.wrapped, backup.created_at]);
    expect(await new PersonalDataKeys(kit.cipher).isDestroyed(kit.runtime.dataSource.manager, ref)).toBe(false);

    const reapplied = await reapplyErasures(kit.runtime.dataSource, kit.cipher, kit.clock.now());
    expect(reapplied.keysDestroyedAgain).toBe(1);
    expect(await q('SELECT kek_id, wrapped, reason FROM personal_data_key WHERE reporter_ref = $1', [ref])).toEqual([{ kek_id: null, wrapped: null, reason: 'REQUEST' }]);
    expect(await readReporterContact(kit.runtime.dataSource.manager, kit.cipher, ref)).toEqual({});
    expect((await reapplyErasures(kit.runtime.dataSource, kit.cipher, kit.clock.now())).keysDestroyedAgain).toBe(0);
  });

  it('clears again at start-up the texts brought back by restoring an older copy of the data', async () => {
    const text = `Teks yang dipulihkan ${randomUUID()}`;
    const complaintId = await registerComplaint(kit, { text });
    const ref = await refOf(complaintId);
    await erase(ref);
    // The data is restored from a backup taken before the erasure; the key store is not.
    await q('DELETE FROM personal_data_erasure WHERE reporter_ref = $1', [ref]);
    await q('UPDATE complaint_message SET text = $2 WHERE complaint_id = $1', [complaintId, text]);

    await reapplyErasures(kit.runtime.dataSource, kit.cipher, kit.clock.now());
    expect(await q('SELECT text FROM complaint_message WHERE complaint_id = $1', [complaintId])).toEqual([{ text: '' }]);
    expect(await q('SELECT reason FROM personal_data_erasure WHERE reporter_ref = $1', [ref])).toEqual([{ reason: 'REQUEST' }]);
  });
});

describe('the erasure as a recorded command', () => {
  const handler = () => new ErasePersonalDataHandler(intakeCommandExecutor(kit.runtime, kit.clock, kit.group), kit.cipher);

  it('Admin Tikkim erases on request: the key is destroyed and complaint.personal-data-erased, without personal data, is in the outbox once', async () => {
    const complaintId = await registerComplaint(kit);
    const command = { ...by(kit, actors.admin, complaintId), reason: 'REQUEST' as const };
    const outcome = await handler().execute(command);
    expect(outcome).toMatchObject({ complaintId, status: 'RECEIVED' });
    expect(await new PersonalDataKeys(kit.cipher).isDestroyed(kit.runtime.dataSource.manager, await refOf(complaintId))).toBe(true);
    // Read afterwards, it says the data was erased: no contact, the texts empty; never an error.
    const read = await kit.get.execute({ complaintId, actor: actors.admin, actorOffice: kit.office, contactPurpose: 'CONFIRM' });
    expect(read).toMatchObject({ personalDataErased: true, contactRedacted: false, messages: [{ text: '' }] });
    expect(read).not.toHaveProperty('contact');
    // A replay of the same request answers the same outcome and records nothing more.
    expect(await handler().execute(command)).toEqual(outcome);
    expect(await outboxCount(kit, complaintId, 'complaint.personal-data-erased')).toBe(1);
    const [row] = await q<{ body: string }>(`SELECT body FROM outbox WHERE message_key = $1 AND event_type = 'complaint.personal-data-erased'`, [complaintId]);
    const payload = row.body;
    for (const value of [contact.name, contact.phone, contact.email]) expect(payload).not.toContain(value);
    expect(JSON.parse(payload)).toMatchObject({ type: 'complaint.personal-data-erased', data: { reason: 'ERASURE_REASON_REQUEST' } });
    // A second erasure, under another request, is refused: there is nothing left to erase.
    await expect(handler().execute({ ...by(kit, actors.admin, complaintId), reason: 'REQUEST' })).rejects.toMatchObject({ code: 'PERSONAL_DATA.ERASED' });
  });

  it('refuses another office’s complaint, another role, a reason that does not fit, and changes nothing', async () => {
    const complaintId = await registerComplaint(kit);
    await expect(handler().execute({ ...by(kit, actors.admin, complaintId), actorOffice: 'XXX', reason: 'REQUEST' })).rejects.toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
    await expect(handler().execute({ ...by(kit, actors.kepalaKantor, complaintId), reason: 'REQUEST' })).rejects.toMatchObject({ code: 'COMPLAINT.FORBIDDEN_ROLE' });
    await expect(handler().execute({ ...by(kit, actors.admin, complaintId), reason: 'RETENTION' })).rejects.toMatchObject({ code: 'REQUEST.INVALID' });
    await expect(handler().execute({ ...by(kit, actors.admin, complaintId) })).rejects.toMatchObject({ code: 'REQUEST.INVALID' });
    expect(await readReporterContact(kit.runtime.dataSource.manager, kit.cipher, await refOf(complaintId))).toEqual(contact);
    expect(await outboxCount(kit, complaintId, 'complaint.personal-data-erased')).toBe(0);
  });
});
