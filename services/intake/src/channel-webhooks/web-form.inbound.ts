import { WebhookPayloadError, UnknownAccountError, type InboundMessage, type InboundProvider, type ParsedWebhook, type VerifyOutcome, type WebFormSettings, type WebhookRequest } from '@pengaduan/channels';
import { FIELD_RULES } from '@pengaduan/sop';
import type { WebFormSubmission } from '../inbound-messages/inbound-message';

const MAX_TEXT = FIELD_RULES.reporterText.maxLength;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A web form message: besides the text, the contact the complainant typed and their choices. */
export interface WebFormMessage extends InboundMessage {
  submission: WebFormSubmission;
}

/**
 * The public web form, as one more channel: `POST /webhooks/web-form` with JSON or
 * form-encoded fields `submissionId` (a UUID the page makes once per form, so a double submit or
 * a retried request stores one complaint), `office`, `text`, and optionally `name`, `phone`,
 * `email`, `anonymous`, `confidential`. Nobody signs it; each submission opens a complaint of its
 * own (an unverified phone number never joins someone else's complaint).
 */
export class WebFormInbound implements InboundProvider {
  readonly id = 'web-form' as const;
  readonly ack = { contentType: 'application/json', body: '' };

  constructor(private readonly settings: WebFormSettings) {}

  officeOf(accountId: string): string | undefined {
    return this.settings.offices.includes(accountId) ? accountId : undefined;
  }

  verify(_request: WebhookRequest): VerifyOutcome {
    return { ok: true };
  }

  parse(request: WebhookRequest, receivedAt: Date): ParsedWebhook {
    const fields = readFields(request);
    const field = (name: string): string | undefined => {
      const v = fields[name];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'string' && typeof v !== 'boolean') throw new WebhookPayloadError(`${name} must be text`);
      const s = String(v).trim();
      return s === '' ? undefined : s;
    };
    const submissionId = field('submissionId');
    if (!submissionId || !UUID.test(submissionId)) throw new WebhookPayloadError('submissionId must be a UUID');
    const office = field('office');
    if (!office) throw new WebhookPayloadError('office is required');
    if (!this.officeOf(office)) throw new UnknownAccountError('web-form');
    const text = field('text');
    if (!text) throw new WebhookPayloadError('text is required');
    if (text.length > MAX_TEXT) throw new WebhookPayloadError(`text is longer than ${MAX_TEXT} characters`);
    const phone = field('phone');
    if (phone !== undefined && !FIELD_RULES.reporterPhone.pattern.test(phone)) throw new WebhookPayloadError('phone is not a phone number');
    const email = field('email');
    if (email !== undefined && !FIELD_RULES.reporterEmail.pattern.test(email)) throw new WebhookPayloadError('email is not an e-mail address');
    const name = field('name');
    const flag = (n: string) => ['true', 'on', '1', 'yes'].includes((field(n) ?? '').toLowerCase());
    const message: WebFormMessage = {
      provider: 'web-form',
      channel: 'WEB',
      providerMessageId: submissionId.toLowerCase(),
      accountId: office,
      // Never matched to another complaint: each submission is its own sender.
      sender: `web-form:${submissionId.toLowerCase()}`,
      ...(name ? { senderName: name } : {}),
      sentAt: receivedAt,
      text,
      media: [],
      submission: { office, text, name, phone, email, anonymous: flag('anonymous'), confidential: flag('confidential') },
    };
    return { messages: [message], receipts: [], ignored: 0 };
  }
}

function readFields(request: WebhookRequest): Record<string, unknown> {
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  const raw = request.rawBody.toString('utf8');
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  if (!type.startsWith('application/json')) throw new WebhookPayloadError('send JSON or a form (application/x-www-form-urlencoded)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new WebhookPayloadError('body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new WebhookPayloadError('body must be a JSON object');
  return parsed as Record<string, unknown>;
}
