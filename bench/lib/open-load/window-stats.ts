import { percentile } from '../sop-driver';

// What one window of the open load did, and whether its rate was sustained.

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summary(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (p: number) => (sorted.length ? Math.round(percentile(sorted, p)) : 0);
  return { n: sorted.length, p50: r(50), p95: r(95), p99: r(99), max: sorted.length ? Math.round(sorted[sorted.length - 1]) : 0 };
}

/** What the platform did with the arrivals of one window [from, to). */
export interface WindowStats {
  rate: number;
  seconds: number;
  arrivals: number;
  /** Walks whose last command answered within the window. */
  completed: number;
  complaintsPerSecond: number;
  failed: number;
  dropped: number;
  inFlight: { atStart: number; atEnd: number; max: number; mean: number; growthPerSecondSecondHalf: number };
  /** Arrivals and completions in the window's second half, when the in-flight count has settled if the rate is sustainable. */
  secondHalf: { arrivals: number; completed: number };
  /** Per command: its answer time, for commands answered within the window. */
  stepLatencyMs: (Summary & { step: string })[];
  /** Every command answered in the window, and the commands still unanswered at its end (their age so far). */
  allStepsMs: Summary;
  /** Registration sent → last command answered. */
  walkMs: Summary;
  /** Last command answered → the gateway's view shows its version (GET ?minVersion=). */
  visibleAfterLastAnswerMs: Summary;
  /** View requests answered NOT_CAUGHT_UP (retried). */
  notCaughtUpAnswers: number;
  /** Commands answered NOT_CAUGHT_UP (each a refusal, retried with the same key). */
  commandRetries: number;
  /** How late the driver sent arrivals compared with their schedule (a busy driver would bend the load). */
  arrivalLagMs: Summary;
}

/** The least-squares slope of y over x; 0 with fewer than two points. */
export function slope(points: readonly (readonly [number, number])[]): number {
  if (points.length < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
  const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / sxx;
}

/**
 * Whether a window's rate was sustained: completions kept up with arrivals (over the window's
 * second half, when a sustainable rate has settled, the in-flight count's trend did not grow by
 * more than 3 walks or 5 % of that half's arrivals, whichever is more: the slack absorbs Poisson
 * bursts), nothing was refused (not even NOT_CAUGHT_UP) or dropped, and the p99 of every command
 * answered (or still waiting at the end) stayed under `p99BoundMs`.
 */
export function judge(s: WindowStats, p99BoundMs: number): { sustained: boolean; reasons: string[] } {
  const reasons: string[] = [];
  const grewBy = s.inFlight.growthPerSecondSecondHalf * (s.seconds / 2);
  if (s.failed > 0) reasons.push(`${s.failed} walks refused or failed`);
  if (s.commandRetries > 0) reasons.push(`${s.commandRetries} commands answered NOT_CAUGHT_UP`);
  if (s.dropped > 0) reasons.push(`${s.dropped} arrivals dropped (too many in flight)`);
  if (grewBy > Math.max(3, 0.05 * s.secondHalf.arrivals)) reasons.push(`in flight grew by ${grewBy.toFixed(1)} over the second half (${s.secondHalf.completed} completed of ${s.secondHalf.arrivals} arrived)`);
  if (s.allStepsMs.p99 > p99BoundMs) reasons.push(`command p99 ${s.allStepsMs.p99} ms > ${p99BoundMs} ms`);
  return { sustained: reasons.length === 0, reasons };
}
