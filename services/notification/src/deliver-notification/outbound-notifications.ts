import type { Channel, NotificationPurpose, OutboundChannel } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { OFFICER_ONLY_CHANNELS } from '../channels/manual-channel';

/** A message to a reporter, queued in the transaction that decided it. */
export interface NewNotification {
  complaintId: string;
  officeCode: string;
  purpose: NotificationPurpose;
  /** The follow-up information it carries (not for the acknowledgement). */
  informationId?: string;
  /** One message per key: a redelivered event or a retried request queues nothing more. */
  idempotencyKey: string;
  correlationId: string;
  /** Where to try, in order (see {@link FallbackPolicy}). */
  channels: readonly OutboundChannel[];
}

/**
 * The channels a message to the reporter is tried over, in order: the channel the complaint came
 * in over (SOP step 8), then the office's fallbacks (for example WhatsApp → SMS); when all fail,
 * a call task for Admin Tikkim. Phone and walk-in complaints are answered by an officer: nothing
 * is sent for them. The web form and forwarded complaints have no reply channel of their own and
 * go straight to the fallbacks (SMS, when the reporter left a number).
 */
export class FallbackPolicy {
  constructor(readonly fallbacks: readonly OutboundChannel[] = ['SMS']) {}

  channelsFor(complaintChannel: Channel): OutboundChannel[] {
    if (OFFICER_ONLY_CHANNELS.includes(complaintChannel)) return [];
    const own: OutboundChannel[] = complaintChannel === 'WEB' || complaintChannel === 'REGIONAL_OFFICE' ? [] : [complaintChannel];
    return [...own, ...this.fallbacks.filter((c) => !own.includes(c) && !OFFICER_ONLY_CHANNELS.includes(c))];
  }
}

/** Queues a message in the caller's transaction; false when its key was queued before (nothing changes). */
export async function enqueueNotification(tx: EntityManager, n: NewNotification, now: Date): Promise<boolean> {
  if (n.channels.length === 0) return false;
  const rows = (await tx.query(
    `INSERT INTO outbound_notification (id, complaint_id, office_code, purpose, information_id, idempotency_key, correlation_id, channels, status, next_attempt_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'PENDING', $9, $9, $9)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [uuidv7(), n.complaintId, n.officeCode, n.purpose, n.informationId ?? null, n.idempotencyKey, n.correlationId, n.channels, now],
  )) as unknown[];
  return rows.length === 1;
}
