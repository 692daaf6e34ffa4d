import type { EventEnvelope } from '@pengaduan/contracts';
import type { LoggedEvent } from '../check-history';
import type { RecordedDeadline } from '../clocks';
import type { GenuineEventRef, Notice, RefusedEvent, Violation } from '../report';

export type Refusal = Omit<RefusedEvent, 'contradicts'>;
export type EventRef = Omit<GenuineEventRef, 'relation'>;

/** An open complaint's records as the auditor gathers them until it closes. */
export interface ComplaintLog {
  readonly complaintId: string;
  /** The office of the first record read for it (the received's, in a sound log). */
  office: string;
  events: LoggedEvent[];
  /** The envelope's office of each complaint event, to check against the complaint's. */
  offices: string[];
  recorded: RecordedDeadline[];
  violations: Violation[];
  notices: Notice[];
  refused: Refusal[];
  /** The ids this complaint holds in {@link Auditor.seen}. */
  ids: string[];
}

/** What is left of a complaint whose report was emitted: enough to recognise its late records. */
export interface ClosedComplaint {
  readonly officeCode: string;
  readonly events: readonly EventRef[];
  /** Its ids in {@link Auditor.seen} (a late record's too), forgotten with it. */
  readonly ids: string[];
}

export function emptyLog(envelope: Pick<EventEnvelope, 'subject' | 'office'>): ComplaintLog {
  return { complaintId: envelope.subject, office: envelope.office, events: [], offices: [], recorded: [], violations: [], notices: [], refused: [], ids: [] };
}

export const refOf = (e: LoggedEvent): EventRef => ({ eventId: e.eventId, eventType: e.sop.type, at: e.sop.at, partition: e.partition, offset: e.offset });

/** The genuine event of its complaint a refused event competes with: the same id, else the same type. */
export function contradicted(r: Refusal, genuine: readonly EventRef[]): RefusedEvent['contradicts'] {
  const sameId = genuine.find((g) => g.eventId === r.eventId);
  const sameType = sameId ? undefined : genuine.find((g) => g.eventType === r.eventType);
  const match = sameId ?? sameType;
  return match ? { relation: sameId ? 'same-id' : 'same-type', ...match } : null;
}

/**
 * Remembers a reported complaint (its ids, for a late or redelivered record) among the last
 * `window` closed ones; the oldest beyond it is forgotten, its ids in `seen` too.
 */
export function rememberClosed(closed: Map<string, ClosedComplaint>, seen: Map<string, { readonly complaintId: string }>, complaintId: string, entry: ClosedComplaint, window: number): void {
  closed.set(complaintId, entry);
  if (closed.size <= window) return;
  const [oldestId, oldest] = closed.entries().next().value as [string, ClosedComplaint];
  closed.delete(oldestId);
  for (const id of oldest.ids) if (seen.get(id)?.complaintId === oldestId) seen.delete(id);
}

/** An `sla.deadline-started` (any other event is passed over): the deadline as the SLA monitor recorded it, for the clocks. */
export function recordDeadline(log: ComplaintLog, envelope: EventEnvelope): void {
  if (envelope.type !== 'sla.deadline-started') return;
  const data = envelope.data as { stepId?: string; sectionCode?: string; startedAt?: string; dueAt?: string };
  if (data.stepId && data.startedAt && data.dueAt) {
    log.recorded.push({ key: data.sectionCode ? `${data.stepId}:${data.sectionCode}` : data.stepId, startedAt: new Date(data.startedAt).toISOString(), dueAt: new Date(data.dueAt).toISOString() });
  }
}
