// The audit CLI as auditors run it, against the real broker: a topic of the test's own with
// signed histories and bad events produced straight to Kafka, the CLI as a child process.
import { chainAndSign, chainOf, serializeEnvelope, signEnvelope, type EventEnvelope } from '@pengaduan/contracts';
import type { SopEvent } from '@pengaduan/sop';
import { createTestTopic, deleteTopics, historyUntil, REPO_ROOT, startGroupAtEnd, testInfrastructure, testKafka, uniqueSuffix, type ComplaintHistory } from '@pengaduan/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anotherConfirmation, chained, forgerKey, signed, testKeys } from './__fixtures__/signed-histories';
import type { AuditReport } from './audit-core/report';

const keys = testKeys();
const dir = mkdtempSync(join(tmpdir(), 'audit-int-'));
const keysFile = join(dir, 'keys.txt');
const topics: string[] = [];

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'services/audit/src/main.ts', '--brokers', testInfrastructure().kafkaBrokers.join(','), ...args],
      { cwd: REPO_ROOT, env: { ...process.env, EVENT_PUBLIC_KEYS: '' }, timeout: 80_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

async function produce(topic: string, envelopes: readonly (EventEnvelope | string)[]): Promise<void> {
  const producer = testKafka('audit-int-producer').producer({ idempotent: true, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const messages = envelopes.map((e) => (typeof e === 'string' ? { key: 'junk', value: e } : { key: e.subject, value: serializeEnvelope(e) }));
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

function eventFor(h: ComplaintHistory, event: SopEvent, source: string): EventEnvelope {
  return signed(h.envelopeOf(event, source), keys);
}

const groupOf = (stderr: string) => /reader group (audit-[0-9a-f-]+)/.exec(stderr)?.[1];

beforeAll(() => {
  writeFileSync(keysFile, `# published event keys\n${keys.publicEntries.join('\n')}\n`);
});

afterAll(async () => {
  await deleteTopics(topics);
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run audit (against Kafka)', () => {
  it('flags each bad event produced straight to Kafka with its complaint and reason, refuses every event that does not verify without letting it steer the replay, writes JSON, CSV and HTML, commits nothing', async () => {
    const topic = await createTestTopic('audit', 3);
    topics.push(topic);
    const office = `AU${uniqueSuffix().slice(-4).toUpperCase()}`;
    const clean = historyUntil('CLOSED', { officeCode: office });
    const forged = historyUntil('ANALYZED', { officeCode: office, trackingNumber: `${office}-2026-000002` });
    const altered = historyUntil('CLOSED', { officeCode: office, trackingNumber: `${office}-2026-000003` });
    const skipped = historyUntil('RECEIVED', { officeCode: office, trackingNumber: `${office}-2026-000004` });
    const wrongRole = historyUntil('ANALYZED', { officeCode: office, trackingNumber: `${office}-2026-000005` });
    // Issue 14: a forged and an unsigned second confirmation after X's genuine one; a forged one before Y's.
    const x = historyUntil('CLOSED', { officeCode: office, trackingNumber: `${office}-2026-000006` });
    const y = historyUntil('CLOSED', { officeCode: office, trackingNumber: `${office}-2026-000007` });
    const xEnvelopes = x.envelopes.map((e) => signed(e, keys));
    const yEnvelopes = y.envelopes.map((e) => signed(e, keys));
    const [xConfirmation, yConfirmation] = [xEnvelopes[1], yEnvelopes[1]];
    const xForged = signEnvelope(anotherConfirmation(xConfirmation, xConfirmation.time), forgerKey(xConfirmation.source));
    const xUnsigned = anotherConfirmation(xConfirmation, xConfirmation.time);
    const yEarly = new Date(Date.parse(yEnvelopes[0].time) + 10 * 60_000).toISOString();
    const yForged = signEnvelope(anotherConfirmation(yConfirmation, yEarly), forgerKey(yConfirmation.source));

    const forgedEvent = signEnvelope(forged.envelopes[forged.envelopes.length - 1], forgerKey('pengaduan/analysis'));
    const alteredEnvelopes = altered.envelopes.map((e) => signed(e, keys));
    const i = alteredEnvelopes.findIndex((e) => e.type === 'complaint.follow-up-decided');
    // An altered copy of a genuine event (same id, other body), after the genuine one.
    const alteredCopy = { ...alteredEnvelopes[i], data: { ...alteredEnvelopes[i].data, reason: 'Diubah setelah ditandatangani' } };
    alteredEnvelopes.splice(i + 1, 0, alteredCopy);
    const analyzed = clean.events.find((e) => e.type === 'complaint.analyzed') as SopEvent;
    const skippedEvent = eventFor(skipped, analyzed, 'pengaduan/analysis');
    const decided = clean.events.find((e) => e.type === 'complaint.follow-up-decided') as SopEvent;
    const wrongRoleEvent = eventFor(wrongRole, { ...decided, actor: { kind: 'user', userId: 'u-admin', role: 'ADMIN_TIKKIM' } } as SopEvent, 'pengaduan/analysis');

    await produce(topic, [
      ...clean.envelopes.map((e) => signed(e, keys)),
      ...forged.envelopes.slice(0, -1).map((e) => signed(e, keys)),
      forgedEvent,
      ...alteredEnvelopes,
      ...skipped.envelopes.map((e) => signed(e, keys)),
      skippedEvent,
      ...wrongRole.envelopes.map((e) => signed(e, keys)),
      wrongRoleEvent,
      ...xEnvelopes,
      xForged,
      xUnsigned,
      yEnvelopes[0],
      yForged,
      ...yEnvelopes.slice(1),
    ]);

    // A service's consumer group with committed offsets: the audit must leave it as it is.
    const admin = testKafka('audit-int-admin').admin();
    await admin.connect();
    const serviceGroup = `audit-int-service-${uniqueSuffix()}`;
    await startGroupAtEnd(serviceGroup, topic);
    const ends = await admin.fetchTopicOffsets(topic);

    try {
      const out = { json: join(dir, 'out.json'), html: join(dir, 'out.html'), csv: join(dir, 'out.csv') };
      const run = await runCli(['--topic', topic, '--keys', keysFile, '--json', out.json, '--html', out.html, '--csv', out.csv]);
      expect(run.stderr).not.toMatch(/failed/);
      expect(run.code).toBe(1);
      const report = JSON.parse(readFileSync(out.json, 'utf8')) as AuditReport;
      const found = report.violations.map((v) => ({ kind: v.kind, code: v.code, complaintId: v.complaintId, eventId: v.eventId }));
      expect(found).toEqual(
        expect.arrayContaining([
          { kind: 'MISSING_STEP', code: 'MISSING_STEP', complaintId: skipped.complaintId, eventId: skippedEvent.id },
          { kind: 'WRONG_ROLE', code: 'WRONG_ROLE', complaintId: wrongRole.complaintId, eventId: wrongRoleEvent.id },
        ]),
      );
      expect(report.violations).toHaveLength(2);
      expect(report.violations.find((v) => v.kind === 'WRONG_ROLE')?.reason).toMatch(/ADMIN_TIKKIM may not decideFollowUp/);
      expect(report.violations.find((v) => v.kind === 'MISSING_STEP')?.reason).toMatch(/missing step: step CONFIRM/);

      // Each event that does not verify is refused on its own, with the genuine event it contradicts.
      const refused = report.refused.map((r) => ({ code: r.code, complaintId: r.complaintId, eventId: r.eventId, contradicts: r.contradicts && { relation: r.contradicts.relation, eventId: r.contradicts.eventId } }));
      expect(refused).toEqual(
        expect.arrayContaining([
          { code: 'EVENT.BAD_SIGNATURE', complaintId: forged.complaintId, eventId: forgedEvent.id, contradicts: null },
          { code: 'EVENT.BAD_SIGNATURE', complaintId: altered.complaintId, eventId: alteredCopy.id, contradicts: { relation: 'same-id', eventId: alteredCopy.id } },
          { code: 'EVENT.BAD_SIGNATURE', complaintId: x.complaintId, eventId: xForged.id, contradicts: { relation: 'same-type', eventId: xConfirmation.id } },
          { code: 'EVENT.UNSIGNED', complaintId: x.complaintId, eventId: xUnsigned.id, contradicts: { relation: 'same-type', eventId: xConfirmation.id } },
          { code: 'EVENT.BAD_SIGNATURE', complaintId: y.complaintId, eventId: yForged.id, contradicts: { relation: 'same-type', eventId: yConfirmation.id } },
        ]),
      );
      expect(report.refused).toHaveLength(5);
      expect(report.signatures).toMatchObject({ checked: true, failed: 5 });

      // Every genuine event still judged legal, the SLA from the genuine events only.
      for (const c of [clean, altered, x, y]) expect(report.complaints.find((k) => k.complaintId === c.complaintId)).toMatchObject({ status: 'CLOSED', violations: 0 });
      for (const [c, confirmation] of [
        [x, xConfirmation],
        [y, yConfirmation],
      ] as const) {
        const confirm = report.complaints.find((k) => k.complaintId === c.complaintId)?.clocks.find((k) => k.key === 'CONFIRM');
        expect(confirm).toMatchObject({ durationMs: 3_600_000, stoppedAt: confirmation.time, stoppedByEventId: confirmation.id, asRecorded: { outcome: 'on-time' } });
      }
      expect(run.stdout).toMatch(/2 violation\(s\)/);
      expect(run.stdout).toMatch(/5 refused event\(s\), not replayed/);
      expect(run.stdout).toContain(forged.complaintId);
      expect(run.stdout).toContain(xForged.id);

      const html = readFileSync(out.html, 'utf8');
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).not.toMatch(/<script|<link|src=/i);
      for (const id of [forged.complaintId, altered.complaintId, skipped.complaintId, wrongRole.complaintId, xForged.id, xUnsigned.id, yForged.id]) expect(html).toContain(id);
      expect(html).toMatch(/<h2>Refused events<\/h2>/);
      const csv = readFileSync(out.csv, 'utf8').trim().split('\r\n');
      expect(csv).toHaveLength(1 + 7);
      const refusedCsv = readFileSync(join(dir, 'out.refused.csv'), 'utf8').trim().split('\r\n');
      expect(refusedCsv).toHaveLength(1 + 5);
      expect(refusedCsv.find((line) => line.includes(xUnsigned.id))).toContain(`"EVENT.UNSIGNED"`);
      expect(csv.find((line) => line.includes(wrongRole.complaintId))).toContain('"ANALYZED","7","1"');

      // The audit's own group left nothing committed and is gone; the service's group is untouched.
      const group = groupOf(run.stderr);
      expect(group).toBeDefined();
      const committed = await admin.fetchOffsets({ groupId: group as string, topics: [topic] });
      expect(committed.flatMap((t) => t.partitions).every((p) => p.offset === '-1')).toBe(true);
      expect((await admin.listGroups()).groups.map((g) => g.groupId)).not.toContain(group);
      const service = await admin.fetchOffsets({ groupId: serviceGroup, topics: [topic] });
      expect(service[0].partitions.sort((a, b) => a.partition - b.partition).map((p) => p.offset)).toEqual(ends.sort((a, b) => a.partition - b.partition).map((p) => p.high));
    } finally {
      await admin.deleteGroups([serviceGroup]).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('exits 0 on a clean topic, and answers --as-of, filters and a what-if policy', async () => {
    const topic = await createTestTopic('audit-clean', 2);
    topics.push(topic);
    const a = historyUntil('CLOSED', { officeCode: 'AUA1' });
    const b = historyUntil('CLOSED', { officeCode: 'AUB1', start: new Date('2026-03-04T01:00:00Z') });
    await produce(topic, [...a.envelopes, ...b.envelopes].map((e) => signed(e, keys)));
    const policyFile = join(dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ AUA1: { deadlineHours: { CONFIRM: 0.5 } } }));
    const json = join(dir, 'clean.json');
    const run = await runCli(['--topic', topic, '--keys', keysFile, '--as-of', '2026-03-02T03:30:00Z', '--policy', policyFile, '--json', json]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/No violations found/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as AuditReport;
    expect(report.asOf?.complaints).toEqual([{ complaintId: a.complaintId, officeCode: 'AUA1', status: 'DISPOSED', since: '2026-03-02T03:00:00.000Z' }]);
    expect(report.offices.map((o) => [o.officeCode, o.lateClocks, o.lateClocksWhatIf])).toEqual([
      ['AUA1', 0, 1],
      ['AUB1', 0, 0],
    ]);

    const office = await runCli(['--topic', topic, '--keys', keysFile, '--office', 'AUB1', '--json', json]);
    expect(office.code).toBe(0);
    expect((JSON.parse(readFileSync(json, 'utf8')) as AuditReport).complaints.map((c) => c.complaintId)).toEqual([b.complaintId]);

    const unsigned = await runCli(['--topic', topic]);
    expect(unsigned.code).toBe(0);
    expect(unsigned.stdout).toMatch(/Signatures: NOT CHECKED/);
  });

  it('replays the calls about a notice no channel delivered (docs/adr/0051): the acknowledgement told or given up moves no step; a closing after it is flagged', async () => {
    const topic = await createTestTopic('audit-notices', 1);
    topics.push(topic);
    const office = `AN${uniqueSuffix().slice(-4).toUpperCase()}`;
    const told = historyUntil('RECEIVED', { officeCode: office, trackingNumber: `${office}-2026-000001` });
    told.acknowledgementFailed();
    told.callAttempted(undefined, 'ACKNOWLEDGEMENT');
    told.acknowledgedByPhone();
    told.until('CLOSED');
    const givenUp = historyUntil('DISMISSED', { officeCode: office, trackingNumber: `${office}-2026-000002` });
    givenUp.acknowledgementFailed();
    givenUp.deliveryAbandoned('Nomor tidak aktif', 'ACKNOWLEDGEMENT');
    givenUp.reporterInformed();
    givenUp.callAttempted(undefined, 'DISMISSAL_NOTICE');
    const closing: SopEvent = { type: 'complaint.closed', at: givenUp.now.toISOString(), actor: givenUp.officers.admin, data: { outcome: 'DISMISSED' } };
    await produce(topic, [...told.envelopes.map((e) => signed(e, keys)), ...givenUp.envelopes.map((e) => signed(e, keys)), eventFor(givenUp, closing, 'pengaduan/notification')]);
    const json = join(dir, 'notices.json');
    const run = await runCli(['--topic', topic, '--keys', keysFile, '--json', json]);
    const report = JSON.parse(readFileSync(json, 'utf8')) as AuditReport;
    expect(report.complaints.map((c) => [c.complaintId, c.status])).toEqual([
      [told.complaintId, 'CLOSED'],
      [givenUp.complaintId, 'REPORTER_INFORMED'],
    ]);
    expect(report.violations).toEqual([
      expect.objectContaining({ complaintId: givenUp.complaintId, eventType: 'complaint.closed', reason: expect.stringMatching(/does not follow complaint.information-delivered or complaint.delivery-abandoned/) }),
    ]);
    expect(run.stdout).toMatch(/1 violation\(s\)/);
  });

  it('judges a hash-chained log (ADR 0034): a forged event linked into a chain is refused, a removed one named by its successor', async () => {
    const topic = await createTestTopic('audit-chained', 1);
    topics.push(topic);
    const office = `AC${uniqueSuffix().slice(-4).toUpperCase()}`;
    const histories = [1, 2, 3].map((n) => historyUntil('CLOSED', { officeCode: office, trackingNumber: `${office}-2026-00000${n}` }));
    const log = chained(
      histories.flatMap((h) => h.envelopes),
      keys,
      chainOf(topic, 0),
    ) as (EventEnvelope & { chain: string; chainseq: number; chainprev?: string })[];
    const i = log.findIndex((e) => e.type === 'complaint.confirmed');
    const genuine = log[i];
    const forged = chainAndSign(anotherConfirmation(genuine, genuine.time), genuine.chain, { seq: genuine.chainseq - 1, digest: genuine.chainprev ?? null }, forgerKey(genuine.source)).signed;
    // The second complaint's report delivery is removed: the next event of its source's chain names the gap.
    const removed = log.findIndex((e) => e.subject === histories[1].complaintId && e.type === 'complaint.reporter-informed');
    const successor = log.find((e, j) => j > removed && e.source === log[removed].source) as EventEnvelope;
    await produce(topic, [...log.slice(0, i), forged, ...log.slice(i, removed), ...log.slice(removed + 1)]);

    const json = join(dir, 'chained.json');
    const run = await runCli(['--topic', topic, '--keys', keysFile, '--json', json]);
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as AuditReport;
    expect(report.refused).toEqual([expect.objectContaining({ eventId: forged.id, code: 'EVENT.BAD_SIGNATURE', contradicts: expect.objectContaining({ eventId: genuine.id }) })]);
    expect(report.violations.filter((v) => v.kind === 'CHAIN')).toEqual([expect.objectContaining({ code: 'CHAIN.GAP', eventId: successor.id })]);
    expect(report.complaints.find((c) => c.complaintId === histories[0].complaintId)).toMatchObject({ status: 'CLOSED', violations: 0 });
    expect(report.signatures).toMatchObject({ checked: true, verified: log.length - 1, failed: 1 });
  });

  it('exits 2 for bad usage and a topic that does not exist', async () => {
    expect((await runCli(['--as-of', 'yesterday'])).code).toBe(2);
    const missing = await runCli(['--topic', `test.audit.none.${uniqueSuffix()}`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/does not exist/);
  });
});
