import type { CommandContext } from '@pengaduan/messaging';
import { FIELD_RULES } from '@pengaduan/sop';

/** SOP step 7: Admin Tikkim writes the Informasi Tindak Lanjut for the reporter. */
export interface WriteFollowUpInformationCommand extends CommandContext {
  /** What the reporter is told, in Bahasa Indonesia. Kept by notification, never put in an event. */
  text: string;
}

/** The longest follow-up information accepted: a long WhatsApp message (4096) with its heading (FIELD_RULES.followUpInformation). */
export const MAX_FOLLOW_UP_INFORMATION_LENGTH = FIELD_RULES.followUpInformation.maxLength;
