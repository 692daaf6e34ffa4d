import type { OfficerSignatory, VersionCondition } from '@pengaduan/messaging';
import type { Actor } from '@pengaduan/sop';

/**
 * A complaint that is not the office's authority goes to the office it belongs to: the
 * original is dismissed (`NOT_OUR_AUTHORITY`, belongs to the target office) and the target
 * office receives a new complaint with the same messages and contact, linked to it.
 */
export interface TransferComplaintCommand {
  /** The officer, as they sign the document the command produces. */
  signatory?: OfficerSignatory;
  /** Idempotency key: a retry with the same key answers the first result. */
  requestId: string;
  /** The versions the caller named (docs/adr/0033). */
  versions?: VersionCondition;
  complaintId: string;
  /** Acting for the complaint's office (an office API client in the ADMIN_TIKKIM role). */
  actor: Actor;
  /** The actor's office: another office's complaint is not found. */
  actorOffice?: string;
  correlationId: string;
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

export const OFFICE_CODE = /^[A-Z]{2,6}$/;
