import { ServiceRuntime } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import type { LaporPostingDto } from './lapor-postings.dto';

interface LaporPostingRow {
  complaint_id: string;
  tracking_number: string;
  lapor_report_number: string | null;
  opened_at: string;
  total: string;
}

/**
 * The office's posting tasks (docs/adr/0055): every LAPOR! complaint in REPORTER_INFORMED, its
 * information written and not yet recorded as delivered nor given up (either closes the
 * complaint), read from the log's projection (`complaint_view`, `complaint_state`), oldest first.
 */
@Injectable()
export class LaporPostingsQuery {
  constructor(private readonly runtime: ServiceRuntime) {}

  async of(officeCode: string, page: { limit: number; offset: number }): Promise<{ items: LaporPostingDto[]; total: number }> {
    const rows = (await this.runtime.dataSource.query(
      `SELECT v.id AS complaint_id, v.tracking_number, v.lapor_report_number, s.state ->> 'since' AS opened_at, count(*) OVER () AS total
         FROM complaint_view v
         JOIN complaint_state s ON s.complaint_id = v.id
        WHERE v.office_code = $1 AND v.channel = 'LAPOR' AND v.status = 'REPORTER_INFORMED'
        ORDER BY s.state ->> 'since' ASC, v.id ASC
        LIMIT $2 OFFSET $3`,
      [officeCode, page.limit, page.offset],
    )) as LaporPostingRow[];
    const total = rows.length > 0 ? Number(rows[0].total) : page.offset === 0 ? 0 : await this.count(officeCode);
    return {
      items: rows.map((row) => ({
        complaintId: row.complaint_id,
        trackingNumber: row.tracking_number,
        laporReportNumber: row.lapor_report_number ?? '',
        openedAt: new Date(row.opened_at).toISOString(),
      })),
      total,
    };
  }

  /** The total when the page is past the end. */
  private async count(officeCode: string): Promise<number> {
    const [row] = (await this.runtime.dataSource.query(`SELECT count(*) AS total FROM complaint_view WHERE office_code = $1 AND channel = 'LAPOR' AND status = 'REPORTER_INFORMED'`, [officeCode])) as { total: string }[];
    return Number(row?.total ?? 0);
  }
}
