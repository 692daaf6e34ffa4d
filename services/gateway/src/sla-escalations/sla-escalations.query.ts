import { ServiceRuntime } from '@pengaduan/messaging';
import { Clock } from '@pengaduan/runtime';
import { OFFICE_REPORT } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { secondsUntil } from '../complaint-views/deadline.dto';
import type { EscalationDto } from './sla-escalations.dto';

interface EscalationRow {
  deadline_id: string;
  complaint_id: string;
  tracking_number: string;
  step_id: string;
  section_code: string | null;
  due_at: Date;
  escalated_at: Date;
  escalated_to_role: string;
  escalation_level: number;
  stopped_at: Date | null;
  lateness_ms: string | null;
  total: string;
}

/**
 * The missed deadlines the SLA monitor escalated to the officer: to their role, in their
 * office; for the kepala kantor also those recorded for the office report (a miss of their own,
 * with no one above them in the office). A section officer sees only their own section's and
 * those of no section. Open ones only, unless `includeResolved`; oldest due first.
 */
@Injectable()
export class SlaEscalationsQuery {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly clock: Clock,
  ) {}

  async of(user: AuthenticatedUser, options: { includeResolved: boolean; limit: number; offset: number }): Promise<{ items: EscalationDto[]; total: number }> {
    const roles: string[] = user.role === 'KEPALA_KANTOR' ? [user.role, OFFICE_REPORT] : [user.role];
    const rows = (await this.runtime.dataSource.query(
      `SELECT d.deadline_id, d.complaint_id, v.tracking_number, d.step_id, d.section_code, d.due_at, d.escalated_at,
              d.escalated_to_role, d.escalation_level, d.stopped_at, d.lateness_ms, count(*) OVER () AS total
         FROM sla_deadline d JOIN complaint_view v ON v.id = d.complaint_id
        WHERE d.office_code = $1 AND d.escalated_to_role = ANY($2::text[])
          AND ($3::boolean OR d.stopped_at IS NULL)
          AND ($4::text IS NULL OR d.section_code IS NULL OR d.section_code = $4)
        ORDER BY d.due_at ASC, d.deadline_id ASC
        LIMIT $5 OFFSET $6`,
      [user.officeCode, roles, options.includeResolved, user.sectionCode ?? null, options.limit, options.offset],
    )) as EscalationRow[];
    const now = this.clock.now();
    return { items: rows.map((row) => toEscalation(row, now)), total: rows.length > 0 ? Number(rows[0].total) : await this.count(user, roles, options.includeResolved) };
  }

  /** The total when the page is past the end (the window count came with no row). */
  private async count(user: AuthenticatedUser, roles: string[], includeResolved: boolean): Promise<number> {
    const [row] = (await this.runtime.dataSource.query(
      `SELECT count(*) AS total FROM sla_deadline d
        WHERE d.office_code = $1 AND d.escalated_to_role = ANY($2::text[]) AND ($3::boolean OR d.stopped_at IS NULL)
          AND ($4::text IS NULL OR d.section_code IS NULL OR d.section_code = $4)`,
      [user.officeCode, roles, includeResolved, user.sectionCode ?? null],
    )) as { total: string }[];
    return Number(row?.total ?? 0);
  }
}

function toEscalation(row: EscalationRow, now: Date): EscalationDto {
  const resolved = row.stopped_at !== null;
  return {
    deadlineId: row.deadline_id,
    complaintId: row.complaint_id,
    trackingNumber: row.tracking_number,
    stepId: row.step_id,
    sectionCode: row.section_code,
    dueAt: row.due_at.toISOString(),
    escalatedAt: row.escalated_at.toISOString(),
    escalatedToRole: row.escalated_to_role,
    level: row.escalation_level,
    latenessSeconds: resolved ? Math.floor(Number(row.lateness_ms ?? 0) / 1000) : Math.max(0, -secondsUntil(row.due_at, now)),
    resolved,
    stoppedAt: row.stopped_at?.toISOString() ?? null,
  };
}
