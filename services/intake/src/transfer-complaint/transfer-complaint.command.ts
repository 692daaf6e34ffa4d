import type { CommandContext } from '@pengaduan/messaging';
import { FIELD_RULES } from '@pengaduan/sop';

/**
 * A complaint that is not the office's authority goes to the office it belongs to: the
 * original is dismissed (`NOT_OUR_AUTHORITY`, belongs to the target office) and the target
 * office receives a new complaint with the same messages and contact, linked to it.
 */
export interface TransferComplaintCommand extends CommandContext {
  targetOfficeCode: string;
  /** Recorded in the original's `complaint.dismissed`, so it must not give the reporter away. */
  note?: string;
}

/** The dismissed original and the complaint the target office received. */
export interface TransferComplaintResult {
  complaintId: string;
  status: string;
  eventIds: string[];
  /** The complaint's version afterwards (docs/adr/0033). */
  version?: number;
  newComplaintId: string;
  newTrackingNumber: string;
  newStatus: string;
  targetOfficeCode: string;
}

export const OFFICE_CODE: RegExp = FIELD_RULES.officeCode.pattern;
