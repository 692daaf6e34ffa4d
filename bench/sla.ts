// npm run bench:sla -- [--open 1000000] [--due 10000] [--window 60] [--lead 600] [--concurrency 2] [--baseline 10]
//
// The SLA monitor under load, against the real stack (every service as its own process, real
// Kafka and Postgres, as bench:pipeline):
//   1. `--open` open deadlines in sla-monitor's table (far in the future): the table's and its
//      indexes' size, the scheduler's due query on it, the monitor's memory;
//   2. the pipeline's step latency with them, quiet (`--baseline` complaints through all 8 steps);
//   3. `--due` complaints arrive at once (a viral incident) whose confirmation deadlines all fall
//      due within `--window` seconds, starting `--lead` seconds later: how long every consumer takes
//      to take them in, then how late the breaches fire (due time -> the event on the topic, and
//      due time -> committed in the monitor), while complaints go through the pipeline meanwhile.
// Prints and writes bench/results/sla-<when>.json. Not part of the tests.
import { COMPLAINT_EVENTS_TOPIC, serializeEnvelope, type EventEnvelope } from '@pengaduan/contracts';
import { historyUntil, provideTestInfrastructure, randomOfficeCode, releaseTestInfrastructure, sql, startPlatformStack, testKafka, uniqueSuffix } from '@pengaduan/testing';
import { performance } from 'node:perf_hooks';
import { arg, writeResult } from './lib/bench-io';
import { latencyTable, percentile, SopDriver } from './lib/sop-driver';

const OPEN = arg('open', 1_000_000);
const DUE = arg('due', 10_000);
const WINDOW_S = arg('window', 60);
const LEAD_S = arg('lead', 600);
const C = arg('concurrency', 2);
const BASELINE = arg('baseline', 10);
const HOUR = 3_600_000;
const log = (m: string) => process.stderr.write(`[bench:sla ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function count(query: string, params: unknown[] = []): Promise<number> {
  const [row] = await sql<{ n: number }>(query, params);
  return Number(row.n);
}

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (!(await probe())) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const infra = await provideTestInfrastructure(log);
  process.env['KAFKA_BROKERS'] = infra.kafkaBrokers.join(',');
  process.env['DATABASE_URL'] = infra.databaseUrl;
  // The monitor with its production settings (poll 1 s, batches of 200).
  const stack = await startPlatformStack({ extraEnv: { LOG_LEVEL: 'warn', SLA_MONITOR_POLL_MS: '1000' }, compiled: true });
  const monitor = stack.processes['sla-monitor'];
  const schema = stack.schemas['sla-monitor'];
  const gatewaySchema = stack.schemas['gateway'];
  const reader = testKafka('bench-sla-reader').consumer({ groupId: `bench-sla-${uniqueSuffix()}` });
  try {
    const driver = await new SopDriver(stack).login();
    await driver.runOne(false);
    const memoryBefore = monitor.peakMemoryMiB();

    // 1. A million open deadlines, due in 30-70 days, so none fires during the run.
    log(`inserting ${OPEN} open deadlines`);
    const t0 = performance.now();
    for (let from = 1; from <= OPEN; from += 100_000) {
      await sql(
        `INSERT INTO "${schema}".deadline (id, complaint_id, office_code, clock_key, clock_id, responsible_role, escalates_to, started_at, warn_at, due_at,
           deadline_hours, calendar, policy, opened_by_event_id, next_fire_at)
         SELECT gen_random_uuid(), gen_random_uuid(), 'BENCH', 'CONFIRM', 'CONFIRM', 'ADMIN_TIKKIM', 'KEPALA_SEKSI_TI', now(),
           now() + interval '30 days' + g * interval '3 seconds', now() + interval '40 days' + g * interval '3 seconds',
           12, 'WALL_CLOCK', '{"calendar":"WALL_CLOCK"}'::jsonb, gen_random_uuid(), now() + interval '30 days' + g * interval '3 seconds'
         FROM generate_series($1::int, $2::int) g`,
        [from, Math.min(OPEN, from + 99_999)],
      );
    }
    await sql(`ANALYZE "${schema}".deadline`);
    const insertSeconds = (performance.now() - t0) / 1000;
    const [size] = await sql<{ total: string; heap: string; indexes: string }>(
      `SELECT pg_total_relation_size($1) AS total, pg_relation_size($1) AS heap, pg_indexes_size($1) AS indexes`,
      [`"${schema}".deadline`],
    );
    // The scheduler's query, timed by Postgres itself (execution time, without the round trip).
    const dueQuery: number[] = [];
    for (let i = 0; i < 20; i++) {
      const [plan] = await sql<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM "${schema}".deadline WHERE next_fire_at <= now() AND stopped_at IS NULL ORDER BY next_fire_at LIMIT 200 FOR UPDATE SKIP LOCKED`,
      );
      dueQuery.push(plan['QUERY PLAN'][0]['Execution Time']);
    }
    dueQuery.sort((a, b) => a - b);
    await new Promise((r) => setTimeout(r, 3_000)); // a few scheduler looks over the full table
    const memoryWithOpen = monitor.peakMemoryMiB();
    log(`open deadlines: ${mib(Number(size.total))} MiB in all; the due query takes ${dueQuery[10].toFixed(1)} ms`);

    // 2. The pipeline with them, quiet.
    log(`baseline: ${BASELINE} complaints through the pipeline`);
    await driver.runWhile(C, (done) => done < BASELINE);
    const baseline = driver.takeLatencies();

    // 3. A burst of complaints whose confirmation deadlines fall due within one window.
    const office = randomOfficeCode();
    const firstDue = Date.now() + LEAD_S * 1000;
    const lastDue = firstDue + WINDOW_S * 1000;
    const envelopes: EventEnvelope[] = Array.from({ length: DUE }, (_, i) =>
      historyUntil('RECEIVED', {
        officeCode: office,
        trackingNumber: `${office}-2026-${String(i + 1).padStart(6, '0')}`,
        start: new Date(firstDue - 12 * HOUR + Math.floor((i / DUE) * WINDOW_S * 1000)),
      }).envelopes[0],
    );
    const ids = new Set(envelopes.map((e) => e.subject));
    const breachSeen = new Map<string, { dueAt: number; seenAt: number }>();
    await reader.connect();
    // A new group without offsets starts at the end: only what is published from now on.
    await reader.subscribe({ topics: [COMPLAINT_EVENTS_TOPIC], fromBeginning: false });
    await reader.run({
      eachMessage: async ({ message }) => {
        const key = message.key?.toString();
        if (!key || !ids.has(key) || !message.value) return;
        const e = JSON.parse(message.value.toString()) as { type: string; data: { deadlineId: string; dueAt: string } };
        if (e.type === 'sla.deadline-breached' && !breachSeen.has(e.data.deadlineId)) breachSeen.set(e.data.deadlineId, { dueAt: Date.parse(e.data.dueAt), seenAt: Date.now() });
      },
    });
    await new Promise((r) => setTimeout(r, 5_000)); // the reader has joined before anything is produced

    log(`publishing ${DUE} complaints, due from ${new Date(firstDue).toISOString()} over ${WINDOW_S} s`);
    const producer = testKafka('bench-sla-producer').producer({ idempotent: true });
    await producer.connect();
    // The stack verifies every event: sign them as intake, with the key the stack publishes for it.
    const sign = stack.signer('pengaduan/intake');
    const p0 = performance.now();
    for (let i = 0; i < envelopes.length; i += 500) {
      await producer.send({ topic: COMPLAINT_EVENTS_TOPIC, acks: -1, messages: envelopes.slice(i, i + 500).map((e) => ({ key: e.subject, value: serializeEnvelope(sign(e)) })) });
    }
    await producer.disconnect();
    const monitorIntakeMs = await waitUntil('the monitor to start every deadline', async () => (await count(`SELECT count(*) AS n FROM "${schema}".deadline WHERE office_code = $1`, [office])) >= DUE, 20 * 60_000);
    const gatewayIntakeMs = await waitUntil('the gateway to show every complaint', async () => (await count(`SELECT count(*) AS n FROM "${gatewaySchema}".complaint_view WHERE office_code = $1`, [office])) >= DUE, 20 * 60_000);
    const caughtUpAt = Date.now();
    log(`taken in: sla-monitor ${Math.round(monitorIntakeMs / 1000)} s, gateway ${Math.round((performance.now() - p0) / 1000)} s after publishing`);

    // The pipeline while they fall due (and a little after, while breaches are still published).
    if (Date.now() < firstDue) await new Promise((r) => setTimeout(r, firstDue - Date.now()));
    log('deadlines falling due; complaints go through the pipeline meanwhile');
    const duringPipeline = driver.runWhile(C, () => Date.now() < lastDue + 5_000);
    await waitUntil('every breach on the topic', async () => breachSeen.size >= DUE, 20 * 60_000);
    await duringPipeline;
    const during = driver.takeLatencies();

    const toTopic = [...breachSeen.values()].map((b) => b.seenAt - b.dueAt).sort((a, b) => a - b);
    const [committed] = await sql<{ p50: number; p99: number; max: number }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max
         FROM (SELECT extract(epoch FROM breached_at - due_at) * 1000 AS ms FROM "${schema}".deadline WHERE office_code = $1 AND clock_id = 'CONFIRM') d`,
      [office],
    );
    const [schemaSize] = await sql<{ bytes: string }>(`SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'i', 't')`, [schema]);
    const memory = Object.fromEntries(Object.entries(stack.processes).map(([name, p]) => [name, p.peakMemoryMiB() ?? null]));
    const round = (n: number) => Math.round(Number(n));
    const result = {
      when: new Date().toISOString(),
      openDeadlines: OPEN,
      openDeadlineInsertSeconds: Number(insertSeconds.toFixed(1)),
      deadlineTableMiB: { total: mib(Number(size.total)), heap: mib(Number(size.heap)), indexes: mib(Number(size.indexes)) },
      bytesPerOpenDeadline: Math.round(Number(size.total) / OPEN),
      dueQueryMs: { p50: Number(dueQuery[10].toFixed(2)), max: Number(dueQuery[19].toFixed(2)) },
      slaMonitorPeakMemoryMiB: { beforeOpenDeadlines: memoryBefore ?? null, withOpenDeadlines: memoryWithOpen ?? null, afterFiring: monitor.peakMemoryMiB() ?? null },
      burst: {
        complaints: DUE,
        windowSeconds: WINDOW_S,
        takenInSeconds: { slaMonitor: round(monitorIntakeMs / 1000), gateway: round((monitorIntakeMs + gatewayIntakeMs) / 1000) },
        caughtUpBeforeFirstDue: caughtUpAt < firstDue,
        breachLatenessMs: {
          dueToTopic: { p50: round(percentile(toTopic, 50)), p99: round(percentile(toTopic, 99)), max: round(toTopic[toTopic.length - 1]) },
          dueToCommitted: { p50: round(committed.p50), p99: round(committed.p99), max: round(committed.max) },
        },
      },
      pipelineStepLatencyMs: { quiet: baseline, whileFiring: during },
      slaMonitorSchemaMiB: mib(Number(schemaSize.bytes)),
      peakMemoryMiB: memory,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    };
    process.stdout.write(`\n${OPEN} open deadlines: ${result.deadlineTableMiB.total} MiB (heap ${result.deadlineTableMiB.heap}, indexes ${result.deadlineTableMiB.indexes}), ${result.bytesPerOpenDeadline} B each; due query p50 ${result.dueQueryMs.p50} ms\n`);
    process.stdout.write(`sla-monitor peak RSS: ${memoryBefore} MiB before, ${memoryWithOpen} MiB with them, ${result.slaMonitorPeakMemoryMiB.afterFiring} MiB after firing\n`);
    process.stdout.write(`${DUE} complaints at once: taken in by sla-monitor in ${result.burst.takenInSeconds.slaMonitor} s, by the gateway in ${result.burst.takenInSeconds.gateway} s\n`);
    process.stdout.write(`breaches, due -> on the topic: p50 ${result.burst.breachLatenessMs.dueToTopic.p50} ms, p99 ${result.burst.breachLatenessMs.dueToTopic.p99} ms, max ${result.burst.breachLatenessMs.dueToTopic.max} ms; due -> committed: p50 ${result.burst.breachLatenessMs.dueToCommitted.p50} ms, p99 ${result.burst.breachLatenessMs.dueToCommitted.p99} ms\n`);
    process.stdout.write(`\npipeline, quiet:\n${latencyTable(baseline)}\n\npipeline, while ${DUE} deadlines fall due:\n${latencyTable(during)}\n`);
    process.stdout.write(`\nwritten to ${writeResult('sla', result)}\n`);
  } finally {
    await reader.disconnect().catch(() => undefined);
    await stack.stop();
    await stack.dispose();
    await releaseTestInfrastructure(infra, log);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[bench:sla] failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
