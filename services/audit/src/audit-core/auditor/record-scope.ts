import type { AuditFilters } from '../report';

/** The subject and office of a record that is not a valid event, as far as its JSON tells. */
export function attribution(value: Buffer | Uint8Array | string): { subject: string | null; office: string | null } {
  try {
    const json = JSON.parse(typeof value === 'string' ? value : Buffer.from(value).toString('utf8')) as Record<string, unknown>;
    return { subject: typeof json['subject'] === 'string' ? json['subject'] : null, office: typeof json['office'] === 'string' ? json['office'] : null };
  } catch {
    return { subject: null, office: null };
  }
}

/** Whether a record is in the office/complaint filter (a record naming neither stays in: it is a violation of the log). */
export function inScope(filters: AuditFilters, subject: string | null, office: string | null): boolean {
  if (filters.complaintId !== undefined && subject !== null && subject !== filters.complaintId) return false;
  if (filters.office !== undefined && office !== null && office !== filters.office) return false;
  return true;
}

export function inPeriod(filters: AuditFilters, receivedAt: string): boolean {
  const t = Date.parse(receivedAt);
  if (filters.from !== undefined && t < Date.parse(filters.from)) return false;
  if (filters.to !== undefined && t >= Date.parse(filters.to)) return false;
  return true;
}
