import { ServiceRuntime } from '@pengaduan/messaging';
import type { ComplaintState } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { Brackets, In, IsNull } from 'typeorm';
import { ComplaintOutputRecord, ComplaintTimelineRecord, ComplaintViewRecord, SlaDeadlineRecord } from '../persistence/entities';

/** Filters of the complaint list; every one optional. */
export interface ComplaintFilters {
  status?: string;
  channel?: string;
  classificationCode?: string;
  trackingNumber?: string;
  /** Received at or after. */
  from?: Date;
  /** Received before. */
  to?: Date;
  /** Text in the tracking number or the confirmed summary. */
  q?: string;
  limit: number;
  offset: number;
}

/** A complaint of the read model with its libs/sop state and its SOP outputs. */
export interface ComplaintWithState {
  view: ComplaintViewRecord;
  state: ComplaintState;
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

  /** The view and the state of a complaint of the office, or null. */
  async withState(id: string, officeCode: string): Promise<ComplaintWithState | null> {
    const view = await this.inOffice(id, officeCode);
    if (!view) return null;
    const [row] = (await this.ds.query('SELECT state FROM complaint_state WHERE complaint_id = $1', [id])) as { state: ComplaintState }[];
    return row ? { view, state: row.state } : null;
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

  /** The statuses the complaint was in before the one it is in now (libs/sop statuses, from its timeline). */
  async earlierStatuses(id: string): Promise<string[]> {
    const rows = (await this.ds.query(
      `SELECT status_after FROM complaint_timeline
        WHERE complaint_id = $1 AND position < (SELECT max(position) FROM complaint_timeline WHERE complaint_id = $1)`,
      [id],
    )) as { status_after: string }[];
    return [...new Set(rows.map((r) => r.status_after))];
  }

  /** The office's complaints matching the filters, newest received first, and how many match in all. */
  async list(officeCode: string, filters: ComplaintFilters): Promise<{ items: ComplaintViewRecord[]; total: number }> {
    const query = this.ds.getRepository(ComplaintViewRecord).createQueryBuilder('v').where('v.office_code = :officeCode', { officeCode });
    if (filters.status) query.andWhere('v.status = :status', { status: filters.status });
    if (filters.channel) query.andWhere('v.channel = :channel', { channel: filters.channel });
    if (filters.classificationCode) query.andWhere('v.classification_code = :classificationCode', { classificationCode: filters.classificationCode });
    if (filters.trackingNumber) query.andWhere('v.tracking_number = :trackingNumber', { trackingNumber: filters.trackingNumber });
    if (filters.from) query.andWhere('v.received_at >= :from', { from: filters.from });
    if (filters.to) query.andWhere('v.received_at < :to', { to: filters.to });
    if (filters.q) {
      const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(new Brackets((b) => b.where('v.tracking_number ILIKE :pattern', { pattern }).orWhere('v.summary ILIKE :pattern', { pattern })));
    }
    const [items, total] = await query.orderBy('v.received_at', 'DESC').addOrderBy('v.id', 'DESC').skip(filters.offset).take(filters.limit).getManyAndCount();
    return { items, total };
  }

  /**
   * The office's complaints in one of these statuses, with their states, by the due time of
   * their current step (the SLA monitor's once its deadline started, see the projection).
   */
  async inStatuses(officeCode: string, statuses: readonly string[]): Promise<ComplaintWithState[]> {
    if (statuses.length === 0) return [];
    const rows = (await this.ds.query(
      `SELECT v.id, s.state FROM complaint_view v JOIN complaint_state s ON s.complaint_id = v.id
        WHERE v.office_code = $1 AND v.status = ANY($2)
        ORDER BY v.current_step_due_at ASC NULLS LAST, v.received_at ASC, v.id ASC`,
      [officeCode, [...statuses]],
    )) as { id: string; state: ComplaintState }[];
    if (rows.length === 0) return [];
    const views = await this.ds.getRepository(ComplaintViewRecord).findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(views.map((v) => [v.id, v]));
    return rows.flatMap((r) => {
      const view = byId.get(r.id);
      return view ? [{ view, state: r.state }] : [];
    });
  }
}
