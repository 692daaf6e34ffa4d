import { ServiceRuntime } from '@pengaduan/messaging';
import { Clock } from '@pengaduan/runtime';
import { SLA_TARGET_IDS } from '@pengaduan/sop';
import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { invalidRequest } from '../http/validation';
import { dashboardFeedback } from './dashboard-feedback.query';
import { DashboardDto, DashboardQuery, type DashboardBucket } from './dashboard.dto';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;
/** More periods than a chart can show is a mistake in the request. */
const MAX_PERIODS = 400;
/** WIB is UTC+7 all year (no daylight saving). */
const WIB_OFFSET_MS = 7 * 3_600_000;

/** The first day (WIB, `YYYY-MM-DD`) of each period of [from, to): days, or ISO weeks from Monday. */
export function periodStarts(from: Date, to: Date, bucket: DashboardBucket): string[] {
  const dayOf = (t: number) => Math.floor((t + WIB_OFFSET_MS) / DAY_MS);
  let day = dayOf(from.getTime());
  if (bucket === 'week') day -= (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
  const last = dayOf(to.getTime() - 1);
  const step = bucket === 'week' ? 7 : 1;
  const starts: string[] = [];
  for (; day <= last; day += step) starts.push(new Date(day * DAY_MS).toISOString().slice(0, 10));
  return starts;
}

@Injectable()
export class DashboardQueries {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly clock: Clock,
  ) {}

  async of(user: AuthenticatedUser, query: DashboardQuery): Promise<DashboardDto> {
    const now = this.clock.now();
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
    const bucket = query.bucket ?? 'day';
    if (from >= to) throw invalidRequest([{ field: 'from', description: 'from must be earlier than to' }]);
    const periods = periodStarts(from, to, bucket);
    if (periods.length > MAX_PERIODS) throw invalidRequest([{ field: 'bucket', description: `the period has ${periods.length} ${bucket}s; at most ${MAX_PERIODS}` }]);
    const ds = this.runtime.dataSource;
    const counts = (column: string) =>
      ds.query(
        `SELECT ${column} AS value, count(*)::int AS count FROM complaint_view
          WHERE office_code = $1 AND received_at >= $2 AND received_at < $3 GROUP BY ${column} ORDER BY count(*) DESC, ${column}`,
        [user.officeCode, from, to],
      ) as Promise<{ value: string | null; count: number }[]>;
    const [byChannel, byClassification, byStatus, feedback] = await Promise.all([
      counts('channel'),
      counts('classification_code'),
      counts('status'),
      dashboardFeedback(ds, { officeCode: user.officeCode, from, to, ...(query.channel ? { channel: query.channel } : {}) }),
    ]);
    // On time / late by the WIB period the deadline was settled in: stopped, or (late) breached and still open.
    const sla = (await ds.query(
      `SELECT to_char(date_trunc($5, (coalesce(stopped_at, due_at) AT TIME ZONE 'Asia/Jakarta')), 'YYYY-MM-DD') AS period,
              count(*) FILTER (WHERE stopped_at IS NOT NULL AND lateness_ms = 0)::int AS on_time,
              count(*) FILTER (WHERE (stopped_at IS NOT NULL AND lateness_ms > 0) OR (stopped_at IS NULL AND due_at < $4))::int AS late
         FROM sla_deadline
        WHERE office_code = $1 AND NOT (step_id = ANY($6)) AND coalesce(stopped_at, due_at) >= $2 AND coalesce(stopped_at, due_at) < $3
          AND (stopped_at IS NOT NULL OR due_at < $4)
        GROUP BY 1`,
      [user.officeCode, from, to < now ? to : now, now, bucket, [...SLA_TARGET_IDS]],
    )) as { period: string; on_time: number; late: number }[];
    const byPeriod = new Map(sla.map((r) => [r.period, r]));
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      bucket,
      total: byStatus.reduce((n, r) => n + r.count, 0),
      byChannel: byChannel.map((r) => ({ channel: r.value ?? '', count: r.count })),
      byClassification: byClassification.map((r) => ({ classificationCode: r.value, count: r.count })),
      byStatus: byStatus.map((r) => ({ status: r.value ?? '', count: r.count })),
      slaOverTime: periods.map((p) => ({ periodStart: p, onTime: byPeriod.get(p)?.on_time ?? 0, late: byPeriod.get(p)?.late ?? 0 })),
      feedback,
    };
  }
}

/** `GET /api/v1/dashboard`: the figures behind the dashboard's charts, for the officer's office. */
@ApiTags('dashboard')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/dashboard`)
export class DashboardHttpController {
  constructor(private readonly queries: DashboardQueries) {}

  @Get()
  @ApiOperation({ summary: 'Complaints received in a period by channel, classification and status; SLA compliance of the steps per day or week (per step: GET /sla/summary); ratings and appeals given in the period' })
  @ApiOkResponse({ type: DashboardDto })
  @ApiProblemResponses([400, 'A query parameter is not valid'], [401, 'No valid access token'], [503, 'The read model is not reachable'])
  of(@Query() query: DashboardQuery, @CurrentUser() user: AuthenticatedUser): Promise<DashboardDto> {
    return this.queries.of(user, query);
  }
}
