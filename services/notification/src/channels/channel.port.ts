import type { NotificationPurpose, OutboundChannel } from '@pengaduan/sop';

/**
 * The port every provider adapter implements (WhatsApp Cloud API, SMS, Messenger/Instagram,
 * Telegram, e-mail). notification uses it for two messages to the reporter: the
 * acknowledgement of receipt (the tracking number) and the report-back (the follow-up
 * information of SOP steps 7-8).
 *
 * The service never sees a contact: a message names the reporter by `reporterRef`, and the
 * adapter resolves it through {@link ReporterDirectory} at the moment it sends.
 */
export interface ChannelAdapter {
  /** The channels this adapter sends over; the {@link ChannelRegistry} routes each to one adapter. */
  readonly channels: readonly OutboundChannel[];

  /**
   * Sends one message. Answers rather than throws: a provider's refusal is `failed` with a
   * stable error code. Sending twice with the same `idempotencyKey` must not reach the reporter
   * twice (a redelivered event or a retried request sends again with the same key).
   */
  send(message: OutboundMessage): Promise<SendResult>;
}

/** One message to a reporter, as a provider needs it. */
export interface OutboundMessage {
  complaintId: string;
  officeCode: string;
  /** The complaint's tracking number, for the template parameters and the provider's reference. */
  trackingNumber: string;
  /** The channel to answer over: the one the complaint came in over (SOP step 8). */
  channel: OutboundChannel;
  /** Opaque reference to the reporter's contact, resolved by the adapter through {@link ReporterDirectory}. */
  reporterRef: string;
  /** What the message is for. */
  purpose: NotificationPurpose;
  /** The message in Bahasa Indonesia, as the reporter reads it when free-form text may be sent. */
  text: string;
  /**
   * The approved template with its parameters in order, for a channel that allows free-form
   * text only within a session (WhatsApp: 24 h after the reporter's last message; the SOP's
   * answer comes up to 72 h later). The adapter chooses between `text` and `template`.
   */
  template: MessageTemplate;
  /**
   * The acknowledgement again with a tracking PIN in it, for when intake issues one with the
   * address (a reporter with neither phone nor e-mail, ADR 0041). The PIN is personal data:
   * used for this one send, never stored or logged.
   */
  withTrackingPin?: (trackingPin: string) => { text: string; template: MessageTemplate };
  /** Same key, same message: the adapter sends it at most once. */
  idempotencyKey: string;
}

/** An approved message template (WhatsApp's "message templates"). */
export interface MessageTemplate {
  /** The template's name as approved at the provider, e.g. `pengaduan_diterima`. */
  id: string;
  /** BCP 47 language of the template: Bahasa Indonesia. */
  language: 'id';
  /** The values of the template's placeholders, in order. */
  parameters: string[];
}

/** What became of a message. */
export type SendResult = SendAccepted | SendFailed | SendNotAvailable;

/** The provider took the message; a delivery receipt may follow, matched by `providerMessageId`. */
export interface SendAccepted {
  kind: 'accepted';
  /** The provider that took it (`whatsapp`, `twilio` …): receipts are matched by provider and message id. */
  provider?: string;
  providerMessageId: string;
  /** The provider sends no receipts and its acceptance is the delivery (Telegram's Bot API). */
  deliveredOnAccept?: boolean;
  /** The template used, when the adapter sent the template instead of the free-form text. */
  templateId?: string;
}

/** The provider refused the message, or could not be reached. */
export interface SendFailed {
  kind: 'failed';
  /** Stable code, `<CHANNEL>.<provider code>` (e.g. `WHATSAPP.131047`); never a provider's message text. */
  errorCode: string;
  /** Whether sending the same message again later may succeed (rate limit, outage) or not (no such number). */
  retryable: boolean;
  /** How long the provider asked us to wait (Retry-After), in ms. */
  retryAfterMs?: number;
}

/**
 * Nothing can send over this channel: the officer must tell the reporter by phone or in
 * person and confirm the delivery (`ConfirmDelivery`).
 */
export interface SendNotAvailable {
  kind: 'not-available';
  reason: NotAvailableReason;
}

/**
 * `OFFICER_ONLY`: a channel only an officer can answer over (a phone call, a walk-in);
 * `NO_ADAPTER`: a provider channel without an adapter configured;
 * `NO_ADDRESS`: the reporter left no address for this channel (e.g. no number for SMS);
 * `RESTRICTED`: the processing of the reporter's contact is restricted (UU 27/2022, docs/adr/0056):
 * no channel and no officer may reach them, so the notice is withheld, not handed over to a call.
 */
export type NotAvailableReason = 'OFFICER_ONLY' | 'NO_ADAPTER' | 'NO_ADDRESS' | 'RESTRICTED';

/** intake's answer for a reporter whose contact is restricted (`ResolveReporterAddressResponse.restricted`). */
export const CONTACT_RESTRICTED = 'RESTRICTED';

/**
 * Where adapters resolve a `reporterRef` to an address on one channel. Intake keeps the
 * contacts (sealed); the implementation will ask it over gRPC. The address is personal data:
 * it is used for the send and never stored, logged or put in an event by notification.
 */
export interface ReporterDirectory {
  /**
   * The address, or `undefined` when the reporter left none for that channel (e.g. anonymous
   * without contact). `purpose` is what the message is for: intake records it with the read in
   * its processing record (docs/adr/0029). {@link CONTACT_RESTRICTED} when the processing of the
   * contact is restricted.
   */
  resolve(complaintId: string, reporterRef: string, channel: OutboundChannel, purpose: NotificationPurpose): Promise<ReporterAddress | typeof CONTACT_RESTRICTED | undefined>;
}

/** How to reach a reporter on one channel. Personal data. */
export interface ReporterAddress {
  channel: OutboundChannel;
  /**
   * The provider's recipient: an E.164 number (WhatsApp, SMS), a Telegram chat id, a
   * Messenger/Instagram scoped id, an e-mail address.
   */
  recipient: string;
  /** Our account the reporter wrote to (phone number id, page id, number), when known. */
  accountId?: string;
  /** When the reporter last wrote over this channel: WhatsApp allows free-form text for 24 h after it. */
  lastInboundAt?: Date;
  /** A tracking PIN intake issued for this acknowledgement (ADR 0041): the message must tell it. */
  trackingPin?: string;
}
