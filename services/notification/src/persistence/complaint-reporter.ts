import type { Channel } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';

/** Whom to answer for a complaint: the opaque reporterRef and the channel it came in over. */
export interface ComplaintReporter {
  complaintId: string;
  officeCode: string;
  trackingNumber: string;
  channel: Channel;
  reporterRef: string;
  receivedAt: Date;
}

/** Keeps what `complaint.received` says about whom to answer (a redelivery changes nothing). */
export async function rememberReporter(tx: EntityManager, r: ComplaintReporter): Promise<void> {
  await tx.query(
    `INSERT INTO complaint_reporter (complaint_id, office_code, tracking_number, channel, reporter_ref, received_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (complaint_id) DO NOTHING`,
    [r.complaintId, r.officeCode, r.trackingNumber, r.channel, r.reporterRef, r.receivedAt],
  );
}

/** Whom to answer for a complaint, if its `complaint.received` has been consumed. */
export async function findReporter(manager: EntityManager, complaintId: string): Promise<ComplaintReporter | undefined> {
  const [row] = (await manager.query(
    `SELECT complaint_id, office_code, tracking_number, channel, reporter_ref, received_at FROM complaint_reporter WHERE complaint_id = $1`,
    [complaintId],
  )) as { complaint_id: string; office_code: string; tracking_number: string; channel: Channel; reporter_ref: string; received_at: Date }[];
  return row
    ? {
        complaintId: row.complaint_id,
        officeCode: row.office_code,
        trackingNumber: row.tracking_number,
        channel: row.channel,
        reporterRef: row.reporter_ref,
        receivedAt: row.received_at,
      }
    : undefined;
}
