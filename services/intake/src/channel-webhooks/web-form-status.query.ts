import type { ServiceRuntime } from '@pengaduan/messaging';
import type { ContactCipher } from '../reporter-contact/contact-cipher';
import { issueTrackingPin } from '../reporter-contact/reporter-contacts';
import { webFormPinDue } from '../reporter-contact/tracking-pin';
import { problem, type WebhookReply } from './receive-webhook.handler';

/** Never kept by the browser or anything between: a registered answer may carry a tracking PIN. */
const NOT_STORED = { 'Cache-Control': 'no-store' };

/**
 * What became of a web form submission: `PENDING` until the inbound processor registered it,
 * then `REGISTERED` with the tracking number. Knowing the submission's random UUID is what
 * entitles the page to ask; nothing else about the complaint is told. A reporter who gave
 * neither phone nor e-mail also gets a tracking PIN with the number, on each answer until five
 * were issued to them (ADR 0052); only its hash is kept, in their sealed contact.
 */
export class WebFormStatusQuery {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly cipher: ContactCipher,
  ) {}

  async execute(submissionId: string): Promise<WebhookReply> {
    if (!/^[0-9a-f-]{36}$/i.test(submissionId)) return { ...problem(404, 'WEB_FORM.NOT_FOUND', 'no such submission'), headers: NOT_STORED };
    const [row] = (await this.runtime.dataSource.query(
      `SELECT m.status, c.tracking_number, c.channel, c.reporter_ref FROM inbound_message m LEFT JOIN complaint c ON c.id = m.complaint_id
        WHERE m.provider = 'web-form' AND m.provider_message_id = $1`,
      [submissionId.toLowerCase()],
    )) as { status: string; tracking_number: string | null; channel: string | null; reporter_ref: string | null }[];
    if (!row) return { ...problem(404, 'WEB_FORM.NOT_FOUND', 'no such submission'), headers: NOT_STORED };
    const body = row.tracking_number
      ? { status: 'REGISTERED', trackingNumber: row.tracking_number, ...(await this.pinFor(row)) }
      : { status: row.status === 'FAILED' ? 'FAILED' : 'PENDING' };
    return { status: 200, contentType: 'application/json', body: JSON.stringify(body), headers: NOT_STORED };
  }

  /** A new PIN for the web form's reporter who is due one (the complaint is the form's own, never another channel's). */
  private async pinFor(row: { channel: string | null; reporter_ref: string | null }): Promise<{ trackingPin?: string }> {
    if (row.channel !== 'WEB' || !row.reporter_ref) return {};
    const trackingPin = await issueTrackingPin(this.runtime.dataSource.manager, this.cipher, row.reporter_ref, webFormPinDue);
    return trackingPin ? { trackingPin } : {};
  }
}
