import { ServiceRuntime } from '@pengaduan/messaging';
import type { Role } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { ProblemMessageOffices } from './problem-message-offices';
import { INBOUND_COLUMNS, PROBLEM_MESSAGE_READERS, QUARANTINE_COLUMNS, requireRole, toItem, type ProblemMessageItem, type ProblemMessageRow } from './problem-message';

/** Longest page, and its length when the caller does not say. */
const MAX_PAGE = 100;

export interface ListProblemMessagesQuery {
  role: Role;
  officeCode: string;
  limit: number;
  offset: number;
}

/**
 * The office's problem messages waiting for an officer, oldest first: the quarantined requests
 * of the providers the office has accounts at, and the office's FAILED channel messages.
 */
@Injectable()
export class ListProblemMessagesHandler {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly offices: ProblemMessageOffices,
  ) {}

  async execute(q: ListProblemMessagesQuery): Promise<{ items: ProblemMessageItem[]; total: number }> {
    requireRole(PROBLEM_MESSAGE_READERS, q.role, 'read');
    const limit = q.limit > 0 ? Math.min(q.limit, MAX_PAGE) : MAX_PAGE;
    const rows = (await this.runtime.dataSource.query(
      `WITH waiting AS (
         SELECT ${QUARANTINE_COLUMNS} FROM webhook_quarantine WHERE status = 'QUARANTINED' AND provider = ANY($1)
         UNION ALL
         SELECT ${INBOUND_COLUMNS} FROM inbound_message WHERE status = 'FAILED' AND office_code = $2)
       SELECT *, count(*) OVER () AS total FROM waiting ORDER BY received_at, id LIMIT $3 OFFSET $4`,
      [this.offices.providersOf(q.officeCode), q.officeCode, limit, Math.max(0, q.offset)],
    )) as (ProblemMessageRow & { total: string })[];
    const total = rows.length > 0 ? Number(rows[0].total) : q.offset > 0 ? await this.count(q.officeCode) : 0;
    return { items: rows.map(toItem), total };
  }

  /** The total when the page is past the end (the window count came with no row). */
  private async count(officeCode: string): Promise<number> {
    const [row] = (await this.runtime.dataSource.query(
      `SELECT (SELECT count(*) FROM webhook_quarantine WHERE status = 'QUARANTINED' AND provider = ANY($1))
            + (SELECT count(*) FROM inbound_message WHERE status = 'FAILED' AND office_code = $2) AS total`,
      [this.offices.providersOf(officeCode), officeCode],
    )) as { total: string }[];
    return Number(row?.total ?? 0);
  }
}
