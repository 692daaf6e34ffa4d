import type { Channel, ComplaintStatus, UserActor } from '@pengaduan/sop';
import type { ReporterContact } from '../reporter-contact/contact-cipher';

/** An officer reads one complaint with its messages and, where they may see it, the reporter's contact. */
export interface GetComplaintQuery {
  complaintId: string;
  actor: UserActor;
  /** The officer's office: another office's complaint is not found. */
  actorOffice?: string;
}

export interface ComplaintMessageView {
  messageId: string;
  sequence: number;
  channel: Channel;
  receivedAt: Date;
  text: string;
  /** Attachments of the message fetched and kept (photos, voice notes, documents). */
  attachmentCount: number;
}

export interface ComplaintDetailsView {
  complaintId: string;
  officeCode: string;
  trackingNumber: string;
  channel: Channel;
  /** The libs/sop status as intake knows it now (it follows the other services' events too). */
  status: ComplaintStatus;
  receivedAt: Date;
  /** The messages' texts in order, separated by a blank line. */
  text: string;
  messages: ComplaintMessageView[];
  reporterRef: string;
  /** Absent when the reporter gave none, or the actor may not see it. */
  contact?: ReporterContact;
  /** The contact was withheld from this actor (anonymous complaint). */
  contactRedacted: boolean;
  anonymous: boolean;
  confidential: boolean;
  classificationCode?: string;
  summary?: string;
}
