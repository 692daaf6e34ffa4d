import type { ServiceRuntime } from '@pengaduan/messaging';
import { problem, type WebhookReply } from './receive-webhook.handler';

/**
 * What became of a web form submission: `PENDING` until the inbound processor registered it,
 * then `REGISTERED` with the tracking number. Knowing the submission's random UUID is what
 * entitles the page to ask; nothing else about the complaint is told.
 */
export class WebFormStatusQuery {
  constructor(private readonly runtime: ServiceRuntime) {}

  async execute(submissionId: string): Promise<WebhookReply> {
    if (!/^[0-9a-f-]{36}$/i.test(submissionId)) return problem(404, 'WEB_FORM.NOT_FOUND', 'no such submission');
    const [row] = (await this.runtime.dataSource.query(
      `SELECT m.status, c.tracking_number FROM inbound_message m LEFT JOIN complaint c ON c.id = m.complaint_id
        WHERE m.provider = 'web-form' AND m.provider_message_id = $1`,
      [submissionId.toLowerCase()],
    )) as { status: string; tracking_number: string | null }[];
    if (!row) return problem(404, 'WEB_FORM.NOT_FOUND', 'no such submission');
    const body = row.tracking_number ? { status: 'REGISTERED', trackingNumber: row.tracking_number } : { status: row.status === 'FAILED' ? 'FAILED' : 'PENDING' };
    return { status: 200, contentType: 'application/json', body: JSON.stringify(body) };
  }
}
