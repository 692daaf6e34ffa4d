import { ServiceRuntime } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OfficerRole } from '../auth/authenticated-user';
import type { LatestAssignment } from './assignment-rules';

/** An officer as an assignment names them. */
export interface NamedOfficer {
  id: string;
  displayName: string;
  role: OfficerRole;
  sectionCode?: string;
}

/** One row of the journal: a claim, an assignment or a release, by whom and when. */
export interface AssignmentEntry extends LatestAssignment {
  seq: number;
  complaintId: string;
  requestId: string;
  assignee: NamedOfficer | null;
  actor: NamedOfficer;
  at: Date;
}

/** What a command appends. */
export interface NewAssignmentEntry {
  requestId: string;
  complaintId: string;
  officeCode: string;
  kind: AssignmentEntry['kind'];
  assigneeId: string | null;
  stepKey: string;
  actorId: string;
  at: Date;
}

interface Row {
  seq: string;
  complaint_id: string;
  request_id: string;
  kind: AssignmentEntry['kind'];
  step_key: string;
  at: Date;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_role: OfficerRole | null;
  assignee_section: string | null;
  actor_id: string;
  actor_name: string;
  actor_role: OfficerRole;
  actor_section: string | null;
}

const SELECT = `
  SELECT j.seq, j.complaint_id, j.request_id, j.kind, j.step_key, j.at,
         j.assignee_id, s.display_name AS assignee_name, s.role AS assignee_role, s.section_code AS assignee_section,
         j.actor_id, a.display_name AS actor_name, a.role AS actor_role, a.section_code AS actor_section
    FROM complaint_assignment j
    JOIN user_account a ON a.id = j.actor_id
    LEFT JOIN user_account s ON s.id = j.assignee_id`;

/**
 * The append-only journal of who is on which complaint (`complaint_assignment`, docs/adr/0046):
 * rows are only ever added, so who claimed, assigned or released and when is never overwritten.
 */
@Injectable()
export class AssignmentJournal {
  constructor(private readonly runtime: ServiceRuntime) {}

  /** Every row of a complaint of the office, oldest first. */
  async of(complaintId: string, officeCode: string, manager: EntityManager = this.runtime.dataSource.manager): Promise<AssignmentEntry[]> {
    const rows = (await manager.query(`${SELECT} WHERE j.complaint_id = $1 AND j.office_code = $2 ORDER BY j.seq`, [complaintId, officeCode])) as Row[];
    return rows.map(entryOf);
  }

  /** The latest row of each of these complaints of the office. */
  async latestOf(complaintIds: readonly string[], officeCode: string): Promise<Map<string, AssignmentEntry>> {
    if (complaintIds.length === 0) return new Map();
    const rows = (await this.runtime.dataSource.query(
      `${SELECT} WHERE j.seq IN (SELECT max(seq) FROM complaint_assignment WHERE complaint_id = ANY($1::uuid[]) AND office_code = $2 GROUP BY complaint_id)`,
      [complaintIds, officeCode],
    )) as Row[];
    return new Map(rows.map((r) => [r.complaint_id, entryOf(r)]));
  }

  /** The row a command with this request id recorded, if any. */
  async byRequest(manager: EntityManager, requestId: string): Promise<AssignmentEntry | undefined> {
    const [row] = (await manager.query(`${SELECT} WHERE j.request_id = $1`, [requestId])) as Row[];
    return row ? entryOf(row) : undefined;
  }

  /** Serialises the commands on one complaint until the caller's transaction ends. */
  async lock(manager: EntityManager, complaintId: string): Promise<void> {
    await manager.query("SELECT pg_advisory_xact_lock(hashtext('complaint_assignment:' || $1))", [complaintId]);
  }

  async append(manager: EntityManager, entry: NewAssignmentEntry): Promise<void> {
    await manager.query(
      `INSERT INTO complaint_assignment (request_id, complaint_id, office_code, kind, assignee_id, step_key, actor_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [entry.requestId, entry.complaintId, entry.officeCode, entry.kind, entry.assigneeId, entry.stepKey, entry.actorId, entry.at],
    );
  }
}

function officer(id: string, displayName: string, role: OfficerRole, section: string | null): NamedOfficer {
  return { id, displayName, role, ...(section ? { sectionCode: section } : {}) };
}

function entryOf(r: Row): AssignmentEntry {
  return {
    seq: Number(r.seq),
    complaintId: r.complaint_id,
    requestId: r.request_id,
    kind: r.kind,
    stepKey: r.step_key,
    at: new Date(r.at),
    assignee: r.assignee_id && r.assignee_name && r.assignee_role ? officer(r.assignee_id, r.assignee_name, r.assignee_role, r.assignee_section) : null,
    actor: officer(r.actor_id, r.actor_name, r.actor_role, r.actor_section),
  };
}
