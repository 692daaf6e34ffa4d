// node -r @swc-node/register bench/consumer.ts [--events 20000] [--partitions 6] [--batch 50] [--window 50] [--label text]
//
// One consumer group (EventConsumer with complaintStateConsumer, which folds each complaint event
// into complaint_state, with the published keys as every service has them) against the real
// broker and Postgres (KAFKA_BROKERS / DATABASE_URL, else deploy/local as in the tests). About
// `--events` signed events (complete complaint histories decided by libs/sop, plus one SLA warning
// per complaint, which the group passes over) are produced to a fresh topic first; then the group
// reads it from the beginning. `--window` complaints at a time are interleaved on the topic, as
// complaints running side by side are. `--batch` is the consumer's `maxBatchEvents`.
// Reports events per second and CPU per event of this process (process.cpuUsage) and of the
// Postgres backends serving it (/proc/<pid>/stat, where readable). Prints and writes
// bench/results/consumer-<when>.json. Not part of the tests. Under `node --cpu-prof`, the results
// carry the consumption window on the profile's clock (`profileWindowUs`), so a profile can be
// read for that phase alone.
import { EVENT_CATALOGUE, type EventKeyRing, generateEventSigningKey, parseEventKeyRing, parseEventSigningKey, serializeEnvelope, signEnvelope, TOPIC_DEFINITIONS, COMPLAINT_EVENTS_TOPIC, type EventEnvelope, type EventSigningKey } from '@pengaduan/contracts';
import { COMPLAINT_STATE_MIGRATIONS, complaintStateConsumer, createKafka, EventConsumer, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@pengaduan/messaging';
import { createServiceDataSource, initializeServiceDataSource } from '@pengaduan/persistence';
import { createLogger } from '@pengaduan/runtime';
import { deadlineWarning, dropSchema, historyUntil, provideTestInfrastructure, releaseTestInfrastructure, testKafka, uniqueSchemaName, uniqueSuffix } from '@pengaduan/testing';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { arg, writeResult } from './lib/bench-io';

const log = (m: string) => process.stderr.write(`[bench:consumer ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const APPLICATION = 'bench-consumer';
/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
const CLOCK_TICKS_PER_SECOND = 100;
/** `--label text`: what is measured (a version of the consumer), kept in the results. */
const LABEL = process.argv.includes('--label') ? process.argv[process.argv.indexOf('--label') + 1] ?? '' : '';

/** CPU ticks (user + system) of each Postgres backend serving this bench, by pid; undefined where /proc cannot be read. */
async function backendTicks(ds: DataSource): Promise<Map<number, number> | undefined> {
  const rows = (await ds.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [APPLICATION])) as { pid: number }[];
  const ticks = new Map<number, number>();
  try {
    for (const { pid } of rows) {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    }
  } catch {
    return undefined;
  }
  return ticks;
}

function ticksSpent(before: Map<number, number> | undefined, after: Map<number, number> | undefined): number | undefined {
  if (!before || !after) return undefined;
  let sum = 0;
  for (const [pid, t] of after) sum += t - (before.get(pid) ?? 0);
  return sum;
}

/** One key per producing service, as in production; the consumer verifies with all of them. */
function eventSigning(): { keyRing: EventKeyRing; sign: (e: EventEnvelope) => Buffer } {
  const signing = new Map<string, EventSigningKey>();
  const published: string[] = [];
  for (const producer of new Set([...Object.values(EVENT_CATALOGUE).map((e) => e.producer)])) {
    const pair = generateEventSigningKey(`${producer}-bench`, `pengaduan/${producer}`);
    signing.set(`pengaduan/${producer}`, parseEventSigningKey(pair.privateKey));
    published.push(pair.publicEntry);
  }
  return { keyRing: parseEventKeyRing(published.join(',')), sign: (e) => serializeEnvelope(signEnvelope(e, signing.get(e.source) as EventSigningKey)) };
}

/** What `produceComplaints` put on the topic: every event, the complaint events among them (the rest are SLA warnings), the complaints. */
interface Produced {
  produced: number;
  applicable: number;
  complaints: number;
  setupSeconds: number;
}

/** Complaints `window` at a time, their events interleaved step by step, each complaint's in order (one key), until at least `events` are on `topic`. */
async function produceComplaints(topic: string, events: number, window: number, sign: (e: EventEnvelope) => Buffer): Promise<Produced> {
  const g0 = performance.now();
  const producer = testKafka('bench-consumer-producer').producer({ allowAutoTopicCreation: false });
  await producer.connect();
  let produced = 0;
  let applicable = 0;
  let complaints = 0;
  const start = Date.parse('2026-01-05T01:00:00Z');
  while (produced < events) {
    const histories = Array.from({ length: window }, () => {
      const office = `BR${String(complaints % 8).padStart(2, '0')}`;
      const at = new Date(start + complaints * 60_000);
      const h = historyUntil('CLOSED', { officeCode: office, trackingNumber: `${office}-2026-${String(complaints + 1).padStart(7, '0')}`, start: at, decision: complaints++ % 3 === 0 ? 'NO_FOLLOW_UP' : 'FOLLOW_UP' });
      applicable += h.envelopes.length;
      const [received, ...rest] = h.envelopes;
      return { key: h.complaintId, envelopes: [received, deadlineWarning(h.complaintId, { office, at, deadlineId: h.complaintId }), ...rest] };
    });
    const messages: { key: string; value: Buffer }[] = [];
    for (let step = 0; histories.some((h) => step < h.envelopes.length); step++) {
      for (const h of histories) if (step < h.envelopes.length) messages.push({ key: h.key, value: sign(h.envelopes[step]) });
    }
    await producer.send({ topic, acks: -1, messages });
    produced += messages.length;
  }
  await producer.disconnect();
  return { produced, applicable, complaints, setupSeconds: (performance.now() - g0) / 1000 };
}

/** Waits until the group's inbox holds all `applicable` events as processed; answers that moment (performance.now()). */
async function allProcessedAt(ds: DataSource, groupId: string, applicable: number, handled: () => number): Promise<number> {
  for (;;) {
    // Cheap while the handler has not seen them all; then the inbox, which is the fact.
    if (handled() >= applicable) {
      const [{ n }] = (await ds.query('SELECT count(*)::int AS n FROM inbox WHERE consumer_group = $1 AND processed_at IS NOT NULL', [groupId])) as { n: number }[];
      if (n >= applicable) return performance.now();
    }
    await new Promise((r) => setTimeout(r, handled() >= applicable ? 20 : 200));
  }
}

async function main(): Promise<void> {
  const EVENTS = arg('events', 20_000);
  const PARTITIONS = arg('partitions', TOPIC_DEFINITIONS.find((t) => t.name === COMPLAINT_EVENTS_TOPIC)?.partitions ?? 6);
  const BATCH = arg('batch', 50);
  const WINDOW = arg('window', 50);
  const infra = await provideTestInfrastructure(log);
  process.env['KAFKA_BROKERS'] = infra.kafkaBrokers.join(',');
  process.env['DATABASE_URL'] = infra.databaseUrl;
  const topic = `bench.consumer.${uniqueSuffix()}`;
  const schema = uniqueSchemaName('bench_consumer');
  const groupId = `bench-consumer-${uniqueSuffix()}`;
  const admin = testKafka('bench-consumer-admin').admin();
  await admin.connect();
  const logger = createLogger(APPLICATION, process.env['LOG_LEVEL'] ?? 'warn');
  const ds = createServiceDataSource({
    url: infra.databaseUrl,
    schema,
    applicationName: APPLICATION,
    entities: MESSAGING_ENTITIES,
    migrations: [...MESSAGING_MIGRATIONS, ...COMPLAINT_STATE_MIGRATIONS],
  });
  let consumer: EventConsumer | undefined;
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
    await initializeServiceDataSource(ds);

    const { keyRing, sign } = eventSigning();
    log(`generating, signing and producing about ${EVENTS} events to ${topic} (${PARTITIONS} partitions)`);
    const { produced, applicable, complaints, setupSeconds } = await produceComplaints(topic, EVENTS, WINDOW, sign);
    log(`${produced} events (${complaints} complaints, ${applicable} complaint events, ${produced - applicable} SLA warnings) in ${setupSeconds.toFixed(1)} s`);

    // The group reads the topic from the beginning; done when every complaint event is processed in its inbox.
    const state = complaintStateConsumer(groupId);
    let firstAt = 0;
    let handled = 0;
    consumer = new EventConsumer({
      kafka: createKafka({ brokers: infra.kafkaBrokers, clientId: APPLICATION, logger }),
      ...state,
      dataSource: ds,
      logger,
      groupId,
      topics: [topic],
      keyRing,
      handler: async (event, tx) => {
        if (firstAt === 0) firstAt = performance.now();
        await state.handler(event, tx);
        handled++;
      },
      maxBatchEvents: BATCH,
    });
    const loadBefore = loadavg()[0];
    const pgBefore = await backendTicks(ds);
    const cpu0 = process.cpuUsage();
    const profile0 = process.hrtime.bigint() / 1000n;
    const t0 = performance.now();
    await consumer.start();
    const lastAt = await allProcessedAt(ds, groupId, applicable, () => handled);
    const cpu = process.cpuUsage(cpu0);
    const profile1 = process.hrtime.bigint() / 1000n;
    const pgTicks = ticksSpent(pgBefore, await backendTicks(ds));
    const loadAfter = loadavg()[0];
    const states = (await ds.query("SELECT count(*)::int AS n FROM complaint_state WHERE status = 'CLOSED'")) as { n: number }[];
    if (states[0].n !== complaints) throw new Error(`expected ${complaints} closed complaints, found ${states[0].n}`);

    const wallSeconds = (lastAt - t0) / 1000;
    const steadySeconds = (lastAt - firstAt) / 1000;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const pgCpuMs = pgTicks === undefined ? null : (pgTicks * 1000) / CLOCK_TICKS_PER_SECOND;
    const perEvent = (ms: number) => Number((ms / produced).toFixed(3));
    const result = {
      when: new Date().toISOString(),
      label: LABEL,
      consumer: 'EventConsumer + complaintStateConsumer, published keys, one group, partitionsConcurrently 1',
      maxBatchEvents: BATCH,
      events: produced,
      complaintEvents: applicable,
      slaWarningsPassedOver: consumer.passedOver,
      complaints,
      partitions: PARTITIONS,
      seconds: Number(wallSeconds.toFixed(2)),
      eventsPerSecond: Math.round(produced / wallSeconds),
      steadyEventsPerSecond: Math.round(produced / steadySeconds),
      cpuMsPerEvent: { consumerProcess: perEvent(cpuMs), userMs: perEvent(cpu.user / 1000), systemMs: perEvent(cpu.system / 1000), postgresBackends: pgCpuMs === null ? null : perEvent(pgCpuMs) },
      postgresShareOfCpu: pgCpuMs === null ? null : Number((pgCpuMs / (pgCpuMs + cpuMs)).toFixed(2)),
      loadAverage1m: { before: Number(loadBefore.toFixed(2)), after: Number(loadAfter.toFixed(2)) },
      profileWindowUs: { from: String(profile0), to: String(profile1) },
      setupSeconds: Number(setupSeconds.toFixed(1)),
      machine: { cpus: cpus().length, node: process.version },
    };
    process.stdout.write(`\n${produced} signed events (${applicable} applied, ${result.slaWarningsPassedOver} passed over) on ${PARTITIONS} partitions, maxBatchEvents ${BATCH}\n`);
    process.stdout.write(`${result.eventsPerSecond} events/s over ${result.seconds} s (${result.steadyEventsPerSecond}/s from the first event)\n`);
    process.stdout.write(`CPU per event: consumer process ${result.cpuMsPerEvent.consumerProcess} ms, Postgres backends ${result.cpuMsPerEvent.postgresBackends ?? 'n/a'} ms; load average ${result.loadAverage1m.before} -> ${result.loadAverage1m.after}\n`);
    process.stdout.write(`\nwritten to ${writeResult('consumer', result)}\n`);
  } finally {
    await consumer?.stop().catch(() => undefined);
    await admin.deleteTopics({ topics: [topic, ...(consumer?.dlqTopics ?? [])] }).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
    if (ds.isInitialized) await ds.destroy();
    await dropSchema(schema).catch(() => undefined);
    await releaseTestInfrastructure(infra, log);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[bench:consumer] failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
