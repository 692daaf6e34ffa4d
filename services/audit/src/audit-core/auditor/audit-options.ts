import type { EventKeyRing } from '@pengaduan/contracts';
import type { SlaPolicy } from '@pengaduan/sop';
import type { AuditFilters } from '../report';

export interface AuditOptions {
  /**
   * The published keys. With them only events that verify against a key published for their
   * source are folded; the others are refused ({@link RefusedEvent}). Without them nothing is
   * verified, everything is folded, and the report says so.
   */
  readonly keyRing?: EventKeyRing;
  readonly filters?: AuditFilters;
  /** What-if SLA policies by office code; `*` for every office not named. */
  readonly whatIfPolicies?: Readonly<Record<string, SlaPolicy>>;
  /** ISO-8601: answer every complaint's state at this time too. */
  readonly asOf?: string;
  /** ISO-8601: the audit's time, where open clocks are measured to (the core never reads the clock). */
  readonly now: string;
  /**
   * How many closed complaints to remember (their event ids and digests) after their report was
   * emitted, so that a redelivery or a late record of them is still recognised (default 10,000).
   */
  readonly closedWindow?: number;
  /**
   * How many closed complaints the reporter may still rate or appeal (docs/adr/0053) to keep open
   * after their closing, so that a rating, an appeal and the rounds after it are judged with the
   * history before them; beyond it the oldest is reported and forgotten like any closed complaint
   * (default 10,000; 0 reports every complaint at its closing).
   */
  readonly rateableWindow?: number;
}
