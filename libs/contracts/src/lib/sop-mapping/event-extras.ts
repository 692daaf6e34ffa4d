import type * as sop from '@pengaduan/sop';
import type { ComplaintEventType } from '@pengaduan/sop';

/**
 * Per event type, the payload fields the wire has and the libs/sop event lacks: what a
 * producer adds from its own records. Optional where the proto field is `optional`.
 */
export interface SopEventExtras {
  /** Intake's own facts of the report. */
  'complaint.received': {
    /** When the first message reached the channel (the provider's time where there is one). */
    readonly receivedAt: Date;
    /** Opaque reference to the reporter's contact kept by intake. */
    readonly reporterRef: string;
    /** Messages the complaint holds so far (at least 1). */
    readonly messageCount: number;
    readonly firstMessageId?: string;
    /** For channel `REGIONAL_OFFICE`: the forwarding office. */
    readonly forwardedByOfficeCode?: string;
    /** For a transferred complaint: the original complaint in the forwarding office. */
    readonly transferredFromComplaintId?: string;
    /** SHA-256 of the Laporan Aduan document. */
    readonly documentSha256?: string;
    /** For channel `LAPOR`: the SP4N-LAPOR! report number (not personal data; docs/adr/0055). */
    readonly laporReportNumber?: string;
  };
  'complaint.message-appended': {
    readonly channel: sop.Channel;
    readonly receivedAt: Date;
    /** Position in the complaint, from 1. */
    readonly sequence: number;
    readonly attachmentCount: number;
  };
  'complaint.acknowledged': { readonly channel: sop.OutboundChannel; readonly providerMessageId?: string };
  'complaint.confirmed': { readonly documentSha256?: string };
  'complaint.dismissed': NoExtras;
  'complaint.disposed': {
    /** Number of the disposition sheet, unique per office per year. */
    readonly dispositionSheetNumber: string;
    /** The head of office's general note on the sheet. */
    readonly note?: string;
    readonly documentSha256?: string;
  };
  'complaint.section-responded': NoExtras;
  'complaint.disposition-completed': NoExtras;
  'complaint.analyzed': { readonly documentSha256?: string };
  'complaint.follow-up-decided': { readonly documentSha256?: string };
  'complaint.team-formed': {
    /** `YYYY-MM-DD` (WIB). */
    readonly decreeDate: string;
    /** What the team is to do, as written in the decree. */
    readonly mandate: string;
    /** `YYYY-MM-DD`. */
    readonly periodStartDate: string;
    /** `YYYY-MM-DD`. */
    readonly periodEndDate: string;
    readonly documentSha256?: string;
  };
  'complaint.reporter-informed': {
    /** The channel the information went out over. */
    readonly channel: sop.OutboundChannel;
    readonly templateId?: string;
    readonly providerMessageId?: string;
    readonly documentSha256?: string;
  };
  'complaint.information-delivered': { readonly providerMessageId?: string };
  'complaint.notification-failed': {
    /** The attempt that failed, from 1. */
    readonly attempt: number;
    readonly willRetry: boolean;
    readonly nextAttemptAt?: Date;
    /** The channel tried next instead, if any. */
    readonly fallbackChannel?: sop.OutboundChannel;
  };
  'complaint.call-attempted': NoExtras;
  'complaint.delivery-abandoned': NoExtras;
  /** `closedAt` is the event's `at`. */
  'complaint.closed': NoExtras;
  'complaint.rated': NoExtras;
  'complaint.appealed': NoExtras;
  'complaint.appeal-reviewed': NoExtras;
  'complaint.personal-data-erased': NoExtras;
  'complaint.data-access-requested': NoExtras;
  'complaint.data-access-answered': NoExtras;
  'complaint.contact-corrected': NoExtras;
  'complaint.contact-restricted': NoExtras;
  'complaint.contact-restriction-lifted': NoExtras;
}

/** No wire-only fields. */
type NoExtras = Readonly<Record<string, never>>;

/** The extras argument for event type `T`: required when `T` has a required wire-only field, else optional. */
export type SopEventExtrasArgs<T extends ComplaintEventType> = T extends ComplaintEventType
  ? NoExtras extends SopEventExtras[T]
    ? [extras?: SopEventExtras[T]]
    : [extras: SopEventExtras[T]]
  : never;
