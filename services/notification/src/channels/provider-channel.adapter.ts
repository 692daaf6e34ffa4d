import type { OutboundProvider, ProviderSendOutcome, ProviderSendRequest } from '@pengaduan/channels';
import { REPLY_WINDOW_MS, type OutboundChannel } from '@pengaduan/sop';
import { CONTACT_RESTRICTED, type ChannelAdapter, type OutboundMessage, type ReporterDirectory, type SendResult } from './channel.port';

/** WhatsApp's customer-service window: free-form text within 24 h of the reporter's last message. */
export const SESSION_WINDOW_MS = REPLY_WINDOW_MS;
/** Sent as a template a little before the window closes, so a message in flight does not fall outside it. */
const WINDOW_MARGIN_MS = 5 * 60 * 1000;

/**
 * The channel port over one provider of libs/channels: resolves the reporter's address with
 * intake at the moment of sending (it is never kept), chooses free-form text or the approved
 * template (WhatsApp outside its 24-hour window, or when the provider says the window has
 * closed), and says where the provider should post receipts.
 */
export class ProviderChannelAdapter implements ChannelAdapter {
  readonly channels: readonly OutboundChannel[];

  constructor(
    private readonly provider: OutboundProvider,
    private readonly directory: ReporterDirectory,
    private readonly now: () => Date,
    /** The platform's public base URL, for per-message receipt URLs (Twilio, Infobip). */
    private readonly publicBaseUrl?: string,
  ) {
    this.channels = [provider.channel];
  }

  async send(outbound: OutboundMessage): Promise<SendResult> {
    const address = await this.directory.resolve(outbound.complaintId, outbound.reporterRef, outbound.channel, outbound.purpose);
    if (address === CONTACT_RESTRICTED) return { kind: 'not-available', reason: 'RESTRICTED' };
    if (!address) return { kind: 'not-available', reason: 'NO_ADDRESS' };
    // The PIN intake issued with the address goes into this message and nowhere else.
    const message = address.trackingPin && outbound.withTrackingPin ? { ...outbound, ...outbound.withTrackingPin(address.trackingPin) } : outbound;
    const accountId = address.accountId ?? this.provider.accountFor(message.officeCode);
    const base: Omit<ProviderSendRequest, 'text' | 'template'> = {
      recipient: address.recipient,
      ...(accountId ? { accountId } : {}),
      idempotencyKey: message.idempotencyKey,
      ...(this.receiptUrl() ? { statusCallbackUrl: this.receiptUrl() } : {}),
    };
    const template = { name: message.template.id, language: message.template.language, parameters: message.template.parameters };
    const windowOpen = address.lastInboundAt !== undefined && this.now().getTime() - address.lastInboundAt.getTime() < SESSION_WINDOW_MS - WINDOW_MARGIN_MS;
    if (this.provider.supportsTemplates && !windowOpen) return this.result(await this.provider.send({ ...base, template }), template.name);
    const outcome = await this.provider.send({ ...base, text: message.text });
    if (outcome.kind === 'failed' && outcome.windowClosed && this.provider.supportsTemplates) {
      // Our clock and the provider's disagree on the window: the template is always allowed.
      return this.result(await this.provider.send({ ...base, template }), template.name);
    }
    return this.result(outcome);
  }

  private receiptUrl(): string | undefined {
    if (!this.publicBaseUrl) return undefined;
    if (this.provider.id === 'twilio') return `${this.publicBaseUrl}/webhooks/twilio/status`;
    if (this.provider.id === 'infobip') return `${this.publicBaseUrl}/webhooks/infobip/reports`;
    return undefined;
  }

  private result(outcome: ProviderSendOutcome, templateId?: string): SendResult {
    if (outcome.kind === 'accepted') {
      return {
        kind: 'accepted',
        provider: this.provider.id,
        providerMessageId: outcome.providerMessageId,
        ...(templateId ? { templateId } : {}),
        // Telegram's Bot API sends no receipts: a message it took is in the chat.
        ...(this.provider.id === 'telegram' ? { deliveredOnAccept: true } : {}),
      };
    }
    return { kind: 'failed', errorCode: outcome.errorCode, retryable: outcome.retryable, ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}) };
  }
}
