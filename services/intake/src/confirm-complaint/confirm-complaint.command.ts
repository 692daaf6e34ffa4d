import type { CommandContext } from '@pengaduan/messaging';
import { FIELD_RULES } from '@pengaduan/sop';

/** SOP step 2: Admin Tikkim confirms a received message as a complaint (Laporan Terusan Aduan). */
export interface ConfirmComplaintCommand extends CommandContext {
  /** Permen PAN 5/2009, `01` to `10`. */
  classificationCode: string;
  /** The complaint in the admin's words, without the reporter's personal data (it goes into the event). */
  summary: string;
  /** Identity hidden from every officer but the intake admin (may be set or cleared now). */
  anonymous: boolean;
  /** The report is never public (may be set or cleared now). */
  confidential: boolean;
}

/** Longest summary accepted (FIELD_RULES.summary). */
export const MAX_SUMMARY = FIELD_RULES.summary.maxLength;
