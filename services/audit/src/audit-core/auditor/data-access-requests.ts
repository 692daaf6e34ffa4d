import type { EventEnvelope } from '@pengaduan/contracts';
import type { Violation } from '../report';

/** The data-subject events recorded at any time of a complaint, closed and reported included (docs/adr/0057, 0061). */
export const ANY_TIME_EVENT_TYPES: readonly string[] = [
  'complaint.personal-data-erased',
  'complaint.data-access-requested',
  'complaint.data-access-answered',
  'complaint.contact-corrected',
  'complaint.contact-restricted',
  'complaint.contact-restriction-lifted',
];

/** Where a record was read: what a finding about it names. */
export type RecordAt = Pick<Violation, 'complaintId' | 'officeCode' | 'eventId' | 'eventType' | 'at' | 'partition' | 'offset'>;

interface OpenRequest {
  readonly at: RecordAt;
  readonly dueAt: number;
}

/**
 * UU 27/2022 Pasal 32 in the replay (docs/adr/0061): each access request is answered by its due
 * time (3 × 24 hours, as the request's event says). An answer after it is a finding, and so is a
 * request still open past it at the audit's reference time. Requests are followed across the whole
 * log by their id, whatever became of their complaint's report (they come after closing too).
 */
export class DataAccessRequests {
  private readonly open = new Map<string, OpenRequest>();

  /** Folds a verified event; answers the finding it makes, if any. */
  add(envelope: EventEnvelope, at: RecordAt): Violation[] {
    const data = envelope.data as { requestId?: string; dueAt?: string; answeredAt?: string; late?: boolean };
    if (!data.requestId) return [];
    if (envelope.type === 'complaint.data-access-requested') {
      this.open.set(data.requestId, { at, dueAt: Date.parse(data.dueAt ?? '') });
      return [];
    }
    if (envelope.type !== 'complaint.data-access-answered') return [];
    const request = this.open.get(data.requestId);
    this.open.delete(data.requestId);
    const answeredAt = Date.parse(data.answeredAt ?? envelope.time);
    // The request itself may lie outside what was read: then the answer's own word.
    const late = request ? answeredAt > request.dueAt : data.late === true;
    if (!late) return [];
    const due = request ? ` (due ${new Date(request.dueAt).toISOString()})` : '';
    return [{ ...at, kind: 'DATA_ACCESS_LATE', code: 'DATA_ACCESS.ANSWERED_LATE', reason: `access request ${data.requestId} was answered at ${new Date(answeredAt).toISOString()}, after its 3 × 24 hours${due} (UU 27/2022 Pasal 32)` }];
  }

  /** The requests still open past their due time at `referenceTime` (epoch ms), and forgets every open one. */
  overdue(referenceTime: number): Violation[] {
    const found = [...this.open.entries()]
      .filter(([, r]) => r.dueAt < referenceTime)
      .map(([id, r]): Violation => ({ ...r.at, kind: 'DATA_ACCESS_LATE', code: 'DATA_ACCESS.OVERDUE', reason: `access request ${id} is unanswered past its due time ${new Date(r.dueAt).toISOString()} (UU 27/2022 Pasal 32)` }));
    this.open.clear();
    return found;
  }
}
