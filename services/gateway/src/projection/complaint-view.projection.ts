import { isMessage } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Channel as ChannelPb, ComplaintReceivedSchema } from '@pengaduan/contracts';
import type { ConsumedEvent, EventHandler } from '@pengaduan/messaging';
import type { ComplaintStatus } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';

/** The status `complaint.received` leads to (libs/sop: NEW --receive--> RECEIVED). */
const RECEIVED: ComplaintStatus = 'RECEIVED';

/**
 * Thrown for an event the projection cannot apply. The consumer retries it with backoff and,
 * after its bounded attempts, sends it to the group's DLQ: never dropped silently.
 */
export class ProjectionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProjectionError';
  }
}

/**
 * Builds `complaint_view` from the complaint stream. Runs inside the transaction that also
 * commits the event's inbox row, so a redelivered event is a no-op (the inbox deduplicates by
 * event id) and every write goes through `tx`.
 */
export const projectComplaintView: EventHandler = async (event, tx) => {
  if (event.envelope.type === 'complaint.received') await addReceivedComplaint(event, tx);
  else await recordLaterEvent(event, tx);
};

async function addReceivedComplaint(event: ConsumedEvent, tx: EntityManager): Promise<void> {
  const { envelope, payload } = event;
  if (!isMessage(payload, ComplaintReceivedSchema)) {
    throw new ProjectionError('PROJECTION.UNSUPPORTED_PAYLOAD', `complaint.received dataversion ${envelope.dataversion} is not projected`);
  }
  if (payload.complaintId !== envelope.subject) {
    throw new ProjectionError('PROJECTION.SUBJECT_MISMATCH', `complaint.received ${envelope.id} is about ${payload.complaintId} but its subject is ${envelope.subject}`);
  }
  if (!payload.receivedAt) throw new ProjectionError('PROJECTION.UNSUPPORTED_PAYLOAD', `complaint.received ${envelope.id} has no receivedAt`);
  // Idempotent by complaint id as well: a second `complaint.received` for the same complaint
  // (a re-fed journal, say) leaves the view as the first one made it.
  await tx.query(
    `INSERT INTO complaint_view (id, office_code, tracking_number, channel, status, anonymous, confidential,
       reporter_ref, received_at, updated_at, last_event_type, last_event_id, event_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1)
     ON CONFLICT (id) DO NOTHING`,
    [
      payload.complaintId,
      payload.officeCode,
      payload.trackingNumber,
      ChannelPb[payload.channel],
      RECEIVED,
      payload.anonymous,
      payload.confidential,
      payload.reporterRef,
      timestampDate(payload.receivedAt),
      new Date(envelope.time),
      envelope.type,
      envelope.id,
    ],
  );
}

/**
 * Any later event of the catalogue (`complaint.*` and `sla.*`) only marks the view as touched
 * for now; the statuses those events lead to come with the issues that produce them.
 *
 * An event of a complaint the view does not hold throws. Events of one complaint share a key,
 * hence a partition and an order, so its `complaint.received` has always been applied first;
 * one missing means the stream was cut or a producer is wrong. Throwing makes the consumer
 * retry (covering a moment of doubt) and then dead-letter the event, where it stays visible
 * and can be replayed once the gap is filled, instead of being skipped without a trace.
 */
async function recordLaterEvent(event: ConsumedEvent, tx: EntityManager): Promise<void> {
  const { envelope } = event;
  if (!isUuid(envelope.subject)) {
    throw new ProjectionError('PROJECTION.UNKNOWN_COMPLAINT', `${envelope.type} ${envelope.id} names no complaint id (subject ${JSON.stringify(envelope.subject)})`);
  }
  // Selected from a CTE so the driver answers rows (TypeORM answers [rows, count] to a bare UPDATE).
  const updated = (await tx.query(
    `WITH touched AS (
       UPDATE complaint_view
          SET last_event_type = $2, last_event_id = $3, updated_at = $4, event_count = event_count + 1
        WHERE id = $1
        RETURNING id)
     SELECT id FROM touched`,
    [envelope.subject, envelope.type, envelope.id, new Date(envelope.time)],
  )) as { id: string }[];
  if (updated.length === 0) {
    throw new ProjectionError('PROJECTION.UNKNOWN_COMPLAINT', `${envelope.type} ${envelope.id} is about complaint ${envelope.subject}, which was never received`);
  }
}
