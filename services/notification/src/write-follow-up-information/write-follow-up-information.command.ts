import type { OfficerSignatory, VersionCondition } from '@pengaduan/messaging';
import type { Actor } from '@pengaduan/sop';

/** SOP step 7: Admin Tikkim writes the Informasi Tindak Lanjut for the reporter. */
export interface WriteFollowUpInformationCommand {
  /** The officer, as they sign the Informasi Tindak Lanjut. */
  signatory?: OfficerSignatory;
  /** Idempotency key: a retry with the same key answers the first result. */
  requestId: string;
  /** The versions the caller named (docs/adr/0033). */
  versions?: VersionCondition;
  complaintId: string;
  actor: Actor;
  /** The officer's office: another office's complaint is not found. */
  actorOffice?: string;
  /** What the reporter is told, in Bahasa Indonesia. Kept by notification, never put in an event. */
  text: string;
  correlationId: string;
}

/** The longest follow-up information accepted: a long WhatsApp message (4096) with its heading. */
export const MAX_FOLLOW_UP_INFORMATION_LENGTH = 4000;
