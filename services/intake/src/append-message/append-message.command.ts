import type { CommandContext } from '@pengaduan/messaging';
import { FIELD_RULES } from '@pengaduan/sop';

/**
 * Another message from the reporter joins an open complaint. Typed in by an officer for now
 * (the reporter called again); the channel webhooks will send theirs the same way.
 */
export interface AppendMessageCommand extends CommandContext {
  /** What the reporter wrote or said; it stays in intake, never in an event. */
  text: string;
}

export interface AppendMessageResult {
  messageId: string;
  /** The message's position in the complaint: 1 is the report itself. */
  sequence: number;
}

export const MAX_MESSAGE_TEXT = FIELD_RULES.reporterText.maxLength;
