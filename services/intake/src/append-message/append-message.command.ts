import type { VersionCondition } from '@pengaduan/messaging';
import type { Actor } from '@pengaduan/sop';

/**
 * Another message from the reporter joins an open complaint. Typed in by an officer for now
 * (the reporter called again); the channel webhooks will send theirs the same way.
 */
export interface AppendMessageCommand {
  /** Idempotency key: a retry with the same key answers the first result and stores nothing more. */
  requestId: string;
  /** The versions the caller named (docs/adr/0033). */
  versions?: VersionCondition;
  complaintId: string;
  actor: Actor;
  /** The officer's office: another office's complaint is not found. */
  actorOffice?: string;
  correlationId: string;
  /** What the reporter wrote or said; it stays in intake, never in an event. */
  text: string;
}

export interface AppendMessageResult {
  messageId: string;
  /** The message's position in the complaint: 1 is the report itself. */
  sequence: number;
}

export const MAX_MESSAGE_TEXT = 20_000;
