// Reading the gateway's RFC 9457 problem details (and whatever else an error answer holds: a
// proxy's HTML, intake's short problems) into something a form can show next to its fields.

/** One bad field as the gateway names it: nested names joined with dots (`contact.email`, `members.0.nip`). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** An error answer, as much as could be read of it. */
export interface Problem {
  readonly status: number;
  /** The stable code to match on (`COMPLAINT.ILLEGAL_TRANSITION`); `NETWORK` when no answer came. */
  readonly code: string;
  readonly title?: string;
  readonly detail?: string;
  /** The complaint's status, for a conflict. */
  readonly state?: string;
  readonly availableActions?: readonly string[];
  readonly errors: readonly FieldError[];
  /** Seconds to wait before retrying (Retry-After), when the answer said. */
  readonly retryAfterSeconds?: number;
}

/** Codes the web app reacts to. */
export const PROBLEM_CODES = {
  network: 'NETWORK',
  notCaughtUp: 'COMPLAINT.NOT_CAUGHT_UP',
  versionConflict: 'COMPLAINT.VERSION_CONFLICT',
  illegalTransition: 'COMPLAINT.ILLEGAL_TRANSITION',
  trackingNotFound: 'TRACKING.NOT_FOUND',
  trackingRateLimited: 'TRACKING.RATE_LIMITED',
} as const;

const MAX_DETAIL = 500;

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * The problem of an error answer. A JSON body is read for its fields (anything missing or of
 * the wrong type is left out); any other body becomes the detail, shortened.
 */
export function parseProblem(status: number, body: string, retryAfter?: string | null, now = Date.now()): Problem {
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? undefined : JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const retry = retryAfterSeconds(retryAfter ?? null, now);
  const base = { status, ...(retry === null ? {} : { retryAfterSeconds: retry }) };
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
    return { ...base, code: `HTTP.${status}`, errors: [], ...(text ? { detail: text.slice(0, MAX_DETAIL) } : {}) };
  }
  const p = parsed as Record<string, unknown>;
  const errors = Array.isArray(p['errors'])
    ? p['errors'].flatMap((e): FieldError[] => {
        const item = e as Record<string, unknown> | null;
        const field = asString(item?.['field']);
        return field ? [{ field: normalizeFieldPath(field), message: asString(item?.['message']) ?? '' }] : [];
      })
    : [];
  const actions = Array.isArray(p['availableActions']) ? p['availableActions'].filter((a): a is string => typeof a === 'string') : undefined;
  const title = asString(p['title']);
  const detail = asString(p['detail']);
  const state = asString(p['state']);
  return {
    ...base,
    code: asString(p['code']) ?? `HTTP.${status}`,
    errors,
    ...(title ? { title } : {}),
    ...(detail ? { detail: detail.slice(0, MAX_DETAIL) } : {}),
    ...(state ? { state } : {}),
    ...(actions ? { availableActions: actions } : {}),
  };
}

/** The problem of a request that got no answer at all (offline, DNS, connection reset). */
export function networkProblem(): Problem {
  return { status: 0, code: PROBLEM_CODES.network, errors: [] };
}

/** `lines[0].instructions` and `lines.0.instructions` alike, as dots. */
export function normalizeFieldPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

/** Retry-After as seconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : null;
}

/** Whole minutes to tell someone to wait: at least 1. */
export function minutesToWait(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** The field errors sorted to the form's fields, and those no field of the form can show. */
export interface AssignedFieldErrors {
  readonly byField: Readonly<Record<string, string>>;
  readonly unassigned: readonly FieldError[];
}

/**
 * Puts each error next to the form field it is about: the field itself, else its nearest
 * enclosing one (`members.0` or `members` for `members.0.userId`); the rest stay unassigned.
 * Two errors of one field are joined.
 */
export function assignFieldErrors(errors: readonly FieldError[], knownFields: readonly string[], rename: (field: string) => string = (f) => f): AssignedFieldErrors {
  const known = new Set(knownFields);
  const byField: Record<string, string> = {};
  const unassigned: FieldError[] = [];
  for (const error of errors) {
    let path: string | undefined = rename(normalizeFieldPath(error.field));
    while (path !== undefined && !known.has(path)) {
      const cut = path.lastIndexOf('.');
      path = cut > 0 ? path.slice(0, cut) : undefined;
    }
    if (path === undefined) unassigned.push(error);
    else byField[path] = byField[path] ? `${byField[path]}; ${error.message}` : error.message;
  }
  return { byField, unassigned };
}
