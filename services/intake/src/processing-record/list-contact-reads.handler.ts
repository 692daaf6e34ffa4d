import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import type { Role } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { validate as isUuid } from 'uuid';

/**
 * Who reads the processing record of the office (docs/adr/0029): the head of office, who
 * answers for the processing, and the auditor, whose work is to check it.
 */
export const PROCESSING_RECORD_READERS: readonly Role[] = ['KEPALA_KANTOR', 'AUDITOR'];

export interface ListContactReadsQuery {
  role: Role;
  /** The officer's office: only its complaints' rows. */
  officeCode: string;
  from?: Date;
  to?: Date;
  complaintId?: string;
  pageSize: number;
  pageToken?: string;
}

/** One row of the processing record, as listed (never the contact). */
export interface ContactReadRow {
  id: string;
  at: Date;
  complaintId: string;
  officeCode: string;
  actorKind: 'user' | 'system';
  userId?: string;
  role?: string;
  actorOfficeCode?: string;
  service?: string;
  purpose: string;
  reason?: string;
  fields: string[];
  outcome: 'READ' | 'REFUSED';
  refusalCode?: string;
  channel?: string;
}

/** A row of `contact_processing_record` as Postgres answers it. */
export interface ContactProcessingRecordRow {
  id: string;
  at: Date;
  complaint_id: string;
  office_code: string;
  actor_kind: 'user' | 'system';
  user_id: string | null;
  role: string | null;
  actor_office_code: string | null;
  service: string | null;
  purpose: string;
  reason: string | null;
  fields: string[];
  outcome: 'READ' | 'REFUSED';
  refusal_code: string | null;
  channel: string | null;
}

const MAX_PAGE = 200;
const DEFAULT_PAGE = 50;

/** The page token: the last row's time and id, so a page never repeats nor skips a row. */
function decodeToken(token: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(token, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || !isUuid(id) || Number.isNaN(date.getTime())) {
    throw new ServiceError('invalid', 'REQUEST.INVALID', 'the page token is not one this service gave', {
      fieldViolations: [{ field: 'pageToken', description: 'the nextPageToken of the previous page' }],
    });
  }
  return { at: date, id };
}

function encodeToken(row: ContactProcessingRecordRow): string {
  return Buffer.from(`${row.at.toISOString()}|${row.id}`, 'utf8').toString('base64url');
}

/** The office's processing record of contacts, oldest first, a page at a time. */
@Injectable()
export class ListContactReadsHandler {
  constructor(private readonly runtime: ServiceRuntime) {}

  async execute(q: ListContactReadsQuery): Promise<{ reads: ContactReadRow[]; nextPageToken?: string }> {
    if (!PROCESSING_RECORD_READERS.includes(q.role)) {
      throw new ServiceError('forbidden', 'COMPLAINT.FORBIDDEN_ROLE', `${q.role} may not read the processing record`);
    }
    if (q.complaintId !== undefined && !isUuid(q.complaintId)) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'the complaint id is invalid', { fieldViolations: [{ field: 'complaintId', description: 'must be a UUID' }] });
    }
    if (q.from && q.to && q.from >= q.to) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'the period ends before it starts', { fieldViolations: [{ field: 'to', description: 'after from' }] });
    }
    const size = q.pageSize > 0 ? Math.min(q.pageSize, MAX_PAGE) : DEFAULT_PAGE;
    const after = q.pageToken ? decodeToken(q.pageToken) : undefined;
    const where = ['office_code = $1'];
    const params: unknown[] = [q.officeCode];
    const add = (sql: (n: number) => string, ...values: unknown[]) => {
      where.push(sql(params.length + 1));
      params.push(...values);
    };
    if (q.from) add((n) => `at >= $${n}`, q.from);
    if (q.to) add((n) => `at < $${n}`, q.to);
    if (q.complaintId) add((n) => `complaint_id = $${n}`, q.complaintId);
    if (after) add((n) => `(at, id) > ($${n}, $${n + 1})`, after.at, after.id);
    const rows = (await this.runtime.dataSource.query(
      `SELECT id, at, complaint_id, office_code, actor_kind, user_id, role, actor_office_code, service, purpose, reason, fields, outcome, refusal_code, channel
         FROM contact_processing_record WHERE ${where.join(' AND ')} ORDER BY at, id LIMIT ${size + 1}`,
      params,
    )) as ContactProcessingRecordRow[];
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    return { reads: page.map(toView), ...(rows.length > size && last ? { nextPageToken: encodeToken(last) } : {}) };
  }
}

function toView(r: ContactProcessingRecordRow): ContactReadRow {
  return {
    id: r.id,
    at: r.at,
    complaintId: r.complaint_id,
    officeCode: r.office_code,
    actorKind: r.actor_kind,
    ...(r.user_id ? { userId: r.user_id } : {}),
    ...(r.role ? { role: r.role } : {}),
    ...(r.actor_office_code ? { actorOfficeCode: r.actor_office_code } : {}),
    ...(r.service ? { service: r.service } : {}),
    purpose: r.purpose,
    ...(r.reason ? { reason: r.reason } : {}),
    fields: r.fields,
    outcome: r.outcome,
    ...(r.refusal_code ? { refusalCode: r.refusal_code } : {}),
    ...(r.channel ? { channel: r.channel } : {}),
  };
}
