import { timestampDate } from '@bufbuild/protobuf/wkt';
import { notificationPurposeMapping, outboundChannelMapping, type ParsedEvent } from '@pengaduan/contracts';
import type { NotificationPurpose } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { ProjectionError } from './projection-error';

type NotificationFailed = Extract<ParsedEvent, { type: 'complaint.notification-failed' }>;
type CallAttempted = Extract<ParsedEvent, { type: 'complaint.call-attempted' }>;

/**
 * Records a failed attempt to reach the reporter in `delivery_failure`, in the consumer's
 * transaction: the call-task queue reads why each channel failed from it. Codes only (the
 * channel, the stable error code), never a provider's text nor the reporter's address. An event
 * applied twice changes nothing (its id is the key).
 */
export async function recordDeliveryFailure(event: NotificationFailed, tx: EntityManager): Promise<void> {
  const { envelope, payload: p } = event;
  await tx.query(
    `INSERT INTO delivery_failure (event_id, complaint_id, purpose, channel, error_code, attempt, will_retry, fallback_channel, failed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (event_id) DO NOTHING`,
    [
      envelope.id,
      envelope.subject,
      notificationPurposeMapping.fromProto(p.purpose, 'data.purpose'),
      outboundChannelMapping.fromProto(p.channel, 'data.channel'),
      p.errorCode,
      p.attempt,
      p.willRetry,
      p.fallbackChannel === undefined ? null : outboundChannelMapping.fromProto(p.fallbackChannel, 'data.fallbackChannel'),
      new Date(envelope.time),
    ],
  );
}

/**
 * Records a call that did not reach the reporter in `call_attempt`, with the notice it was about
 * (NULL for a call recorded before purposes: step 8's information), in the consumer's
 * transaction: the call task of that notice waits until `retry_at` (docs/adr/0044, 0051). An
 * event applied twice changes nothing.
 */
export async function recordCallAttempt(event: CallAttempted, tx: EntityManager): Promise<void> {
  const { envelope, payload: p } = event;
  if (!p.retryAt) throw new ProjectionError('PROJECTION.UNSUPPORTED_PAYLOAD', `complaint.call-attempted ${envelope.id} has no retryAt`);
  await tx.query(
    `INSERT INTO call_attempt (event_id, complaint_id, attempted_at, retry_at, purpose) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING`,
    [envelope.id, envelope.subject, new Date(envelope.time), timestampDate(p.retryAt), noticePurposeOf(event) ?? null],
  );
}

/**
 * The notice an event about a message to the reporter names (docs/adr/0051): a failure's purpose,
 * a call's or a notice given up's when it has one, the acknowledgement for `complaint.acknowledged`;
 * undefined for any other event and for a call recorded before purposes.
 */
export function noticePurposeOf(event: ParsedEvent): NotificationPurpose | undefined {
  switch (event.type) {
    case 'complaint.acknowledged':
      return 'ACKNOWLEDGEMENT';
    case 'complaint.notification-failed':
      return notificationPurposeMapping.fromProto(event.payload.purpose, 'data.purpose');
    case 'complaint.call-attempted':
    case 'complaint.delivery-abandoned':
      return event.payload.purpose === undefined ? undefined : notificationPurposeMapping.fromProto(event.payload.purpose, 'data.purpose');
    default:
      return undefined;
  }
}
