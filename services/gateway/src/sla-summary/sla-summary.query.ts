import { ServiceRuntime } from '@pengaduan/messaging';
import { Clock } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CLOCK_IDS, isClockId } from '@pengaduan/sop';
import { invalidRequest } from '../http/validation';
import { DEFAULT_SUMMARY_DAYS, type SlaStepSummaryDto, type SlaSummaryDto } from './sla-summary.dto';

const DAY_MS = 86_400_000;

interface SummaryRow {
  office_code: string;
  step_id: string;
  on_time: string;
  late: string;
  open: string;
  open_overdue: string;
  median_hours: number | null;
  p90_hours: number | null;
  late_median_hours: number | null;
}

/**
 * How the SLA monitor's deadlines of the officer's office that started in [from, to) fared,
 * per kind of deadline: stopped on time or late, still open (and overdue as of now), and the
 * median and 90th percentile of the time the stopped ones took. Counted in Postgres
 * (`percentile_cont`) from `sla_deadline`, which the projection keeps.
 */
@Injectable()
export class SlaSummaryQuery {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly clock: Clock,
  ) {}

  async of(user: AuthenticatedUser, period: { from?: string; to?: string }): Promise<SlaSummaryDto> {
    const now = this.clock.now();
    const to = period.to ? new Date(period.to) : now;
    const from = period.from ? new Date(period.from) : new Date(to.getTime() - DEFAULT_SUMMARY_DAYS * DAY_MS);
    if (from.getTime() >= to.getTime()) {
      throw invalidRequest([{ field: 'from', description: period.to ? 'from must be earlier than to' : 'from must be earlier than to, which is now when not given' }]);
    }
    const rows = (await this.runtime.dataSource.query(
      `SELECT office_code, step_id,
              count(*) FILTER (WHERE stopped_at IS NOT NULL AND lateness_ms = 0) AS on_time,
              count(*) FILTER (WHERE stopped_at IS NOT NULL AND lateness_ms > 0) AS late,
              count(*) FILTER (WHERE stopped_at IS NULL) AS open,
              count(*) FILTER (WHERE stopped_at IS NULL AND due_at < $4) AS open_overdue,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY elapsed_ms::double precision) FILTER (WHERE stopped_at IS NOT NULL) / 3600000 AS median_hours,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY elapsed_ms::double precision) FILTER (WHERE stopped_at IS NOT NULL) / 3600000 AS p90_hours,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY lateness_ms::double precision) FILTER (WHERE stopped_at IS NOT NULL AND lateness_ms > 0) / 3600000 AS late_median_hours
         FROM sla_deadline
        WHERE office_code = $1 AND started_at >= $2 AND started_at < $3
        GROUP BY office_code, step_id`,
      [user.officeCode, from, to, now],
    )) as SummaryRow[];
    const steps = rows.map(toStepSummary).sort((a, b) => stepOrder(a.stepId) - stepOrder(b.stepId) || a.stepId.localeCompare(b.stepId));
    return { from: from.toISOString(), to: to.toISOString(), asOf: now.toISOString(), offices: [{ officeCode: user.officeCode, steps }] };
  }
}

function toStepSummary(row: SummaryRow): SlaStepSummaryDto {
  return {
    stepId: row.step_id,
    onTime: Number(row.on_time),
    late: Number(row.late),
    open: Number(row.open),
    openOverdue: Number(row.open_overdue),
    medianHours: hours(row.median_hours),
    p90Hours: hours(row.p90_hours),
    lateMedianHours: hours(row.late_median_hours),
  };
}

/** Rounded to 0.01 h (36 s), which is all a dashboard shows and keeps float noise out. */
function hours(value: number | null): number | null {
  return value === null ? null : Math.round(Number(value) * 100) / 100;
}

/** The SOP's order; a kind the gateway does not know yet goes last. */
function stepOrder(stepId: string): number {
  return isClockId(stepId) ? CLOCK_IDS.indexOf(stepId) : CLOCK_IDS.length;
}
