import type { VersionCondition } from '@pengaduan/messaging';
import type { Actor, DismissalReason } from '@pengaduan/sop';

/** SOP step 2, the other ending: Admin Tikkim dismisses a message that is not a complaint to handle. */
export interface DismissComplaintCommand {
  /** Idempotency key: a retry with the same key answers the first result. */
  requestId: string;
  /** The versions the caller named (docs/adr/0033). */
  versions?: VersionCondition;
  complaintId: string;
  actor: Actor;
  /** The officer's office: another office's complaint is not found. */
  actorOffice?: string;
  correlationId: string;
  /** Absent when the request named none (or an unknown one). */
  reason?: DismissalReason;
  /** For `DUPLICATE`: the complaint of the same office this one repeats. */
  duplicateOf?: string;
  /** For `NOT_OUR_AUTHORITY`: the office or agency the matter belongs to. */
  belongsTo?: string;
  /** The officer's note; it goes into the event, so it must not give the reporter away. */
  note?: string;
}

export const MAX_NOTE = 2_000;
export const MAX_BELONGS_TO = 200;
