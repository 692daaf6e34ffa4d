// A complaint's record: its timeline, the complainant's messages and contact, its documents, and
// the office's record of every read of a contact.

export interface TimelineEntry {
  readonly id: string;
  readonly position: number;
  readonly type: string;
  readonly at: string;
  readonly actorRole: string | null;
  readonly actorUserId?: string;
  readonly actorService?: string;
  readonly summary: string;
  readonly status: string;
  /** For an `sla.*` line: the step or target its deadline is about (libs/sop `ClockId`); absent on lines recorded before the gateway kept it. */
  readonly stepId?: string;
  /** For a line about a message to the complainant: the notice it is about (docs/adr/0051); absent otherwise. */
  readonly purpose?: string;
}

export interface Timeline {
  readonly events: readonly TimelineEntry[];
}

export interface ComplainantMessage {
  readonly messageId: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly text: string;
  readonly attachmentCount: number;
}

export interface ReporterContact {
  readonly name?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly handle?: string;
}

export interface ReplyWindow {
  readonly channel: string;
  readonly lastMessageAt: string;
  /** When the provider's free-reply window closes; null for a channel that has none. */
  readonly closesAt: string | null;
  readonly open: boolean;
}

export interface ComplaintMessages {
  readonly text: string;
  readonly messages: readonly ComplainantMessage[];
  readonly contact: ReporterContact | null;
  /** The complainant left a contact and it is not shown to this officer (docs/adr/0029). */
  readonly contactWithheld: boolean;
  /** The processing of the contact is restricted at the complainant's request (docs/adr/0056): withheld, no message goes out. */
  readonly contactRestricted?: boolean;
  /** docs/adr/0057 */
  readonly personalDataErased?: boolean;
  /** The complaint is anonymous and its contact withheld. */
  readonly contactRedacted: boolean;
  /** The purpose the shown contact was read (and recorded) for. */
  readonly contactPurpose: string | null;
  /** The purposes this officer may state (the head of office: `BREAK_GLASS`). */
  readonly contactPurposes: readonly string[];
  readonly replyWindow: ReplyWindow | null;
}

/** One read of a complainant's contact in the office's processing record (`GET /api/v1/processing-record`). */
export interface ContactRead {
  readonly id: string;
  readonly at: string;
  readonly complaintId: string;
  readonly actor: {
    readonly kind: 'user' | 'system';
    readonly userId?: string;
    readonly username?: string;
    readonly displayName?: string;
    readonly role?: string;
    readonly officeCode?: string;
    readonly service?: string;
  };
  readonly purpose: string;
  readonly reason: string | null;
  readonly fields: readonly string[];
  readonly outcome: 'READ' | 'REFUSED';
  readonly refusalCode: string | null;
  readonly channel: string | null;
}

export interface ProcessingRecordPage {
  readonly items: readonly ContactRead[];
  readonly nextPageToken: string | null;
}

export interface ComplaintDocument {
  readonly kind: string;
  readonly title: string;
  readonly number: string;
  readonly sha256: string;
  readonly at: string;
  readonly url: string;
}

export interface ComplaintDocuments {
  readonly documents: readonly ComplaintDocument[];
}
