import { cpus } from 'node:os';
import type { PureCoreFigures } from './pure-core';
import { CHILD_HEAP_MIB, CHILD_NODE_FLAGS, CHILD_SEMI_SPACE_MIB, mib, perSecond, UNCHAINED, VERIFY_THREADS } from './replay-options';
import type { SignedLog } from './signed-log';

/** What the three phases measured. */
export interface ReplayFigures {
  log: SignedLog;
  partitions: number;
  core: PureCoreFigures;
  /** Phase (b)'s figures, as its process printed them. */
  e2e: Record<string, number | boolean>;
  cli: { seconds: number; peakRssMiB: number; cpuSeconds: number };
}

/** The result written to bench/results/replay-<when>.json. */
export function replayResult({ log: { records, complaints, bytes, generateMs, produceMs }, partitions, core, e2e, cli }: ReplayFigures) {
  const { coreMs, pooledMs, sample } = core;
  return {
    when: new Date().toISOString(),
    audit: UNCHAINED
      ? 'verified events only, streaming (ADR 0030); signatures verified on a pool of threads, fetches bounded (ADR 0032); events not chained: every signature verified'
      : 'verified events only, streaming (ADR 0030); pool of threads, fetches bounded (ADR 0032); events hash-chained per source and partition: a digest per event, a signature per chain per window (ADR 0034)',
    chained: !UNCHAINED,
    chainSignatureChecks: core.chainSignatureChecks,
    events: records.length,
    complaints,
    partitions,
    topicMiB: Math.round(bytes / 1024 / 1024),
    setup: { generateAndSignSeconds: Math.round(generateMs / 1000), produceSeconds: Math.round(produceMs / 1000) },
    pureCore: {
      seconds: Number((coreMs / 1000).toFixed(1)),
      eventsPerSecond: perSecond(records.length, coreMs),
      rssGrowthMiB: core.coreRssGrowthMiB,
      withVerificationPool: { threads: VERIFY_THREADS, seconds: Number((pooledMs / 1000).toFixed(1)), eventsPerSecond: perSecond(records.length, pooledMs) },
      sampleBreakdown: { events: sample.events, parseEventsPerSecond: perSecond(sample.events, sample.parseMs), verifySignatureEventsPerSecond: perSecond(sample.events, sample.verifyMs) },
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
}

/** The result as the lines the bench prints. */
export function printReplay(result: ReturnType<typeof replayResult>): void {
  const { partitions } = result;
  const sampleEvents = result.pureCore.sampleBreakdown.events;
  process.stdout.write(`\n${result.events} signed events, ${result.complaints} complaints, ${result.topicMiB} MiB on ${partitions} partitions\n`);
  process.stdout.write(`(a) pure core (parse + duplicates + signature + libs/sop + SLA): ${result.pureCore.eventsPerSecond} events/s (${result.pureCore.seconds} s); on ${sampleEvents} events parsing alone ${result.pureCore.sampleBreakdown.parseEventsPerSecond}/s, signatures alone ${result.pureCore.sampleBreakdown.verifySignatureEventsPerSecond}/s\n`);
  process.stdout.write(`    with ${VERIFY_THREADS} verification thread(s): ${result.pureCore.withVerificationPool.eventsPerSecond} events/s (${result.pureCore.withVerificationPool.seconds} s)\n`);
  process.stdout.write(`(b) end to end from the topic: ${result.endToEnd.eventsPerSecond} events/s (${result.endToEnd.seconds} s, of which ${result.endToEnd.groupJoinSeconds} s joining and ${result.endToEnd.writeReportsSeconds} s writing the JSON, CSV and HTML reports), peak RSS ${result.endToEnd.peakRssMiB} MiB (heap used ${result.endToEnd.peakHeapUsedMiB}, outside the heap ${result.endToEnd.peakExternalMiB}), ${VERIFY_THREADS} verification thread(s)${CHILD_NODE_FLAGS.length === 0 ? '' : ` with ${CHILD_NODE_FLAGS.join(' ')}`}\n`);
  process.stdout.write(`(c) the compiled CLI (node services/audit/dist/main.js${CHILD_NODE_FLAGS.map((f) => ` ${f}`).join('')}): ${result.compiledCli.eventsPerSecond} events/s (${result.compiledCli.seconds} s from its start to its exit), peak RSS ${result.compiledCli.peakRssMiB} MiB\n`);
}
