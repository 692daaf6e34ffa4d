// npm run bench:replay -- [--events 1000000] [--offices 8] [--batch 10000] [--child-heap-mib 256]
//
// The auditors' replay (services/audit) on a large log: `--events` signed events (complete
// complaint histories decided by libs/sop, each event signed by its service's Ed25519 key) are
// generated in memory and produced to a bench topic of their own in big batches; then
//   (a) the pure core (`Auditor`, each complaint counted and dropped as it closes: parse, duplicate check, signature, libs/sop history, SLA
//       clocks) over the records in memory, and
//   (b) end to end as the CLI does it, in a fresh process: read the topic from the beginning with
//       the audit's reader (own group, nothing committed), parse, verify, check, each complaint's
//       report spooled when it closes, then the terminal, JSON, CSV and HTML reports written;
// each as events per second, with peak RSS (process.resourceUsage().maxRSS). Prints and writes bench/results/replay-<when>.json.
// Not part of the tests.
import { EVENT_CATALOGUE, generateEventSigningKey, parseEventKeyRing, parseEventSigningKey, serializeEnvelope, signEnvelope, TOPIC_DEFINITIONS, COMPLAINT_EVENTS_TOPIC, type EventSigningKey } from '@pengaduan/contracts';
import { historyUntil, provideTestInfrastructure, releaseTestInfrastructure, testKafka, uniqueSuffix } from '@pengaduan/testing';
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Auditor } from '../services/audit/src/audit-core/auditor';
import type { AuditRecord, ReportSink } from '../services/audit/src/audit-core/report';
import { readTopic } from '../services/audit/src/read-topic/topic-reader';
import { SpoolSink, writeReports } from '../services/audit/src/write-report/spool';
import { arg, writeResult } from './lib/bench-io';

const log = (m: string) => process.stderr.write(`[bench:replay ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const mib = (kib: number) => Math.round((kib / 1024) * 10) / 10;
const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));

/** Phase (b), in a process of its own so that its RSS is the audit's alone: read + audit the topic, print the figures as JSON. */
async function endToEnd(topic: string): Promise<void> {
  const keyRing = parseEventKeyRing(process.env['EVENT_PUBLIC_KEYS'] ?? '');
  const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',');
  const t0 = performance.now();
  const spool = new SpoolSink();
  const dir = mkdtempSync(join(tmpdir(), 'bench-replay-'));
  const auditor = new Auditor({ keyRing, now: new Date().toISOString() }, spool);
  let firstRecordAt = 0;
  const read = await readTopic({
    brokers,
    topic,
    onRecord: (r) => {
      if (firstRecordAt === 0) firstRecordAt = performance.now();
      auditor.add(r);
    },
    log,
  });
  const readMs = performance.now() - t0;
  const report = auditor.finish();
  const finishedMs = performance.now() - t0;
  const peakBeforeWriting = process.resourceUsage().maxRSS;
  writeReports(report, spool.lists(), { json: join(dir, 'a.json'), csv: join(dir, 'a.csv'), html: join(dir, 'a.html') });
  const totalMs = performance.now() - t0;
  spool.dispose();
  rmSync(dir, { recursive: true, force: true });
  const out = {
    records: report.records.read,
    violations: report.totals.violations + report.totals.refused,
    complaints: report.totals.complaints,
    verified: report.signatures.verified,
    complete: read.partitions.every((p) => p.complete),
    joinMs: Math.round(firstRecordAt - t0),
    readAndAddMs: Math.round(readMs),
    finishMs: Math.round(finishedMs - readMs),
    writeReportsMs: Math.round(totalMs - finishedMs),
    totalMs: Math.round(totalMs),
    peakRssBeforeWritingMiB: mib(peakBeforeWriting),
    peakRssMiB: mib(process.resourceUsage().maxRSS),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** `--child-heap-mib N`: run the end-to-end phase with V8's old space capped at N MiB (it fails if the live set needs more). */
const CHILD_HEAP_MIB = process.argv.includes('--child-heap-mib') ? arg('child-heap-mib', 1) : undefined;

function runChild(topic: string, env: NodeJS.ProcessEnv): Promise<Record<string, number | boolean>> {
  return new Promise((resolve, reject) => {
    const heap = CHILD_HEAP_MIB === undefined ? [] : [`--max-old-space-size=${CHILD_HEAP_MIB}`];
    const child = spawn(process.execPath, [...heap, '-r', '@swc-node/register', __filename, '--phase-end-to-end', topic], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}')) : reject(new Error(`end-to-end phase exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const EVENTS = arg('events', 1_000_000);
  const OFFICES = arg('offices', 8);
  const BATCH = arg('batch', 10_000);
  const infra = await provideTestInfrastructure(log);
  process.env['KAFKA_BROKERS'] = infra.kafkaBrokers.join(',');
  const partitions = TOPIC_DEFINITIONS.find((t) => t.name === COMPLAINT_EVENTS_TOPIC)?.partitions ?? 6;
  const topic = `bench.replay.${uniqueSuffix()}`;
  const admin = testKafka('bench-replay-admin').admin();
  await admin.connect();
  try {
    // Big batches: a partition's share of one send is a single record batch, above the broker's 1 MB default.
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1, configEntries: [{ name: 'max.message.bytes', value: String(64 * 1024 * 1024) }] }], waitForLeaders: true });

    // One key per producing service, as in production; the published entries are what an auditor is given.
    const signing = new Map<string, EventSigningKey>();
    const published: string[] = [];
    for (const producer of new Set(Object.values(EVENT_CATALOGUE).map((e) => e.producer))) {
      const pair = generateEventSigningKey(`${producer}-bench`, `pengaduan/${producer}`);
      signing.set(`pengaduan/${producer}`, parseEventSigningKey(pair.privateKey));
      published.push(pair.publicEntry);
    }
    const keyRing = parseEventKeyRing(published.join(','));

    // Generate, sign and produce, batch by batch; keep the records for the pure-core run.
    log(`generating, signing and producing ${EVENTS} events to ${topic} (${partitions} partitions)`);
    const producer = testKafka('bench-replay-producer').producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const records: AuditRecord[] = [];
    const nextOffset = new Array<number>(partitions).fill(0);
    let pendingMessages: { key: string; value: Buffer }[] = [];
    let complaints = 0;
    let bytes = 0;
    let generateMs = 0;
    let produceMs = 0;
    const start = Date.parse('2026-01-05T01:00:00Z');
    while (records.length < EVENTS) {
      const g0 = performance.now();
      const office = `BR${String(complaints % OFFICES).padStart(2, '0')}`;
      const history = historyUntil('CLOSED', {
        officeCode: office,
        trackingNumber: `${office}-2026-${String(complaints + 1).padStart(7, '0')}`,
        start: new Date(start + complaints * 60_000),
        decision: complaints % 3 === 0 ? 'NO_FOLLOW_UP' : 'FOLLOW_UP',
      });
      // Which partition the broker's partitioner picks does not matter to the core: a complaint's events stay together and in order.
      const partition = complaints % partitions;
      for (const envelope of history.envelopes) {
        const value = serializeEnvelope(signEnvelope(envelope, signing.get(envelope.source) as EventSigningKey));
        bytes += value.length;
        records.push({ partition, offset: String(nextOffset[partition]++), value });
        pendingMessages.push({ key: envelope.subject, value });
      }
      complaints++;
      generateMs += performance.now() - g0;
      if (pendingMessages.length >= BATCH || records.length >= EVENTS) {
        const p0 = performance.now();
        await producer.send({ topic, acks: -1, messages: pendingMessages });
        produceMs += performance.now() - p0;
        pendingMessages = [];
        if (complaints % 10_000 < 10) log(`${records.length} events produced`);
      }
    }
    await producer.disconnect();
    log(`${records.length} events (${complaints} complaints, ${Math.round(bytes / 1024 / 1024)} MiB): generated and signed in ${Math.round(generateMs / 1000)} s, produced in ${Math.round(produceMs / 1000)} s`);

    // (a) The pure core over the records in memory.
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const a0 = performance.now();
    // Each complaint's report is counted as it is emitted and dropped: the core's own memory.
    let firstProblem = '';
    const note = (reason: string) => (firstProblem ||= reason);
    const counting: ReportSink = { complaint: () => undefined, violation: (v) => note(v.reason), refused: (r) => note(r.reason), notice: () => undefined, asOf: () => undefined };
    const auditor = new Auditor({ keyRing, now: new Date().toISOString() }, counting);
    for (const record of records) auditor.add(record);
    const report = auditor.finish();
    const coreMs = performance.now() - a0;
    const coreRssGrowthMiB = Math.round(((process.memoryUsage().rss - rssBefore) / 1024 / 1024) * 10) / 10;
    if (!report.clean) throw new Error(`the bench log should be clean; found ${report.totals.violations} violations and ${report.totals.refused} refused events, e.g. ${firstProblem}`);
    log(`(a) pure core: ${records.length} events in ${(coreMs / 1000).toFixed(1)} s = ${perSecond(records.length, coreMs)} events/s`);

    // Where the core's time goes, on a sample: parsing alone, signature checks alone.
    const sample = records.slice(0, Math.min(records.length, 100_000));
    const { parseEnvelope } = await import('@pengaduan/contracts');
    const s0 = performance.now();
    const parsed = sample.map((r) => parseEnvelope(r.value as Buffer));
    const parseMs = performance.now() - s0;
    const v0 = performance.now();
    for (const p of parsed) if (p.ok) keyRing.verify(p.envelope);
    const verifyMs = performance.now() - v0;

    // (b) End to end, in a process of its own.
    log('(b) end to end: reading the topic with the audit reader in a fresh process');
    const e2e = await runChild(topic, { ...process.env, EVENT_PUBLIC_KEYS: published.join(',') });
    if (e2e['records'] !== records.length || e2e['violations'] !== 0 || e2e['complete'] !== true) throw new Error(`end-to-end run read ${JSON.stringify(e2e)}`);
    log(`(b) end to end: ${records.length} events in ${(Number(e2e['totalMs']) / 1000).toFixed(1)} s = ${perSecond(records.length, Number(e2e['totalMs']))} events/s, peak RSS ${e2e['peakRssMiB']} MiB`);

    const result = {
      when: new Date().toISOString(),
      audit: 'verified events only, streaming: each complaint reported when it closes (ADR 0030)',
      events: records.length,
      complaints,
      partitions,
      topicMiB: Math.round(bytes / 1024 / 1024),
      setup: { generateAndSignSeconds: Math.round(generateMs / 1000), produceSeconds: Math.round(produceMs / 1000) },
      pureCore: {
        seconds: Number((coreMs / 1000).toFixed(1)),
        eventsPerSecond: perSecond(records.length, coreMs),
        rssGrowthMiB: coreRssGrowthMiB,
        sampleBreakdown: { events: sample.length, parseEventsPerSecond: perSecond(sample.length, parseMs), verifySignatureEventsPerSecond: perSecond(sample.length, verifyMs) },
      },
      endToEnd: {
        seconds: Number((Number(e2e['totalMs']) / 1000).toFixed(1)),
        eventsPerSecond: perSecond(records.length, Number(e2e['totalMs'])),
        groupJoinSeconds: Number((Number(e2e['joinMs']) / 1000).toFixed(1)),
        finishSeconds: Number((Number(e2e['finishMs']) / 1000).toFixed(1)),
        writeReportsSeconds: Number((Number(e2e['writeReportsMs']) / 1000).toFixed(1)),
        peakRssBeforeWritingMiB: e2e['peakRssBeforeWritingMiB'],
        peakRssMiB: e2e['peakRssMiB'],
        heapLimitMiB: CHILD_HEAP_MIB ?? null,
      },
      benchProcessPeakRssMiB: mib(process.resourceUsage().maxRSS),
      machine: { cpus: cpus().length, node: process.version },
    };
    process.stdout.write(`\n${result.events} signed events, ${result.complaints} complaints, ${result.topicMiB} MiB on ${partitions} partitions\n`);
    process.stdout.write(`(a) pure core (parse + duplicates + signature + libs/sop + SLA): ${result.pureCore.eventsPerSecond} events/s (${result.pureCore.seconds} s); on ${sample.length} events parsing alone ${result.pureCore.sampleBreakdown.parseEventsPerSecond}/s, signatures alone ${result.pureCore.sampleBreakdown.verifySignatureEventsPerSecond}/s\n`);
    process.stdout.write(`(b) end to end from the topic: ${result.endToEnd.eventsPerSecond} events/s (${result.endToEnd.seconds} s, of which ${result.endToEnd.groupJoinSeconds} s joining and ${result.endToEnd.writeReportsSeconds} s writing the JSON, CSV and HTML reports), peak RSS ${result.endToEnd.peakRssMiB} MiB${CHILD_HEAP_MIB === undefined ? '' : ` with V8's old space capped at ${CHILD_HEAP_MIB} MiB`}\n`);
    process.stdout.write(`\nwritten to ${writeResult('replay', result)}\n`);
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await releaseTestInfrastructure(infra, log);
  }
}

const phase = process.argv.indexOf('--phase-end-to-end');
(phase >= 0 ? endToEnd(process.argv[phase + 1]) : main()).catch((err: Error) => {
  process.stderr.write(`[bench:replay] failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
