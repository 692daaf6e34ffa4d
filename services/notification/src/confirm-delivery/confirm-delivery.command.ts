import type { CommandContext } from '@pengaduan/messaging';
import { FIELD_RULES } from '@pengaduan/sop';

/** SOP step 8: Admin Tikkim records that the reporter was told the follow-up information. */
export interface ConfirmDeliveryCommand extends CommandContext {
  /** How the reporter was told: a libs/sop `DeliveryMethod` (checked by the handler). */
  method: string;
  /** When. */
  deliveredAt?: Date;
  note?: string;
  /** The channel it reached the reporter over, a libs/sop `OutboundChannel`; derived from the method when absent. */
  channel?: string;
}

/** The longest note accepted. */
export const MAX_DELIVERY_NOTE_LENGTH = FIELD_RULES.note.maxLength;
