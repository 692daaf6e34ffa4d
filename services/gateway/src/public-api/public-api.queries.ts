import type { DataSource } from 'typeorm';
import type { DismissalOutput } from '../read-model/outputs';

/** A complaint row of the read model, as the public API shows it (nothing about the reporter). */
export interface PublicComplaintRow {
  id: string;
  office_code: string;
  tracking_number: string;
  channel: string;
  status: string;
  anonymous: boolean;
  confidential: boolean;
  received_at: Date;
  /** `received_at` as Postgres prints it, exact to the microsecond, for the page cursor. */
  received_at_text: string;
  updated_at: Date;
  current_step_id: string | null;
  current_step_due_at: Date | null;
  classification_code: string | null;
  summary: string | null;
  forwarded_by_office_code: string | null;
  transferred_from_complaint_id: string | null;
  transferred_to_complaint_id: string | null;
  event_count: number;
  /** The complaint's version (docs/adr/0033); null before versions. */
  version: number | null;
  dismissal: DismissalOutput | null;
}

/** One timeline row of an office's complaint with its stream position. */
export interface PublicEventRow {
  /** bigint, as the driver gives it: a string. */
  stream_position: string;
  event_id: string;
  complaint_id: string;
  office_code: string;
  tracking_number: string;
  position: number;
  type: string;
  occurred_at: Date;
  actor_kind: string;
  actor_role: string | null;
  actor_user_id: string | null;
  actor_service: string | null;
  summary: string;
  status_after: string;
}

export interface ComplaintListFilter {
  officeCode: string;
  statuses: readonly string[];
  receivedFrom?: Date;
  receivedTo?: Date;
  limit: number;
  /** The last complaint of the previous page (newest first). */
  after?: { receivedAt: string; id: string };
}

const COMPLAINT_COLUMNS = `
  v.id, v.office_code, v.tracking_number, v.channel, v.status, v.anonymous, v.confidential,
  v.received_at, v.received_at::text AS received_at_text, v.updated_at, v.current_step_id, v.current_step_due_at,
  v.classification_code, v.summary, v.forwarded_by_office_code, v.transferred_from_complaint_id,
  v.transferred_to_complaint_id, v.event_count, o.dismissal,
  (SELECT s.version FROM complaint_state s WHERE s.complaint_id = v.id) AS version`;

/**
 * The public API's reads of the gateway's read model (complaint_view, complaint_output,
 * complaint_timeline); the projection is their only writer. Every read names the office.
 */
export class PublicApiQueries {
  constructor(private readonly dataSource: () => DataSource) {}

  async complaintById(officeCode: string, id: string): Promise<PublicComplaintRow | undefined> {
    const rows = (await this.dataSource().query(
      `SELECT ${COMPLAINT_COLUMNS} FROM complaint_view v LEFT JOIN complaint_output o ON o.complaint_id = v.id WHERE v.id = $1 AND v.office_code = $2`,
      [id, officeCode],
    )) as PublicComplaintRow[];
    return rows[0];
  }

  async complaintByTrackingNumber(officeCode: string, trackingNumber: string): Promise<PublicComplaintRow | undefined> {
    const rows = (await this.dataSource().query(
      `SELECT ${COMPLAINT_COLUMNS} FROM complaint_view v LEFT JOIN complaint_output o ON o.complaint_id = v.id
        WHERE v.tracking_number = $1 AND v.office_code = $2`,
      [trackingNumber, officeCode],
    )) as PublicComplaintRow[];
    return rows[0];
  }

  /** A page of the office's complaints, newest received first (then by id), after the cursor. */
  list(filter: ComplaintListFilter): Promise<PublicComplaintRow[]> {
    return this.dataSource().query(
      `SELECT ${COMPLAINT_COLUMNS} FROM complaint_view v LEFT JOIN complaint_output o ON o.complaint_id = v.id
        WHERE v.office_code = $1
          AND (cardinality($2::text[]) = 0 OR v.status = ANY($2::text[]))
          AND ($3::timestamptz IS NULL OR v.received_at >= $3)
          AND ($4::timestamptz IS NULL OR v.received_at < $4)
          AND ($5::timestamptz IS NULL OR (v.received_at, v.id) < ($5::timestamptz, $6::uuid))
        ORDER BY v.received_at DESC, v.id DESC
        LIMIT $7`,
      [filter.officeCode, [...filter.statuses], filter.receivedFrom ?? null, filter.receivedTo ?? null, filter.after?.receivedAt ?? null, filter.after?.id ?? null, filter.limit],
    ) as Promise<PublicComplaintRow[]>;
  }

  /** The office's events after a stream position, in order. */
  eventsAfter(officeCode: string, position: bigint, limit: number): Promise<PublicEventRow[]> {
    return this.dataSource().query(
      `SELECT t.stream_position::text AS stream_position, t.event_id, t.complaint_id, v.office_code, v.tracking_number, t.position,
              t.type, t.occurred_at, t.actor_kind, t.actor_role, t.actor_user_id, t.actor_service, t.summary, t.status_after
         FROM complaint_timeline t JOIN complaint_view v ON v.id = t.complaint_id
        WHERE v.office_code = $1 AND t.stream_position > $2::bigint
        ORDER BY t.stream_position
        LIMIT $3`,
      [officeCode, position.toString(), limit],
    ) as Promise<PublicEventRow[]>;
  }
}
