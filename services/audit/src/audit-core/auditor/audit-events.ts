import { ChainVerifier } from '../../verify-signatures/chain-verifier';
import { inspectRecord } from '../../verify-signatures/inspect';
import type { AsOfComplaint, AuditRecord, AuditReport, ComplaintAudit, Notice, RefusedEvent, ReportSink, Violation } from '../report';
import type { AuditOptions } from './audit-options';
import { Auditor } from './auditor';

/**
 * A sink that keeps the whole report in memory, and the report it makes of an auditor's summary:
 * for {@link auditEvents} and the tests that feed an {@link Auditor} themselves.
 */
export function reportInMemory(): { sink: ReportSink; report: (finished: ReturnType<Auditor['finish']>) => AuditReport } {
  const lists = { complaints: [] as ComplaintAudit[], violations: [] as Violation[], refused: [] as RefusedEvent[], notices: [] as Notice[], asOfComplaints: [] as AsOfComplaint[] };
  return {
    sink: {
      complaint: (c) => lists.complaints.push(c),
      violation: (v) => lists.violations.push(v),
      refused: (r) => lists.refused.push(r),
      notice: (n) => lists.notices.push(n),
      asOf: (c) => lists.asOfComplaints.push(c),
    },
    report: ({ totals: _totals, asOf, ...summary }) => ({
      ...summary,
      complaints: lists.complaints,
      violations: lists.violations,
      refused: lists.refused,
      notices: lists.notices,
      asOf: asOf && { ...asOf, complaints: lists.asOfComplaints },
    }),
  };
}

/** The audit of these records, the whole report in memory: {@link Auditor} over an array or any iterable, the chains judged as the CLI does. */
export function auditEvents(records: Iterable<AuditRecord>, options: AuditOptions): AuditReport {
  const memory = reportInMemory();
  const auditor = new Auditor(options, memory.sink);
  const { keyRing } = options;
  if (keyRing) {
    // Hash-chained events are vouched for by their chains, the others by their own signatures (ADR 0034).
    const chains = new ChainVerifier({ keyRing, deliver: (record, verdict) => auditor.add(record, verdict) });
    for (const record of records) chains.push(record, inspectRecord(record, keyRing));
    chains.finish();
  } else for (const record of records) auditor.add(record);
  return memory.report(auditor.finish());
}
