import type { OfficerSignatory } from '@pengaduan/messaging';
import type { Actor, Channel } from '@pengaduan/sop';
import type { ReporterContact } from '../reporter-contact/contact-cipher';

/** An officer registers a complaint received by phone, on paper (web form) or in person. */
export interface RegisterComplaintCommand {
  /** Idempotency key: a retry with the same key answers the first result. */
  requestId: string;
  officeCode: string;
  channel: Channel;
  text: string;
  contact?: ReporterContact;
  anonymous: boolean;
  confidential: boolean;
  /** When the complaint was received, if earlier than now. */
  receivedAt?: Date;
  actor: Actor;
  correlationId: string;
  /**
   * For a complaint received elsewhere and forwarded over the gateway's public API: the
   * forwarding office (channel `REGIONAL_OFFICE`, and only then); the actor is of that office.
   */
  forwardedByOfficeCode?: string;
  /** For channel `LAPOR`, and only then: the SP4N-LAPOR! report number, unique per office (docs/adr/0055). */
  laporReportNumber?: string;
  /** The officer entering it, as they sign the Laporan Aduan. */
  signatory?: OfficerSignatory;
}

export interface RegisterComplaintResult {
  complaintId: string;
  trackingNumber: string;
  status: string;
}

/** Channels an officer may type a complaint in for; the others arrive through their webhooks. */
export const OFFICER_ENTRY_CHANNELS: readonly Channel[] = ['PHONE', 'WEB', 'WALK_IN', 'LAPOR'];
