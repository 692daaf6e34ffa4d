// Run-time checks of command data (which usually arrives as JSON). Internal to the lib.

/** A field that failed validation. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** Returns the first problem found, or `null` when every check passed. */
export function firstProblem(...checks: readonly (() => FieldProblem | null)[]): FieldProblem | null {
  for (const check of checks) {
    const problem = check();
    if (problem) return problem;
  }
  return null;
}

export function requireText(value: unknown, field: string): FieldProblem | null {
  if (typeof value !== 'string' || value.trim() === '') return { field, message: `${field} must be a non-empty string` };
  return null;
}

export function optionalText(value: unknown, field: string): FieldProblem | null {
  return value === undefined ? null : requireText(value, field);
}

export function requireBoolean(value: unknown, field: string): FieldProblem | null {
  if (typeof value !== 'boolean') return { field, message: `${field} must be true or false` };
  return null;
}

export function requireOneOf(value: unknown, allowed: readonly string[], field: string): FieldProblem | null {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    return { field, message: `${field} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value) ?? 'nothing'}` };
  }
  return null;
}

export function requireNonEmptyArray(value: unknown, field: string): FieldProblem | null {
  if (!Array.isArray(value) || value.length === 0) return { field, message: `${field} must list at least one item` };
  return null;
}

export function requireObject(value: unknown, field: string): FieldProblem | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { field, message: `${field} must be an object` };
  }
  return null;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 timestamp with a time zone (`Z` or an offset) that `Date` can parse. */
export function requireTimestamp(value: unknown, field: string): FieldProblem | null {
  if (typeof value !== 'string' || !ISO_TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
    return { field, message: `${field} must be an ISO-8601 timestamp with a time zone, e.g. 2025-01-31T08:00:00Z` };
  }
  return null;
}

/** The first value that occurs twice, if any. */
export function firstDuplicate<T>(values: readonly T[]): T | undefined {
  return values.find((v, i) => values.indexOf(v) !== i);
}
