import { ServiceRuntime } from '@pengaduan/messaging';
import { Clock, ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AuthenticatedUser, OfficerRole } from '../auth/authenticated-user';
import { complaintNotFound } from '../complaint-commands/complaint-command.runner';
import { requestIdOf } from '../complaint-commands/request-id';
import { ComplaintViewQueries } from '../complaint-views/complaint-views.queries';
import { IntakeClient } from '../upstream/clients';
import type { NoteDto } from './notes.dto';

/** Who reads the notes but writes none. */
export const NOTE_READ_ONLY: readonly OfficerRole[] = ['AUDITOR'];

interface Row {
  id: string;
  request_id: string;
  complaint_id: string;
  text: string;
  at: Date;
  author_id: string;
  author_name: string;
  author_role: OfficerRole;
  author_section: string | null;
}

const SELECT = `
  SELECT n.id, n.request_id, n.complaint_id, n.text, n.at, n.author_id,
         a.display_name AS author_name, a.role AS author_role, a.section_code AS author_section
    FROM complaint_note n JOIN user_account a ON a.id = n.author_id`;

/**
 * The office's internal notes on a complaint (docs/adr/0046): append-only, each with its author
 * and time, read by every officer of the office and by no one else (never on /lacak, in an event
 * or a log). A note is screened by intake first: one giving the complainant's contact away is
 * refused (COMPLAINT.PERSONAL_DATA naming `text`).
 */
@Injectable()
export class ComplaintNotes {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly views: ComplaintViewQueries,
    private readonly intake: IntakeClient,
    private readonly clock: Clock,
  ) {}

  async list(user: AuthenticatedUser, complaintId: string): Promise<NoteDto[]> {
    await this.inOffice(user, complaintId);
    const rows = (await this.runtime.dataSource.query(`${SELECT} WHERE n.complaint_id = $1 AND n.office_code = $2 ORDER BY n.at, n.id`, [complaintId, user.officeCode])) as Row[];
    return rows.map(noteOf);
  }

  async add(user: AuthenticatedUser, complaintId: string, text: string, idempotencyKey: string, correlationId: string): Promise<NoteDto> {
    if (NOTE_READ_ONLY.includes(user.role)) throw new ServiceError('forbidden', 'NOTE.FORBIDDEN_ROLE', 'your role reads the notes but writes none');
    await this.inOffice(user, complaintId);
    const requestId = requestIdOf(user, idempotencyKey);
    const replayed = await this.byRequest(this.runtime.dataSource.manager, requestId);
    if (replayed) return sameRequest(replayed, complaintId, text);
    await this.intake.call('screenOfficerText', { complaintId, officeCode: user.officeCode, texts: [{ field: 'text', text }] }, correlationId);
    const id = uuidv7();
    const inserted = (await this.runtime.dataSource.query(
      `INSERT INTO complaint_note (id, request_id, complaint_id, office_code, text, author_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (request_id) DO NOTHING RETURNING id`,
      [id, requestId, complaintId, user.officeCode, text, user.id, this.clock.now()],
    )) as unknown[];
    // Lost a race with the same request: answer what the other try recorded.
    const recorded = await this.byRequest(this.runtime.dataSource.manager, requestId);
    if (!recorded) throw new Error('a note just recorded is not found');
    return inserted.length > 0 ? noteOf(recorded) : sameRequest(recorded, complaintId, text);
  }

  private async inOffice(user: AuthenticatedUser, complaintId: string): Promise<void> {
    if (!(await this.views.inOffice(complaintId, user.officeCode))) throw complaintNotFound(complaintId);
  }

  private async byRequest(manager: EntityManager, requestId: string): Promise<Row | undefined> {
    const [row] = (await manager.query(`${SELECT} WHERE n.request_id = $1`, [requestId])) as Row[];
    return row;
  }
}

/** A retry answers the note the first try recorded; the same key for another note is refused. */
function sameRequest(row: Row, complaintId: string, text: string): NoteDto {
  if (row.complaint_id !== complaintId || row.text !== text) {
    throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was already used for a different request');
  }
  return noteOf(row);
}

function noteOf(r: Row): NoteDto {
  return {
    id: r.id,
    text: r.text,
    author: { id: r.author_id, displayName: r.author_name, role: r.author_role, ...(r.author_section ? { sectionCode: r.author_section } : {}) },
    at: new Date(r.at).toISOString(),
  };
}
