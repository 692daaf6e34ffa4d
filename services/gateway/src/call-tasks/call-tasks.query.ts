import { ServiceRuntime } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import type { CallTaskDto, DeliveryFailureDto } from './call-tasks.dto';

interface CallTaskRow {
  complaint_id: string;
  tracking_number: string;
  purpose: string;
  opened_at: Date;
  failures: { channel: string; errorCode: string; attempt: number; failedAt: string }[];
  total: string;
}

/**
 * A failure that ends the automatic attempts: not retried, and handed to no other channel than
 * the phone (notification hands over to PHONE when its last channel gives up).
 */
const HANDED_OVER = `NOT f.will_retry AND (f.fallback_channel IS NULL OR f.fallback_channel = 'PHONE')`;

/**
 * The office's open call tasks: complaints whose follow-up information (SOP step 7) was sent,
 * every channel failed, and whose delivery (step 8) is not recorded yet. Read from the log's
 * projection (`delivery_failure`, `complaint_view`), oldest hand-over first. A task ends when
 * the complaint leaves REPORTER_INFORMED (the delivery is recorded and it closes).
 */
@Injectable()
export class CallTasksQuery {
  constructor(private readonly runtime: ServiceRuntime) {}

  async of(officeCode: string, page: { limit: number; offset: number }): Promise<{ items: CallTaskDto[]; total: number }> {
    const rows = (await this.runtime.dataSource.query(
      `SELECT v.id AS complaint_id, v.tracking_number, f.purpose,
              min(f.failed_at) FILTER (WHERE ${HANDED_OVER}) AS opened_at,
              json_agg(json_build_object('channel', f.channel, 'errorCode', f.error_code, 'attempt', f.attempt, 'failedAt', f.failed_at)
                       ORDER BY f.failed_at, f.event_id) AS failures,
              count(*) OVER () AS total
         FROM complaint_view v JOIN delivery_failure f ON f.complaint_id = v.id
        WHERE v.office_code = $1 AND v.status = 'REPORTER_INFORMED' AND f.purpose = 'FOLLOW_UP_INFORMATION'
        GROUP BY v.id, v.tracking_number, f.purpose
       HAVING bool_or(${HANDED_OVER})
        ORDER BY opened_at ASC, v.id ASC
        LIMIT $2 OFFSET $3`,
      [officeCode, page.limit, page.offset],
    )) as CallTaskRow[];
    return { items: rows.map(toCallTask), total: rows.length > 0 ? Number(rows[0].total) : page.offset === 0 ? 0 : await this.count(officeCode) };
  }

  /** The total when the page is past the end (the window count came with no row). */
  private async count(officeCode: string): Promise<number> {
    const [row] = (await this.runtime.dataSource.query(
      `SELECT count(DISTINCT v.id) AS total
         FROM complaint_view v JOIN delivery_failure f ON f.complaint_id = v.id
        WHERE v.office_code = $1 AND v.status = 'REPORTER_INFORMED' AND f.purpose = 'FOLLOW_UP_INFORMATION' AND ${HANDED_OVER}`,
      [officeCode],
    )) as { total: string }[];
    return Number(row?.total ?? 0);
  }
}

function toCallTask(row: CallTaskRow): CallTaskDto {
  return {
    complaintId: row.complaint_id,
    trackingNumber: row.tracking_number,
    purpose: row.purpose,
    openedAt: row.opened_at.toISOString(),
    failures: row.failures.map((f): DeliveryFailureDto => ({ channel: f.channel, errorCode: f.errorCode, attempt: f.attempt, failedAt: new Date(f.failedAt).toISOString() })),
  };
}
