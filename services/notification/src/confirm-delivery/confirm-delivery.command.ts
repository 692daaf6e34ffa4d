import type { VersionCondition } from '@pengaduan/messaging';
import type { Actor } from '@pengaduan/sop';

/** SOP step 8: Admin Tikkim records that the reporter was told the follow-up information. */
export interface ConfirmDeliveryCommand {
  /** Idempotency key: a retry with the same key answers the first result. */
  requestId: string;
  /** The versions the caller named (docs/adr/0033). */
  versions?: VersionCondition;
  complaintId: string;
  actor: Actor;
  /** The officer's office: another office's complaint is not found. */
  actorOffice?: string;
  /** How the reporter was told: a libs/sop `DeliveryMethod` (checked by the handler). */
  method: string;
  /** When. */
  deliveredAt?: Date;
  note?: string;
  /** The channel it reached the reporter over, a libs/sop `OutboundChannel`; derived from the method when absent. */
  channel?: string;
  correlationId: string;
}

/** The longest note accepted. */
export const MAX_DELIVERY_NOTE_LENGTH = 2000;
