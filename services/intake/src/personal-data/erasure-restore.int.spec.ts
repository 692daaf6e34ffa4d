// Erasure beyond one complaint and one restore (docs/adr/0057), on the run's real Postgres and
// Kafka: a transferred complaint's copy of the contact is erased with the original (both ways),
// each with its own event; a restore of both the data and the key store to before an erasure is
// answered by replaying the log's erasure events; the erased tables are vacuumed after the commit.
import { OfficeDirectory } from '@pengaduan/documents';
import { createLogger } from '@pengaduan/runtime';
import { createTopicsIfMissing, randomOfficeCode, testInfrastructure, testKafka, uniqueSuffix } from '@pengaduan/testing';
import { actors, applyToIntake, by, contact, eventsOfOtherServices, informAndDeliver, outboxCount, registerComplaint, reportText, startIntakeKit, type IntakeKit } from '../__fixtures__/intake-test-kit';
import { intakeCommandExecutor } from '../intake.module';
import { OfficeProfileVersions } from '../office-profile/office-profile-versions';
import { readReporterContact } from '../reporter-contact/reporter-contacts';
import { TransferComplaintHandler } from '../transfer-complaint/transfer-complaint.handler';
import { ErasePersonalDataHandler } from './erase-personal-data.handler';
import { ErasureVacuum } from './erasure-vacuum';
import { PersonalDataKeys } from './personal-data-keys';
import { replayErasures } from './replay-erasures';
import { applyRetention } from './retention';

let kit: IntakeKit;
let handler: ErasePersonalDataHandler;
let transfer: TransferComplaintHandler;
let vacuum: ErasureVacuum;

beforeAll(async () => {
  kit = await startIntakeKit();
  const executor = intakeCommandExecutor(kit.runtime, kit.clock, kit.group);
  vacuum = new ErasureVacuum(() => kit.runtime.dataSource, createLogger('erasure-restore-test', 'silent'));
  handler = new ErasePersonalDataHandler(executor, kit.cipher, vacuum);
  transfer = new TransferComplaintHandler(executor, kit.cipher, new OfficeProfileVersions(OfficeDirectory.load()));
});

afterAll(async () => {
  await vacuum?.idle();
  await kit?.stop();
});

const q = <T>(sql: string, params: unknown[] = []) => kit.runtime.dataSource.query(sql, params) as Promise<T[]>;
const refOf = async (complaintId: string) => (await q<{ reporter_ref: string }>('SELECT reporter_ref FROM complaint WHERE id = $1', [complaintId]))[0].reporter_ref;
const destroyed = (ref: string) => new PersonalDataKeys(kit.cipher).isDestroyed(kit.runtime.dataSource.manager, ref);
const texts = async (complaintId: string) => (await q<{ text: string }>('SELECT text FROM complaint_message WHERE complaint_id = $1 ORDER BY sequence', [complaintId])).map((r) => r.text);
/** Admin Tikkim of `office` (default: the kit's) erases on the complainant's request. */
const eraseOnRequest = (complaintId: string, office = kit.office) => handler.execute({ ...by(kit, actors.admin, complaintId), actorOffice: office, reason: 'REQUEST' });

/** A complaint of the kit's office transferred to another office: the original and its copy there. */
async function transferred(): Promise<{ original: string; copy: string; target: string }> {
  const original = await registerComplaint(kit);
  const target = randomOfficeCode();
  const done = await transfer.execute({ ...by(kit, actors.admin, original), targetOfficeCode: target });
  return { original, copy: done.newComplaintId, target };
}

describe('a transferred complaint', () => {
  it('links the copy in the other office to its original', async () => {
    const { original, copy } = await transferred();
    expect(await q('SELECT transferred_from_complaint_id AS t FROM complaint WHERE id = $1', [copy])).toEqual([{ t: original }]);
    expect(await refOf(copy)).not.toBe(await refOf(original));
    expect(await readReporterContact(kit.runtime.dataSource.manager, kit.cipher, await refOf(copy))).toEqual(contact);
  });

  it.each([
    ['the original', 'original'],
    ['the copy', 'copy'],
  ] as const)('erases the copy and the original together when Admin Tikkim erases %s, each with its own event', async (_name, which) => {
    const pair = await transferred();
    const offices = { original: kit.office, copy: pair.target };
    const other = which === 'original' ? 'copy' : 'original';
    // Another office's Admin Tikkim does not find it.
    await expect(eraseOnRequest(pair[which], offices[other])).rejects.toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
    await eraseOnRequest(pair[which], offices[which]);
    for (const id of [pair.original, pair.copy]) {
      expect(await destroyed(await refOf(id))).toBe(true);
      expect(await texts(id)).toEqual(expect.not.arrayContaining([reportText]));
      expect(await outboxCount(kit, id, 'complaint.personal-data-erased')).toBe(1);
    }
    const [linked] = await q<{ body: string }>(`SELECT body FROM outbox WHERE message_key = $1 AND event_type = 'complaint.personal-data-erased'`, [pair[other]]);
    expect(JSON.parse(linked.body)).toMatchObject({ actor: 'system:intake', office: offices[other], data: { reason: expect.stringContaining('REQUEST') } });
    // The other complaint is erased already: erasing it again is refused as for any erased complainant.
    await expect(eraseOnRequest(pair[other], offices[other])).rejects.toMatchObject({ code: 'PERSONAL_DATA.ERASED' });
  });
});

/** Closes `complaintId` (told and delivered) and moves its closing `daysAgo` days back. */
async function closedLongAgo(complaintId: string, daysAgo: number): Promise<void> {
  await applyToIntake(kit, await eventsOfOtherServices(kit, complaintId, informAndDeliver(kit.clock.now())));
  const since = new Date(kit.clock.now().getTime() - daysAgo * 86_400_000).toISOString();
  await q(`UPDATE complaint_state SET state = jsonb_set(state, '{since}', to_jsonb($2::text)) WHERE complaint_id = $1 AND status = 'CLOSED'`, [complaintId, since]);
}

describe('retention of a transferred complaint', () => {
  it('waits until the copy in the other office is past its period too, then erases both once', async () => {
    const pair = await transferred();
    const run = () => applyRetention(kit.runtime.dataSource, (c) => handler.execute(c), kit.clock.now(), { days: 730 });
    await closedLongAgo(pair.original, 800);
    expect((await run()).erased.map((e) => e.complaintId)).not.toContain(pair.original);
    expect(await destroyed(await refOf(pair.original))).toBe(false);

    await kit.dismiss.execute({ ...by(kit, actors.admin, pair.copy), actorOffice: pair.target, reason: 'SPAM' });
    await closedLongAgo(pair.copy, 760);
    await run();
    for (const id of [pair.original, pair.copy]) {
      expect(await destroyed(await refOf(id))).toBe(true);
      expect(await outboxCount(kit, id, 'complaint.personal-data-erased')).toBe(1);
    }
  });
});

describe('replaying the log after a restore of both the data and the key store', () => {
  it('destroys the key again and clears the texts again from the log’s erasure events, and changes nothing the second time', async () => {
    const topic = `pengaduan.test.replay-erasures.${uniqueSuffix()}`;
    await createTopicsIfMissing([{ name: topic, partitions: 2 }]);
    const id = await registerComplaint(kit);
    const ref = await refOf(id);
    const [keyBefore] = await q<{ kek_id: string; wrapped: Buffer }>('SELECT kek_id, wrapped FROM personal_data_key WHERE reporter_ref = $1', [ref]);
    await eraseOnRequest(id);
    // The event as intake's relay publishes it: the outbox row's body, keyed by the complaint.
    const producer = testKafka('replay-erasures-test').producer();
    await producer.connect();
    const events = await q<{ message_key: string; body: string }>(`SELECT message_key, body FROM outbox WHERE message_key = $1 ORDER BY seq`, [id]);
    // An erasure event of another source, for a complainant nobody erased, is no erasure of intake's.
    const bystander = await registerComplaint(kit);
    const erasedEvent = JSON.parse(events.find((e) => e.body.includes('personal-data-erased'))?.body ?? '{}') as Record<string, unknown>;
    const forged = { ...erasedEvent, id: `${String(erasedEvent['id']).slice(0, -4)}ffff`, subject: bystander, source: 'pengaduan/gateway' };
    await producer.send({ topic, messages: [...events.map((e) => ({ key: e.message_key, value: e.body })), { key: bystander, value: JSON.stringify(forged) }] });
    await producer.disconnect();

    // Both restored to before the erasure: the key back, the texts back, neither ledger remembers.
    await q('DELETE FROM personal_data_erasure WHERE reporter_ref = $1', [ref]);
    await q('UPDATE personal_data_key SET kek_id = $2, wrapped = $3, destroyed_at = NULL, reason = NULL WHERE reporter_ref = $1', [ref, keyBefore.kek_id, keyBefore.wrapped]);
    await q('UPDATE complaint_message SET text = $2 WHERE complaint_id = $1', [id, reportText]);
    expect(await destroyed(ref)).toBe(false);

    const kafka = { brokers: testInfrastructure().kafkaBrokers, topic };
    const first = await replayErasures(kit.runtime.dataSource, kit.cipher, kafka);
    expect(first).toEqual({ events: 1, reapplied: 1, keysDestroyedAgain: 1, unknownComplaints: 0 });
    expect(await destroyed(ref)).toBe(true);
    expect(await texts(id)).toEqual(['']);
    expect(await q('SELECT reason, erased_by FROM personal_data_erasure WHERE reporter_ref = $1', [ref])).toEqual([{ reason: 'REQUEST', erased_by: actors.admin.userId }]);
    expect(await destroyed(await refOf(bystander))).toBe(false);
    expect(await texts(bystander)).toEqual([reportText]);

    const second = await replayErasures(kit.runtime.dataSource, kit.cipher, kafka);
    expect(second).toEqual({ events: 1, reapplied: 1, keysDestroyedAgain: 0, unknownComplaints: 0 });
  });
});

describe('after an erasure', () => {
  it('vacuums the tables it overwrote, after the commit', async () => {
    const id = await registerComplaint(kit);
    const before = new Date();
    await eraseOnRequest(id);
    await vacuum.idle();
    const vacuumed = await q<{ relname: string; last_vacuum: Date | null }>(
      `SELECT relname, last_vacuum FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = ANY($2)`,
      [kit.schema, ['complaint_message', 'reporter_contact', 'personal_data_key']],
    );
    expect(vacuumed).toHaveLength(3);
    for (const t of vacuumed) expect(t.last_vacuum?.getTime() ?? 0).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });
});
