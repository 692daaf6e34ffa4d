// npm run bench:replay -- [--events 1000000] [--offices 8] [--batch 10000] [--verify-threads N] [--unchained] [--child-heap-mib 256] [--child-semi-space-mib 16]
//
// The auditors' replay (services/audit) on a large log: `--events` signed events (complete
// complaint histories decided by libs/sop, each event signed by its service's Ed25519 key and
// hash-chained per source and partition as the relays do, ADR 0034, unless --unchained) are
// generated in memory and produced to a bench topic of their own in big batches; then
//   (a) the pure core (`Auditor`, each complaint counted and dropped as it closes: parse, duplicate check, signature, libs/sop history, SLA
//       clocks) over the records in memory, on one thread, and again with the signatures verified
//       on the pool of `--verify-threads` threads (default: the CLI's, one per core), and
//   (b) end to end as the CLI does it, in a fresh process: read the topic from the beginning with
//       the audit's reader (own group, nothing committed), signatures verified on the pool (0
//       threads: on the main thread), parse, check, each complaint's report spooled when it
//       closes, then the terminal, JSON, CSV and HTML reports written (TypeScript through
//       @swc-node/register, as before), and
//   (c) the CLI as the auditors run it: services/audit compiled with tsc, `node
//       services/audit/dist/main.js` with the published keys, the same reports written;
// (b) and (c) with `--child-heap-mib` / `--child-semi-space-mib` as V8 flags when given;
// each as events per second, with peak RSS (VmHWM, see lib/peak-rss.cjs). Prints and writes bench/results/replay-<when>.json.
// Not part of the tests.
import {
  chainAndSign,
  chainOf,
  COMPLAINT_EVENTS_TOPIC,
  EMPTY_CHAIN,
  EVENT_CATALOGUE,
  generateEventSigningKey,
  parseEventKeyRing,
  parseEventSigningKey,
  serializeEnvelope,
  signEnvelope,
  TOPIC_DEFINITIONS,
  type ChainTip,
  type EventSigningKey,
} from '@pengaduan/contracts';
import { historyUntil, provideTestInfrastructure, releaseTestInfrastructure, testKafka, uniqueSuffix } from '@pengaduan/testing';
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Auditor } from '../services/audit/src/audit-core/auditor';
import type { AuditRecord, ReportSink } from '../services/audit/src/audit-core/report';
import { readVerified } from '../services/audit/src/verify-signatures/read-verified';
import { ChainVerifier } from '../services/audit/src/verify-signatures/chain-verifier';
import { inspectRecord } from '../services/audit/src/verify-signatures/inspect';
import { defaultVerifyThreads, SignaturePool } from '../services/audit/src/verify-signatures/signature-pool';
import { SpoolSink, writeReports } from '../services/audit/src/write-report/spool';
import { runAuditCli } from './lib/audit-cli';
import { arg, writeResult } from './lib/bench-io';

// A process's own peak RSS: a child's maxRSS would start at this process's peak (see the file).
const { peakRssKiB } = require('./lib/peak-rss.cjs') as { peakRssKiB: () => number };

const log = (m: string) => process.stderr.write(`[bench:replay ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const mib = (kib: number) => Math.round((kib / 1024) * 10) / 10;
const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));

/** `--unchained`: events signed as before ADR 0034, each verified by its own signature. */
const UNCHAINED = process.argv.includes('--unchained');
/** `--verify-threads N` (0: verify on the main thread), else the CLI's default. */
const VERIFY_THREADS = process.argv.includes('--verify-threads') ? Number(process.argv[process.argv.indexOf('--verify-threads') + 1]) : defaultVerifyThreads();
if (!Number.isInteger(VERIFY_THREADS) || VERIFY_THREADS < 0) throw new Error('--verify-threads must be 0 or more');

/** The peaks of the heap and of the memory outside it (Buffers), sampled every 100 ms. */
function sampleMemory(): { stop: () => { heapUsedMiB: number; externalMiB: number } } {
  const peak = { heapUsed: 0, external: 0 };
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.external = Math.max(peak.external, m.external);
  }, 100);
  return { stop: () => (clearInterval(timer), { heapUsedMiB: mib(peak.heapUsed / 1024), externalMiB: mib(peak.external / 1024) }) };
}

/** Phase (b), in a process of its own so that its RSS is the audit's alone: read + audit the topic, print the figures as JSON. */
async function endToEnd(topic: string): Promise<void> {
  const keyRing = parseEventKeyRing(process.env['EVENT_PUBLIC_KEYS'] ?? '');
  const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',');
  const memory = sampleMemory();
  const t0 = performance.now();
  const spool = new SpoolSink();
  const dir = mkdtempSync(join(tmpdir(), 'bench-replay-'));
  const auditor = new Auditor({ keyRing, now: new Date().toISOString() }, spool);
  let firstRecordAt = 0;
  const read = await readVerified({
    brokers,
    topic,
    keyRing,
    threads: VERIFY_THREADS,
    judge: (r, verdict) => {
      if (firstRecordAt === 0) firstRecordAt = performance.now();
      auditor.add(r, verdict);
    },
    log,
  });
  const readMs = performance.now() - t0;
  const report = auditor.finish();
  const finishedMs = performance.now() - t0;
  const peakBeforeWriting = peakRssKiB();
  writeReports(report, spool.lists(), { json: join(dir, 'a.json'), csv: join(dir, 'a.csv'), html: join(dir, 'a.html') });
  const totalMs = performance.now() - t0;
  const peaks = memory.stop();
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
    peakRssMiB: mib(peakRssKiB()),
    // CPU of every thread of the process: what the run costs, less sensitive than its duration to a shared machine.
    cpuSeconds: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1e5) / 10,
    peakHeapUsedMiB: peaks.heapUsedMiB,
    peakExternalMiB: peaks.externalMiB,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** `--child-heap-mib N`: run the end-to-end phases with V8's old space capped at N MiB (they fail if the live set needs more). */
const CHILD_HEAP_MIB = process.argv.includes('--child-heap-mib') ? arg('child-heap-mib', 1) : undefined;
/** `--child-semi-space-mib N`: and with V8's semi-spaces (the young generation is about 3 of them) at most N MiB. */
const CHILD_SEMI_SPACE_MIB = process.argv.includes('--child-semi-space-mib') ? arg('child-semi-space-mib', 1) : undefined;
const CHILD_NODE_FLAGS = [
  ...(CHILD_HEAP_MIB === undefined ? [] : [`--max-old-space-size=${CHILD_HEAP_MIB}`]),
  ...(CHILD_SEMI_SPACE_MIB === undefined ? [] : [`--max-semi-space-size=${CHILD_SEMI_SPACE_MIB}`]),
];

function runChild(topic: string, env: NodeJS.ProcessEnv): Promise<Record<string, number | boolean>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CHILD_NODE_FLAGS, '-r', '@swc-node/register', __filename, '--phase-end-to-end', topic, '--verify-threads', String(VERIFY_THREADS)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
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
    let pendingMessages: { key: string; value: Buffer; partition: number }[] = [];
    const tips = new Map<string, ChainTip>();
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
      // Sent to a partition of our choosing (a complaint's events together and in order), each
      // event chained to its source's previous one there, as the relays do (ADR 0034), unless --unchained.
      const partition = complaints % partitions;
      for (const envelope of history.envelopes) {
        const key = signing.get(envelope.source) as EventSigningKey;
        let value: Buffer;
        if (UNCHAINED) value = serializeEnvelope(signEnvelope(envelope, key));
        else {
          const tipKey = `${envelope.source} ${partition}`;
          const linked = chainAndSign(envelope, chainOf(topic, partition), tips.get(tipKey) ?? EMPTY_CHAIN, key);
          tips.set(tipKey, linked.tip);
          value = serializeEnvelope(linked.signed);
        }
        bytes += value.length;
        records.push({ partition, offset: String(nextOffset[partition]++), value });
        pendingMessages.push({ key: envelope.subject, value, partition });
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
    // As auditEvents does: chained events vouched for by their chains, the others by their own signatures.
    const coreChains = new ChainVerifier({ keyRing, deliver: (r, verdict) => auditor.add(r, verdict) });
    for (const record of records) coreChains.push(record, inspectRecord(record, keyRing));
    coreChains.finish();
    const report = auditor.finish();
    const coreMs = performance.now() - a0;
    const coreRssGrowthMiB = Math.round(((process.memoryUsage().rss - rssBefore) / 1024 / 1024) * 10) / 10;
    if (!report.clean) throw new Error(`the bench log should be clean; found ${report.totals.violations} violations and ${report.totals.refused} refused events, e.g. ${firstProblem}`);
    log(`(a) pure core: ${records.length} events in ${(coreMs / 1000).toFixed(1)} s = ${perSecond(records.length, coreMs)} events/s`);

    // (a) again, the signatures verified on the pool while this thread judges, as the CLI does.
    const pooled = new Auditor({ keyRing, now: new Date().toISOString() }, counting);
    const p0 = performance.now();
    if (VERIFY_THREADS > 0) {
      const chains = new ChainVerifier({ keyRing, deliver: (r, verdict) => pooled.add(r, verdict) });
      const pool = new SignaturePool({ keyRing, threads: VERIFY_THREADS, deliver: (r, inspected) => chains.push(r, inspected) });
      try {
        for (let i = 0; i < records.length; i++) {
          pool.push(records[i]);
          if (i % 1024 === 1023) await pool.ready();
        }
        await pool.drain();
        chains.finish();
      } finally {
        await pool.close();
      }
    } else {
      const chains = new ChainVerifier({ keyRing, deliver: (r, verdict) => pooled.add(r, verdict) });
      for (const record of records) chains.push(record, inspectRecord(record, keyRing));
      chains.finish();
    }
    const pooledReport = pooled.finish();
    const pooledMs = performance.now() - p0;
    if (!pooledReport.clean || pooledReport.signatures.verified !== records.length) throw new Error(`the pooled core verified ${pooledReport.signatures.verified} of ${records.length}`);
    log(`(a) pure core, ${VERIFY_THREADS} verification thread(s): ${perSecond(records.length, pooledMs)} events/s`);

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

    log('(c) the CLI as the auditors run it: services/audit compiled, node services/audit/dist/main.js');
    const cli = await runAuditCli({ brokers: infra.kafkaBrokers.join(','), topic, publishedKeys: published, nodeFlags: CHILD_NODE_FLAGS, args: ['--verify-threads', String(VERIFY_THREADS)] });
    if (cli.exitCode !== 0 || cli.records !== records.length) throw new Error(`the CLI exited ${cli.exitCode} after reading ${cli.records} records`);
    log(`(c) the CLI: ${records.length} events in ${cli.seconds.toFixed(1)} s = ${perSecond(records.length, cli.seconds * 1000)} events/s, peak RSS ${cli.peakRssMiB} MiB`);

    const result = {
      when: new Date().toISOString(),
      audit: UNCHAINED
        ? 'verified events only, streaming (ADR 0030); signatures verified on a pool of threads, fetches bounded (ADR 0032); events not chained: every signature verified'
        : 'verified events only, streaming (ADR 0030); pool of threads, fetches bounded (ADR 0032); events hash-chained per source and partition: a digest per event, a signature per chain per window (ADR 0034)',
      chained: !UNCHAINED,
      chainSignatureChecks: coreChains.signaturesChecked,
      events: records.length,
      complaints,
      partitions,
      topicMiB: Math.round(bytes / 1024 / 1024),
      setup: { generateAndSignSeconds: Math.round(generateMs / 1000), produceSeconds: Math.round(produceMs / 1000) },
      pureCore: {
        seconds: Number((coreMs / 1000).toFixed(1)),
        eventsPerSecond: perSecond(records.length, coreMs),
        rssGrowthMiB: coreRssGrowthMiB,
        withVerificationPool: { threads: VERIFY_THREADS, seconds: Number((pooledMs / 1000).toFixed(1)), eventsPerSecond: perSecond(records.length, pooledMs) },
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
        cpuSeconds: e2e['cpuSeconds'],
        cpuMicrosecondsPerEvent: Math.round((Number(e2e['cpuSeconds']) * 1e6) / records.length),
        peakHeapUsedMiB: e2e['peakHeapUsedMiB'],
        peakExternalMiB: e2e['peakExternalMiB'],
        verifyThreads: VERIFY_THREADS,
        heapLimitMiB: CHILD_HEAP_MIB ?? null,
        semiSpaceLimitMiB: CHILD_SEMI_SPACE_MIB ?? null,
      },
      compiledCli: {
        seconds: Number(cli.seconds.toFixed(1)),
        eventsPerSecond: perSecond(records.length, cli.seconds * 1000),
        peakRssMiB: cli.peakRssMiB,
        cpuSeconds: cli.cpuSeconds,
        cpuMicrosecondsPerEvent: Math.round((cli.cpuSeconds * 1e6) / records.length),
        verifyThreads: VERIFY_THREADS,
        nodeFlags: CHILD_NODE_FLAGS,
      },
      benchProcessPeakRssMiB: mib(process.resourceUsage().maxRSS),
      machine: { cpus: cpus().length, node: process.version },
    };
    process.stdout.write(`\n${result.events} signed events, ${result.complaints} complaints, ${result.topicMiB} MiB on ${partitions} partitions\n`);
    process.stdout.write(`(a) pure core (parse + duplicates + signature + libs/sop + SLA): ${result.pureCore.eventsPerSecond} events/s (${result.pureCore.seconds} s); on ${sample.length} events parsing alone ${result.pureCore.sampleBreakdown.parseEventsPerSecond}/s, signatures alone ${result.pureCore.sampleBreakdown.verifySignatureEventsPerSecond}/s\n`);
    process.stdout.write(`    with ${VERIFY_THREADS} verification thread(s): ${result.pureCore.withVerificationPool.eventsPerSecond} events/s (${result.pureCore.withVerificationPool.seconds} s)\n`);
    process.stdout.write(`(b) end to end from the topic: ${result.endToEnd.eventsPerSecond} events/s (${result.endToEnd.seconds} s, of which ${result.endToEnd.groupJoinSeconds} s joining and ${result.endToEnd.writeReportsSeconds} s writing the JSON, CSV and HTML reports), peak RSS ${result.endToEnd.peakRssMiB} MiB (heap used ${result.endToEnd.peakHeapUsedMiB}, outside the heap ${result.endToEnd.peakExternalMiB}), ${VERIFY_THREADS} verification thread(s)${CHILD_NODE_FLAGS.length === 0 ? '' : ` with ${CHILD_NODE_FLAGS.join(' ')}`}\n`);
    process.stdout.write(`(c) the compiled CLI (node services/audit/dist/main.js${CHILD_NODE_FLAGS.map((f) => ` ${f}`).join('')}): ${result.compiledCli.eventsPerSecond} events/s (${result.compiledCli.seconds} s from its start to its exit), peak RSS ${result.compiledCli.peakRssMiB} MiB\n`);
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
