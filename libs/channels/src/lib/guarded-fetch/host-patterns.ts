/** `api.twilio.com`, or `*.fbcdn.net` for any host under fbcdn.net (not fbcdn.net itself). */
const PATTERN = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Why a host pattern cannot be used, or `undefined` when it can. */
export function hostPatternProblem(pattern: string): string | undefined {
  if (!PATTERN.test(pattern)) return 'is not a host name or *.domain';
  if (pattern.startsWith('*.') && !pattern.slice(2).includes('.')) return 'would allow a whole top-level domain';
  return undefined;
}

/** A URL's host name as compared with patterns: lower case, without a trailing dot or IPv6 brackets. */
export function normalisedHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

/** True when `hostname` is one the patterns allow. */
export function hostAllowed(hostname: string, patterns: readonly string[]): boolean {
  const host = normalisedHost(hostname);
  return patterns.some((p) => (p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p));
}
