import type { CommandContext } from '@pengaduan/messaging';
import { FIELD_RULES, type DismissalReason } from '@pengaduan/sop';

/** SOP step 2, the other ending: Admin Tikkim dismisses a message that is not a complaint to handle. */
export interface DismissComplaintCommand extends CommandContext {
  /** Absent when the request named none (or an unknown one). */
  reason?: DismissalReason;
  /** For `DUPLICATE`: the complaint of the same office this one repeats. */
  duplicateOf?: string;
  /** For `NOT_OUR_AUTHORITY`: the office or agency the matter belongs to. */
  belongsTo?: string;
  /** The officer's note; it goes into the event, so it must not give the reporter away. */
  note?: string;
}

export const MAX_NOTE = FIELD_RULES.note.maxLength;
export const MAX_BELONGS_TO = FIELD_RULES.belongsTo.maxLength;
