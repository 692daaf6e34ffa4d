// The retention job (docs/adr/0057) on the run's real Postgres: a complaint closed long ago is
// erased with reason RETENTION and listed in a berita acara pemusnahan; a second run erases and
// lists nothing again; two runs at once erase and list each complaint once.
import { readPdf } from '@pengaduan/testing';
import { actors, applyToIntake, by, eventsOfOtherServices, informAndDeliver, outboxCount, registerComplaint, startIntakeKit, type IntakeKit } from '../__fixtures__/intake-test-kit';
import { intakeCommandExecutor } from '../intake.module';
import { ErasePersonalDataHandler } from './erase-personal-data.handler';
import { PersonalDataKeys } from './personal-data-keys';
import { DestructionRecordsGrpcController } from './destruction-records.grpc.controller';
import { applyRetention, type Erase } from './retention';
import { RetentionPolicies } from './retention-policy';
import { randomOfficeCode } from '@pengaduan/testing';

let kit: IntakeKit;
let erase: Erase;

beforeAll(async () => {
  kit = await startIntakeKit();
  const handler = new ErasePersonalDataHandler(intakeCommandExecutor(kit.runtime, kit.clock, kit.group), kit.cipher);
  erase = (c) => handler.execute(c);
});

afterAll(async () => {
  await kit?.stop();
});

const q = <T>(sql: string, params: unknown[] = []) => kit.runtime.dataSource.query(sql, params) as Promise<T[]>;

/** A complaint dismissed, told and closed; its closing moved `daysAgo` days back. */
async function closedComplaint(daysAgo: number, k: IntakeKit = kit): Promise<{ id: string; trackingNumber: string; reporterRef: string }> {
  const id = await registerComplaint(k);
  await kit.dismiss.execute({ ...by(k, actors.admin, id), reason: 'SPAM' });
  await applyToIntake(kit, await eventsOfOtherServices(kit, id, informAndDeliver(kit.clock.now())));
  const since = new Date(kit.clock.now().getTime() - daysAgo * 86_400_000).toISOString();
  await q(`UPDATE complaint_state SET state = jsonb_set(state, '{since}', to_jsonb($2::text)) WHERE complaint_id = $1 AND status = 'CLOSED'`, [id, since]);
  const [row] = await q<{ tracking_number: string; reporter_ref: string }>('SELECT tracking_number, reporter_ref FROM complaint WHERE id = $1', [id]);
  return { id, trackingNumber: row.tracking_number, reporterRef: row.reporter_ref };
}

const destroyed = (ref: string) => new PersonalDataKeys(kit.cipher).isDestroyed(kit.runtime.dataSource.manager, ref);

it('erases a complaint closed longer ago than the period, lists it in a berita acara, and does nothing twice', async () => {
  const old = await closedComplaint(800);
  const recent = await closedComplaint(10);
  const open = await registerComplaint(kit);

  const first = await applyRetention(kit.runtime.dataSource, erase, kit.clock.now(), { days: 730 });
  expect(first.erased.map((e) => e.complaintId)).toContain(old.id);
  expect(first.erased.map((e) => e.complaintId)).not.toContain(recent.id);
  expect(await destroyed(old.reporterRef)).toBe(true);
  expect(await destroyed(recent.reporterRef)).toBe(false);
  expect(await outboxCount(kit, old.id, 'complaint.personal-data-erased')).toBe(1);
  expect(await outboxCount(kit, open, 'complaint.personal-data-erased')).toBe(0);

  const record = first.records.find((r) => r.officeCode === kit.office);
  expect(record).toMatchObject({ number: expect.stringMatching(new RegExp(`^BAP/${kit.office}/\\d{4}/\\d{6}$`)) });
  const [stored] = await q<{ content: Buffer }>('SELECT content FROM destruction_record WHERE id = $1', [record?.id]);
  const text = JSON.stringify(readPdf(stored.content));
  expect(text).toContain('BERITA ACARA PEMUSNAHAN');
  expect(text).toContain(old.trackingNumber);
  expect(text).not.toContain(recent.trackingNumber);

  // Served to the office's head, Admin Tikkim and the auditor; another office's record is not found, another role refused.
  const records = new DestructionRecordsGrpcController(kit.runtime);
  const head = { userId: 'u-kakan-1', role: 'KEPALA_KANTOR', officeCode: kit.office };
  expect((await records.list({ actor: head } as never)).records?.map((r) => r.number)).toContain(record?.number);
  expect((await records.get({ actor: { ...head, role: 'AUDITOR' }, id: record?.id } as never)).content).toEqual(stored.content);
  await expect(records.get({ actor: { ...head, officeCode: 'XXX' }, id: record?.id } as never)).rejects.toMatchObject({ code: 'DESTRUCTION_RECORD.NOT_FOUND' });
  await expect(records.list({ actor: { ...head, role: 'SEKSI_TERKAIT' } } as never)).rejects.toMatchObject({ code: 'COMPLAINT.FORBIDDEN_ROLE' });

  const second = await applyRetention(kit.runtime.dataSource, erase, kit.clock.now(), { days: 730 });
  expect(second).toEqual({ erased: [], records: [] });
  expect(await outboxCount(kit, old.id, 'complaint.personal-data-erased')).toBe(1);
});

it('erases and lists each complaint once when two replicas run at the same time', async () => {
  const a = await closedComplaint(900);
  const b = await closedComplaint(901);
  const runs = await Promise.all([1, 2].map(() => applyRetention(kit.runtime.dataSource, erase, kit.clock.now(), { days: 730 })));
  for (const c of [a, b]) {
    expect(await destroyed(c.reporterRef)).toBe(true);
    expect(await outboxCount(kit, c.id, 'complaint.personal-data-erased')).toBe(1);
  }
  const listed = await q<{ n: number }>(
    `SELECT count(*)::int AS n FROM personal_data_erasure WHERE reporter_ref = ANY($1) AND destruction_record_id IS NOT NULL`,
    [[a.reporterRef, b.reporterRef]],
  );
  expect(listed).toEqual([{ n: 2 }]);
  const records = runs.flatMap((r) => r.records).filter((r) => r.officeCode === kit.office);
  expect(records.reduce((n, r) => n + r.complaints, 0)).toBe(2);
});

it("uses the office's period for each kind: 30 days erases a complaint closed 40 days ago, the default office keeps it", async () => {
  const policies = new RetentionPolicies(kit.runtime, kit.clock, 730);
  const head = { userId: 'u-kakan-1', role: 'KEPALA_KANTOR', officeCode: kit.office };
  expect(await policies.get(kit.office, head)).toEqual({ policies: [{ kind: 'CLOSED_COMPLAINT', days: 730 }, { kind: 'DISMISSED_MESSAGE', days: 730 }], version: 0 });
  const change = { officeCode: kit.office, expectedVersion: 0, actor: head, requestKey: 'k-1', policies: [{ kind: 'CLOSED_COMPLAINT', days: 30 }, { kind: 'DISMISSED_MESSAGE', days: 60 }] };
  const first = await policies.set(change);
  expect(first).toMatchObject({ changed: true, policy: { version: 1, policies: [{ kind: 'CLOSED_COMPLAINT', days: 30 }, { kind: 'DISMISSED_MESSAGE', days: 60 }] } });
  expect(await policies.set(change)).toEqual({ ...first, changed: false });
  await expect(policies.set({ ...change, requestKey: 'k-2', policies: [{ kind: 'CLOSED_COMPLAINT', days: 31 }] })).rejects.toMatchObject({ code: 'RETENTION_POLICY.VERSION_CONFLICT' });
  await expect(policies.set({ ...change, requestKey: 'k-3', policies: [{ kind: 'CLOSED_COMPLAINT', days: 29 }] })).rejects.toMatchObject({ code: 'REQUEST.INVALID', details: { fieldViolations: [expect.objectContaining({ field: 'policies[0].days' })] } });
  await expect(policies.set({ ...change, actor: { ...head, officeCode: 'XXX' } })).rejects.toMatchObject({ code: 'RETENTION_POLICY.FORBIDDEN_ROLE' });
  await expect(policies.get(kit.office, { ...head, role: 'ADMIN_TIKKIM' })).rejects.toMatchObject({ code: 'RETENTION_POLICY.FORBIDDEN_ROLE' });
  await expect(q('UPDATE office_retention_policy SET days = 40')).rejects.toThrow(/append-only/);

  // Ours: a complaint closed after a decision (CLOSED_COMPLAINT, 30 days) and a dismissed message (60 days), both 40 days ago.
  const decided = await closedComplaint(40);
  await q(`UPDATE complaint_state SET state = jsonb_set(state, '{outcome}', '"NO_FOLLOW_UP"') WHERE complaint_id = $1`, [decided.id]);
  const dismissed = await closedComplaint(40);
  const elsewhere = await closedComplaint(40, { ...kit, office: randomOfficeCode() });
  await q(`UPDATE complaint_state SET state = jsonb_set(state, '{outcome}', '"NO_FOLLOW_UP"') WHERE complaint_id = $1`, [elsewhere.id]);

  const run = await applyRetention(kit.runtime.dataSource, erase, kit.clock.now(), { days: 730 });
  expect(run.erased.map((e) => e.complaintId)).toEqual([decided.id]);
  expect(await destroyed(decided.reporterRef)).toBe(true);
  expect(await destroyed(dismissed.reporterRef)).toBe(false);
  expect(await destroyed(elsewhere.reporterRef)).toBe(false);
});
