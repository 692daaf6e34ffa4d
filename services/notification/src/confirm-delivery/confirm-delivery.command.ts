import type { CommandContext } from '@pengaduan/messaging';
import { FIELD_RULES } from '@pengaduan/sop';

/**
 * Admin Tikkim records that the reporter was told a notice: step 8's information (SOP step 8), or
 * the tracking number after no channel could give it (docs/adr/0051).
 */
export interface ConfirmDeliveryCommand extends CommandContext {
  /** The notice told, a libs/sop `NotificationPurpose` (checked by the handler); absent: step 8's information. */
  purpose?: string;
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
