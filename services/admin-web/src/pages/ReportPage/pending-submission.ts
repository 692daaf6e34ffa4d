// The report page's memory across a reload (ADR 0041): the submission's id and whether its
// reporter gave a way to track it, in sessionStorage (gone with the tab). Never the text, the name
// or the contact: the page needs only the id to ask what became of the submission.
import type { KeyValueStore } from '../../app/session';

/** What the report page keeps of a submission it has sent (or begun to send). */
export interface PendingSubmission {
  readonly submissionId: string;
  /** The reporter gave a phone number or an e-mail address (the outcome says how to track). */
  readonly canTrack: boolean;
}

export const PENDING_SUBMISSION_KEY = 'pengaduan.report.submission';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tab's sessionStorage, or null where the browser refuses it (then the page simply forgets on reload). */
export function tabStorage(): KeyValueStore | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** The kept submission, unless there is none or what is stored is not one (which is then removed). */
export function readPendingSubmission(store: KeyValueStore | null): PendingSubmission | null {
  const raw = safely(() => store?.getItem(PENDING_SUBMISSION_KEY) ?? null, null);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Record<string, unknown>;
    if (typeof s['submissionId'] === 'string' && UUID.test(s['submissionId']) && typeof s['canTrack'] === 'boolean') {
      return { submissionId: s['submissionId'], canTrack: s['canTrack'] };
    }
  } catch {
    // Not JSON: dropped below.
  }
  forgetPendingSubmission(store);
  return null;
}

/** Keeps the submission for a reload; only its id and `canTrack`, whatever the caller holds. */
export function keepPendingSubmission(store: KeyValueStore | null, submission: PendingSubmission): void {
  const kept: PendingSubmission = { submissionId: submission.submissionId, canTrack: submission.canTrack };
  safely(() => store?.setItem(PENDING_SUBMISSION_KEY, JSON.stringify(kept)), undefined);
}

export function forgetPendingSubmission(store: KeyValueStore | null): void {
  safely(() => store?.removeItem(PENDING_SUBMISSION_KEY), undefined);
}

/** Storage may throw (quota, a browser that refuses it): the page then works as if it had none. */
function safely<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}
