import type { OfficerSignatory, VersionCondition } from '@pengaduan/messaging';
import type { Actor } from '@pengaduan/sop';

/** SOP step 2: Admin Tikkim confirms a received message as a complaint (Laporan Terusan Aduan). */
export interface ConfirmComplaintCommand {
  /** The officer, as they sign the document the command produces. */
  signatory?: OfficerSignatory;
  /** Idempotency key: a retry with the same key answers the first result. */
  requestId: string;
  /** The versions the caller named (docs/adr/0033). */
  versions?: VersionCondition;
  complaintId: string;
  actor: Actor;
  /** The officer's office: another office's complaint is not found. */
  actorOffice?: string;
  correlationId: string;
  /** Permen PAN 5/2009, `01` to `10`. */
  classificationCode: string;
  /** The complaint in the admin's words, without the reporter's personal data (it goes into the event). */
  summary: string;
  /** Identity hidden from every officer but the intake admin (may be set or cleared now). */
  anonymous: boolean;
  /** The report is never public (may be set or cleared now). */
  confidential: boolean;
}

/** Longest summary accepted. */
export const MAX_SUMMARY = 4_000;
