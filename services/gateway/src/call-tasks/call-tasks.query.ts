import { ServiceRuntime } from '@pengaduan/messaging';
import { Clock } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import type { CallTaskDto, DeliveryFailureDto } from './call-tasks.dto';

interface CallTaskRow {
  complaint_id: string;
  tracking_number: string;
  purpose: string;
  opened_at: Date;
  failures: { channel: string; errorCode: string; attempt: number; failedAt: string }[];
  attempted_at: Date | null;
  retry_at: Date | null;
  attempts: string;
  total: string;
}

/**
 * A failure that ends the automatic attempts: not retried, and handed to no other channel than
 * the phone (notification hands over to PHONE when its last channel gives up). A notice withheld
 * because the reporter's contact is restricted (`<CHANNEL>.RESTRICTED`, docs/adr/0056) is no
 * task: no officer may call them.
 */
const HANDED_OVER = `NOT f.will_retry AND (f.fallback_channel IS NULL OR f.fallback_channel = 'PHONE') AND f.error_code NOT LIKE '%.RESTRICTED'`;

/**
 * The office's call tasks due now ($1 the office, $2 now), one per notice no channel delivered
 * (docs/adr/0051): step 8's information (the follow-up information, or a dismissed message's
 * dismissal notice) of a complaint in REPORTER_INFORMED, and the acknowledgement of an open
 * complaint while the gateway's state of it says the acknowledgement failed and was neither given
 * nor given up since. A task whose last call that did not reach the reporter (about that notice;
 * a call recorded before purposes is step 8's) set a retry time waits until then (docs/adr/0044).
 */
const DUE_TASKS = `
  WITH task AS (
    SELECT v.id AS complaint_id, v.tracking_number, f.purpose,
           min(f.failed_at) FILTER (WHERE ${HANDED_OVER}) AS opened_at,
           json_agg(json_build_object('channel', f.channel, 'errorCode', f.error_code, 'attempt', f.attempt, 'failedAt', f.failed_at)
                    ORDER BY f.failed_at, f.event_id) AS failures
      FROM complaint_view v
      JOIN complaint_state s ON s.complaint_id = v.id
      JOIN delivery_failure f ON f.complaint_id = v.id
     WHERE v.office_code = $1
       AND ((f.purpose IN ('FOLLOW_UP_INFORMATION', 'DISMISSAL_NOTICE') AND v.status = 'REPORTER_INFORMED')
         OR (f.purpose = 'ACKNOWLEDGEMENT' AND v.status <> 'CLOSED' AND s.state ->> 'acknowledgement' = 'FAILED'))
     GROUP BY v.id, v.tracking_number, f.purpose
    HAVING bool_or(${HANDED_OVER})
  )
  SELECT t.*, a.attempted_at, a.retry_at, coalesce(a.attempts, 0) AS attempts
    FROM task t
    LEFT JOIN LATERAL (
      SELECT c.attempted_at, c.retry_at, count(*) OVER () AS attempts
        FROM call_attempt c
       WHERE c.complaint_id = t.complaint_id AND (c.purpose = t.purpose OR (c.purpose IS NULL AND t.purpose <> 'ACKNOWLEDGEMENT'))
       ORDER BY c.attempted_at DESC, c.event_id DESC LIMIT 1
    ) a ON true
   WHERE a.retry_at IS NULL OR a.retry_at <= $2`;

/**
 * The office's open call tasks: notices every channel failed to deliver and no officer has told
 * or given up yet (docs/adr/0040, 0051): step 8's information, which ends when the complaint
 * leaves REPORTER_INFORMED (the delivery is recorded, or given up, and it closes; docs/adr/0044),
 * and the acknowledgement, which ends when it is told by phone or given up, or the complaint
 * closes. Read from the log's projection (`delivery_failure`, `call_attempt`, `complaint_view`,
 * `complaint_state`), oldest hand-over first; a complaint may have one task of each. A task waits,
 * hidden, until the retry time of a call about it that did not reach the reporter.
 */
@Injectable()
export class CallTasksQuery {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly clock: Clock,
  ) {}

  async of(officeCode: string, page: { limit: number; offset: number }): Promise<{ items: CallTaskDto[]; total: number }> {
    const now = this.clock.now();
    const rows = (await this.runtime.dataSource.query(
      `SELECT d.*, count(*) OVER () AS total FROM (${DUE_TASKS}) d ORDER BY d.opened_at ASC, d.complaint_id ASC, d.purpose ASC LIMIT $3 OFFSET $4`,
      [officeCode, now, page.limit, page.offset],
    )) as CallTaskRow[];
    return { items: rows.map(toCallTask), total: rows.length > 0 ? Number(rows[0].total) : page.offset === 0 ? 0 : await this.count(officeCode, now) };
  }

  /** The total when the page is past the end (the window count came with no row). */
  private async count(officeCode: string, now: Date): Promise<number> {
    const [row] = (await this.runtime.dataSource.query(`SELECT count(*) AS total FROM (${DUE_TASKS}) d`, [officeCode, now])) as { total: string }[];
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
    lastCallAttempt:
      row.attempted_at && row.retry_at
        ? { attemptedAt: row.attempted_at.toISOString(), retryAt: row.retry_at.toISOString(), attempts: Number(row.attempts) }
        : null,
  };
}
