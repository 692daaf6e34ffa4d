import { parseEventKeyRing } from '@pengaduan/contracts';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Auditor } from '../../services/audit/src/audit-core/auditor';
import { readVerified } from '../../services/audit/src/verify-signatures/read-verified';
import { SpoolSink, writeReports } from '../../services/audit/src/write-report/spool';
import { CHILD_NODE_FLAGS, log, mib, VERIFY_THREADS } from './replay-options';

// A process's own peak RSS: a child's maxRSS would start at this process's peak (see the file).
const { peakRssKiB } = require('../lib/peak-rss.cjs') as { peakRssKiB: () => number };

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
export async function endToEnd(topic: string): Promise<void> {
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

/** Phase (b) in a fresh process: `script` (the bench's entry) run with `--phase-end-to-end`; answers the figures it printed. */
export function runChild(script: string, topic: string, env: NodeJS.ProcessEnv): Promise<Record<string, number | boolean>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CHILD_NODE_FLAGS, '-r', '@swc-node/register', script, '--phase-end-to-end', topic, '--verify-threads', String(VERIFY_THREADS)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}')) : reject(new Error(`end-to-end phase exited ${code}`))));
  });
}
