import type { EventKeyRing } from '@pengaduan/contracts';
import { performance } from 'node:perf_hooks';
import { Auditor } from '../../services/audit/src/audit-core/auditor';
import type { AuditRecord, ReportSink } from '../../services/audit/src/audit-core/report';
import { ChainVerifier } from '../../services/audit/src/verify-signatures/chain-verifier';
import { inspectRecord } from '../../services/audit/src/verify-signatures/inspect';
import { SignaturePool } from '../../services/audit/src/verify-signatures/signature-pool';
import { log, perSecond, VERIFY_THREADS } from './replay-options';

/** Phase (a)'s figures: the core on one thread, with the verification pool, and where its time goes on a sample. */
export interface PureCoreFigures {
  coreMs: number;
  coreRssGrowthMiB: number;
  chainSignatureChecks: number;
  pooledMs: number;
  sample: { events: number; parseMs: number; verifyMs: number };
}

/** (a) The pure core over the records in memory: on this thread, then with the verification pool, then a sample broken down. */
export async function pureCore(records: AuditRecord[], keyRing: EventKeyRing): Promise<PureCoreFigures> {
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

  const pooledMs = await pooledCore(records, keyRing, counting);
  log(`(a) pure core, ${VERIFY_THREADS} verification thread(s): ${perSecond(records.length, pooledMs)} events/s`);
  return { coreMs, coreRssGrowthMiB, chainSignatureChecks: coreChains.signaturesChecked, pooledMs, sample: await sampleBreakdown(records, keyRing) };
}

/** (a) again, the signatures verified on the pool while this thread judges, as the CLI does; answers its milliseconds. */
async function pooledCore(records: AuditRecord[], keyRing: EventKeyRing, counting: ReportSink): Promise<number> {
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
  return pooledMs;
}

/** Where the core's time goes, on a sample: parsing alone, signature checks alone. */
async function sampleBreakdown(records: AuditRecord[], keyRing: EventKeyRing): Promise<PureCoreFigures['sample']> {
  const sample = records.slice(0, Math.min(records.length, 100_000));
  const { parseEnvelope } = await import('@pengaduan/contracts');
  const s0 = performance.now();
  const parsed = sample.map((r) => parseEnvelope(r.value as Buffer));
  const parseMs = performance.now() - s0;
  const v0 = performance.now();
  for (const p of parsed) if (p.ok) keyRing.verify(p.envelope);
  const verifyMs = performance.now() - v0;
  return { events: sample.length, parseMs, verifyMs };
}
