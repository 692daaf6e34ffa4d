import type { InboundMedia, InboundMessage } from '@pengaduan/channels';

/**
 * What intake seals of one provider message: everything personal (who wrote, from where, what)
 * and the media references. Opened only by the inbound processor, which turns it into a
 * complaint or an appended message.
 */
export interface SealedInboundMessage {
  sender: string;
  senderName?: string;
  text?: string;
  location?: InboundMessage['location'];
  media: InboundMedia[];
}

/** A web form submission as the complainant typed it. */
export interface WebFormSubmission {
  office: string;
  text: string;
  name?: string;
  phone?: string;
  email?: string;
  anonymous: boolean;
  confidential: boolean;
}

