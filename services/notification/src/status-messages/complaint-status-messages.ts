import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { STATUS_MESSAGE_PURPOSES, type NotificationPurpose } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { validate as isUuid } from 'uuid';

/** What became of a status message, as the complaint page shows it. */
export type StatusMessageOutcome = 'PENDING' | 'SENT' | 'DELIVERED' | 'READ' | 'FAILED' | 'UNDELIVERED';

/** One status message sent about a complaint: no address, no text (docs/adr/0054). */
export interface ComplaintStatusMessage {
  notificationId: string;
  purpose: NotificationPurpose;
  channel: string;
  outcome: StatusMessageOutcome;
  queuedAt: Date;
  sentAt?: Date;
  deliveredAt?: Date;
  readAt?: Date;
}

interface Row {
  id: string;
  purpose: NotificationPurpose;
  status: string;
  created_at: Date;
  delivered_at: Date | null;
  channel: string | null;
  outcome: string | null;
  receipt: string | null;
  status_at: Date | null;
  failed_receipt_code: string | null;
  sent_at: Date | null;
}

/** The outcome from the message's status and its newest attempt's receipt. */
function outcomeOf(r: Row): StatusMessageOutcome {
  if (r.status === 'UNDELIVERED' || r.status === 'WITHHELD' || r.status === 'CALL_TASK') return 'UNDELIVERED';
  if (r.receipt === 'read') return 'READ';
  if (r.status === 'DELIVERED' || r.receipt === 'delivered') return 'DELIVERED';
  if (r.failed_receipt_code !== null || r.outcome === 'FAILED') return 'FAILED';
  return r.status === 'SENT' ? 'SENT' : 'PENDING';
}

/**
 * The status messages of a complaint of the office, oldest first, read from notification's own
 * journal (`outbound_notification`, `delivery_attempt` with its receipts). Another office's
 * complaint has none, so its existence is not told.
 */
@Injectable()
export class ComplaintStatusMessages {
  constructor(private readonly runtime: ServiceRuntime) {}

  async of(complaintId: string, officeCode: string): Promise<ComplaintStatusMessage[]> {
    if (!isUuid(complaintId)) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'complaint_id must be a UUID', { fieldViolations: [{ field: 'complaint_id', description: 'must be a UUID' }] });
    }
    const rows = (await this.runtime.dataSource.query(
      `SELECT n.id, n.purpose, n.status, n.created_at, n.delivered_at, a.channel, a.outcome, a.status AS receipt, a.status_at, a.failed_receipt_code,
              (SELECT max(s.attempted_at) FROM delivery_attempt s WHERE s.notification_id = n.id AND s.outcome = 'ACCEPTED') AS sent_at
         FROM outbound_notification n
         LEFT JOIN LATERAL (SELECT * FROM delivery_attempt d WHERE d.notification_id = n.id ORDER BY d.attempted_at DESC, d.id DESC LIMIT 1) a ON true
        WHERE n.complaint_id = $1 AND n.office_code = $2 AND n.purpose = ANY($3)
        ORDER BY n.created_at, n.id`,
      [complaintId, officeCode, [...STATUS_MESSAGE_PURPOSES]],
    )) as Row[];
    return rows.map((r) => {
      const outcome = outcomeOf(r);
      return {
        notificationId: r.id,
        purpose: r.purpose,
        channel: r.channel ?? '',
        outcome,
        queuedAt: new Date(r.created_at),
        ...(r.sent_at ? { sentAt: new Date(r.sent_at) } : {}),
        ...(r.delivered_at ? { deliveredAt: new Date(r.delivered_at) } : r.receipt === 'delivered' && r.status_at ? { deliveredAt: new Date(r.status_at) } : {}),
        ...(outcome === 'READ' && r.status_at ? { readAt: new Date(r.status_at) } : {}),
      };
    });
  }
}
