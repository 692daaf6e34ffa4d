// After a command is accepted, the gateway's view of the complaint follows within moments. The
// complaint page polls it with backoff until it shows the command's effect.

/** What the page compares of the complaint before and after the command. */
export interface ViewStamp {
  readonly status: string;
  readonly updatedAt: string;
}

/**
 * Whether the view shows the command: its status is the one the command answered, and (for a
 * command that keeps the status, such as the first of two sections responding) it changed since.
 */
export function hasCaughtUp(before: ViewStamp, after: ViewStamp, resultStatus: string | undefined): boolean {
  if (resultStatus !== undefined && after.status !== resultStatus) return false;
  return after.status !== before.status || after.updatedAt !== before.updatedAt;
}

/** Delays between polls: 250 ms doubling to at most 2 s. */
export function backoffDelay(attempt: number, initialMs = 250, maxMs = 2_000): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt));
}

/** How long the page keeps polling before it shows what it has and says the view may still change. */
export const CATCH_UP_WITHIN_MS = 20_000;
