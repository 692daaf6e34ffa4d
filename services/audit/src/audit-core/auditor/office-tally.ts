import type { ComplaintAudit, OfficeSummary } from '../report';

export interface OfficeTally {
  complaints: number;
  events: number;
  withViolations: number;
  violations: number;
  closed: number;
  late: number;
  lateWhatIf: number;
}

export const emptyTally = (): OfficeTally => ({ complaints: 0, events: 0, withViolations: 0, violations: 0, closed: 0, late: 0, lateWhatIf: 0 });

const isLate = (outcome: string | undefined) => outcome === 'late' || outcome === 'overdue';

export function tally(o: OfficeTally, c: ComplaintAudit): void {
  o.complaints++;
  o.events += c.events;
  if (c.violations > 0) o.withViolations++;
  if (c.status === 'CLOSED') o.closed++;
  o.late += c.clocks.filter((k) => isLate(k.asRecorded.outcome)).length;
  o.lateWhatIf += c.clocks.filter((k) => isLate(k.whatIf?.outcome)).length;
}

export function summarise(offices: ReadonlyMap<string, OfficeTally>, whatIf: boolean): OfficeSummary[] {
  return [...offices.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([officeCode, o]) => ({
      officeCode,
      complaints: o.complaints,
      events: o.events,
      complaintsWithViolations: o.withViolations,
      violations: o.violations,
      closed: o.closed,
      open: o.complaints - o.closed,
      lateClocks: o.late,
      lateClocksWhatIf: whatIf ? o.lateWhatIf : null,
    }));
}
