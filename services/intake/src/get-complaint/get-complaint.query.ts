import type { Channel, ComplaintStatus, UserActor } from '@pengaduan/sop';
import type { ReporterContact } from '../reporter-contact/contact-cipher';

/** An officer reads one complaint with its messages and, where they may see it, the reporter's contact. */
export interface GetComplaintQuery {
  complaintId: string;
  actor: UserActor;
  /** The officer's office: another office's complaint is not found. */
  actorOffice?: string;
  /** Why the officer reads the contact (libs/sop CONTACT_READ_PURPOSES); without one it is withheld. */
  contactPurpose?: string;
  /** The reason of a `BREAK_GLASS` read. */
  contactReason?: string;
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
  /** Absent when the reporter gave none, or it was not read for a purpose the actor may state. */
  contact?: ReporterContact;
  /** The reporter left a contact and it was withheld from this actor. */
  contactRedacted: boolean;
  /** The purpose the contact was read (and recorded) for, when it is here. */
  contactPurpose?: string;
  /** The processing of the contact is restricted (docs/adr/0056): withheld from everyone. */
  contactRestricted: boolean;
  /** The complainant's personal data was erased (docs/adr/0057): their key destroyed. */
  personalDataErased: boolean;
  anonymous: boolean;
  confidential: boolean;
  classificationCode?: string;
  summary?: string;
}
