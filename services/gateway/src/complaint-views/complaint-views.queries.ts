import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import type { ComplaintState } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import { ComplaintOutputRecord, ComplaintTimelineRecord, ComplaintViewRecord, SlaDeadlineRecord } from '../persistence/entities';
import { whereCriteria, type ComplaintSearchCriteria } from './complaint-search';

/** A complaint of the read model with its libs/sop state and its SOP outputs. */
export interface ComplaintWithState {
  view: ComplaintViewRecord;
  state: ComplaintState;
  /** The complaint's version as the gateway has applied it (docs/adr/0033); null before versions. */
  version: number | null;
}

/**
 * Reads the read model (complaint_view, complaint_state, complaint_timeline, complaint_output);
 * the projection is its only writer. Every read is limited to one office: a complaint of
 * another office is as absent as one that does not exist.
 */
@Injectable()
export class ComplaintViewQueries {
  constructor(private readonly runtime: ServiceRuntime) {}

  private get ds() {
    return this.runtime.dataSource;
  }

  inOffice(id: string, officeCode: string): Promise<ComplaintViewRecord | null> {
    return this.ds.getRepository(ComplaintViewRecord).findOneBy({ id, officeCode });
  }

  /**
   * The view and the state of a complaint of the office, or null. Read in one snapshot: the
   * projection commits both with the version, and a view read just before its commit with a
   * version read just after would show a client the old status under the new version.
   */
  async withState(id: string, officeCode: string): Promise<ComplaintWithState | null> {
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const view = await m.getRepository(ComplaintViewRecord).findOneBy({ id, officeCode });
      if (!view) return null;
      const [row] = (await m.query('SELECT state, version FROM complaint_state WHERE complaint_id = $1', [id])) as { state: ComplaintState; version: number | null }[];
      return row ? { view, state: row.state, version: row.version } : null;
    });
  }

  /**
   * {@link withState} once the view shows at least `version` (docs/adr/0033): it waits, polling
   * quickly at first, up to `withinMs`; then 409 `COMPLAINT.NOT_CAUGHT_UP`, also when the view has
   * no row yet for a complaint in the office by the gateway's own answer on it (just registered).
   * Null when the complaint is not in the office (after the wait: one that came in by a channel
   * appears within moments).
   */
  async withStateAt(id: string, officeCode: string, version: number, withinMs = 3_000): Promise<ComplaintWithState | null> {
    const giveUpAt = Date.now() + withinMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      const found = await this.withState(id, officeCode);
      if (found && (found.version === null || found.version >= version)) return found;
      if (Date.now() > giveUpAt) {
        if (!found && !(await this.versionsInOffice(id, officeCode))) return null;
        throw new ServiceError('conflict', 'COMPLAINT.NOT_CAUGHT_UP', `the view of complaint ${id} ${found ? `shows version ${found.version}` : 'does not have it yet'}, not yet version ${version}; retry shortly`, {
          ...(found ? { state: found.state.status, version: found.version } : {}),
          retryAfterSeconds: 1,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /**
   * The version of the complaint's view (null before versions) and of the gateway's last answer
   * on it, when it is in the office: in the view, or answered by the gateway for that office (a
   * complaint just registered, before the view has it). Null otherwise.
   */
  async versionsInOffice(id: string, officeCode: string): Promise<{ viewVersion: number | null; answeredVersion: number | null } | null> {
    const [row] = (await this.ds.query(
      `SELECT s.version AS view_version, a.version AS answered_version
         FROM (SELECT $1::uuid AS id) c
         LEFT JOIN complaint_view v ON v.id = c.id
         LEFT JOIN complaint_state s ON s.complaint_id = c.id
         LEFT JOIN complaint_answered_version a ON a.complaint_id = c.id
        WHERE v.office_code = $2 OR (v.id IS NULL AND a.office_code = $2)`,
      [id, officeCode],
    )) as { view_version: number | null; answered_version: number | null }[];
    return row ? { viewVersion: row.view_version, answeredVersion: row.answered_version } : null;
  }

  /**
   * Waits, polling quickly at first, up to `withinMs`, until the read model has applied these
   * events of a complaint (its timeline has them); answers whether it has. For a command whose
   * events move no version (docs/adr/0033: a call about the acknowledgement, docs/adr/0051), so
   * that the officer's next read (the view, the call tasks) shows them as a version would.
   */
  async applied(complaintId: string, eventIds: readonly string[], withinMs = 3_000): Promise<boolean> {
    const ids = eventIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const giveUpAt = Date.now() + withinMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      const [row] = (await this.ds.query('SELECT count(*)::int AS n FROM complaint_timeline WHERE complaint_id = $1 AND event_id = ANY($2::uuid[])', [complaintId, ids])) as { n: number }[];
      if ((row?.n ?? 0) >= ids.length) return true;
      if (Date.now() > giveUpAt) return false;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** Remembers the version of a command answer on the complaint (it only grows). */
  async rememberAnswered(id: string, officeCode: string, version: number): Promise<void> {
    await this.ds.query(
      `INSERT INTO complaint_answered_version (complaint_id, office_code, version) VALUES ($1, $2, $3)
       ON CONFLICT (complaint_id) DO UPDATE SET version = GREATEST(complaint_answered_version.version, EXCLUDED.version), answered_at = now()`,
      [id, officeCode, version],
    );
  }

  /**
   * The open deadlines (not stopped) of these complaints, earliest due first: one query for a
   * whole page. The callers have already limited the complaints to the officer's office.
   */
  async openDeadlinesOf(complaintIds: readonly string[]): Promise<SlaDeadlineRecord[]> {
    if (complaintIds.length === 0) return [];
    return this.ds.getRepository(SlaDeadlineRecord).find({
      where: { complaintId: In([...new Set(complaintIds)]), stoppedAt: IsNull() },
      order: { dueAt: 'ASC', deadlineId: 'ASC' },
    });
  }

  outputs(id: string): Promise<ComplaintOutputRecord | null> {
    return this.ds.getRepository(ComplaintOutputRecord).findOneBy({ complaintId: id });
  }

  /** Every event of the complaint, once, in the order of its stream. */
  timeline(id: string): Promise<ComplaintTimelineRecord[]> {
    return this.ds.getRepository(ComplaintTimelineRecord).find({ where: { complaintId: id }, order: { position: 'ASC' } });
  }

  /** The office's complaints meeting the criteria, newest received first, and how many meet them in all. */
  async list(officeCode: string, criteria: ComplaintSearchCriteria, page: { limit: number; offset: number }): Promise<{ items: ComplaintViewRecord[]; total: number; versions: Map<string, number> }> {
    // One snapshot for the page and its versions (see withState).
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const query = whereCriteria(m.getRepository(ComplaintViewRecord).createQueryBuilder('v'), officeCode, criteria);
      const [items, total] = await query.orderBy('v.received_at', 'DESC').addOrderBy('v.id', 'DESC').skip(page.offset).take(page.limit).getManyAndCount();
      return { items, total, versions: await versionsOf(m, items.map((v) => v.id)) };
    });
  }

  /**
   * The office's complaints meeting the criteria, newest received first, for an export: at most
   * `maxRows`, and how many meet them in all (docs/adr/0045).
   */
  async forExport(officeCode: string, criteria: ComplaintSearchCriteria, maxRows: number): Promise<{ items: ComplaintViewRecord[]; total: number }> {
    const query = whereCriteria(this.ds.getRepository(ComplaintViewRecord).createQueryBuilder('v'), officeCode, criteria);
    const [items, total] = await query.orderBy('v.received_at', 'DESC').addOrderBy('v.id', 'DESC').take(maxRows).getManyAndCount();
    return { items, total };
  }

  /**
   * The office's complaints in one of these statuses, with their states, by the due time of
   * their current step (the SLA monitor's once its deadline started, see the projection).
   */
  async inStatuses(officeCode: string, statuses: readonly string[]): Promise<ComplaintWithState[]> {
    if (statuses.length === 0) return [];
    // One snapshot for the states and the views (see withState).
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const rows = (await m.query(
        `SELECT v.id, s.state, s.version FROM complaint_view v JOIN complaint_state s ON s.complaint_id = v.id
          WHERE v.office_code = $1 AND v.status = ANY($2)
          ORDER BY v.current_step_due_at ASC NULLS LAST, v.received_at ASC, v.id ASC`,
        [officeCode, [...statuses]],
      )) as { id: string; state: ComplaintState; version: number | null }[];
      if (rows.length === 0) return [];
      const views = await m.getRepository(ComplaintViewRecord).findBy({ id: In(rows.map((r) => r.id)) });
      const byId = new Map(views.map((v) => [v.id, v]));
      return rows.flatMap((r) => {
        const view = byId.get(r.id);
        return view ? [{ view, state: r.state, version: r.version }] : [];
      });
    });
  }

}

/** The versions of these complaints' views (docs/adr/0033), by id; absent ones have none. */
async function versionsOf(m: EntityManager, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = (await m.query('SELECT complaint_id, version FROM complaint_state WHERE complaint_id = ANY($1) AND version IS NOT NULL', [[...ids]])) as {
    complaint_id: string;
    version: number;
  }[];
  return new Map(rows.map((r) => [r.complaint_id, r.version]));
}
