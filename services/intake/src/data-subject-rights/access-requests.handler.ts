import type { ComplaintCommandExecutor, ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError, type Clock } from '@pengaduan/runtime';
import { FIELD_RULES, accessRequestDueAt, type Role, type UserActor } from '@pengaduan/sop';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import type { ContactCipher } from '../reporter-contact/contact-cipher';
import { openStoredReporter } from '../reporter-contact/reporter-contacts';
import { verifierMatches } from '../verify-reporter/reporter-verifier';
import { onceByRequestId, screenOfficerText } from './officer-request';
import { recordDataSubjectEvent } from './data-subject-events';
import { collectPersonData, personComplaintRefs, type PersonData, type PersonTimelineEntry } from './person-data';
import { personDataZip } from './person-data-archive';
import { personDataJson, personDataPdf, type ExportFormat, type ExportHeader } from './person-data-export';

/** What Admin Tikkim saw of a person who came in person; its number is never stored. */
export const IDENTITY_DOCUMENT_KINDS = ['KTP', 'PASPOR', 'SIM', 'KITAS', 'LAINNYA'] as const;
export type IdentityDocumentKind = (typeof IDENTITY_DOCUMENT_KINDS)[number];

/** Who reads the list of requests: Admin Tikkim, who serves them, and the head of office, who answers for them. */
export const ACCESS_REQUEST_READERS: readonly Role[] = ['ADMIN_TIKKIM', 'KEPALA_KANTOR'];

export interface OfficerContext {
  actor: UserActor;
  actorOffice: string;
}

export interface RegisterAccessRequest extends OfficerContext {
  requestId: string;
  trackingNumber: string;
  verification: 'CHANNEL' | 'IN_PERSON';
  /** CHANNEL: what the person read back from their channel (a tracking PIN, the phone's last digits, the e-mail). Personal data: compared, never kept. */
  verifier?: string;
  /** IN_PERSON: the kind of identity document seen. */
  identityDocumentKind?: IdentityDocumentKind;
}

export interface AccessRequestView {
  id: string;
  officeCode: string;
  trackingNumber: string;
  verification: string;
  identityDocumentKind: string | null;
  registeredBy: string;
  registeredAt: Date;
  dueAt: Date;
  handedOverAt: Date | null;
  handedOverBy: string | null;
  handedOverHow: string | null;
}

interface RequestRow {
  id: string;
  office_code: string;
  tracking_number: string;
  complaint_id: string;
  reporter_ref: string;
  verification: string;
  identity_document_kind: string | null;
  registered_by: string;
  registered_at: Date;
  due_at: Date;
  handed_over_at: Date | null;
  handed_over_by: string | null;
  handed_over_how: string | null;
  request_hash: string;
}

/** Access requests (hak akses, UU 27/2022): register, list, export, hand over. Admin Tikkim's alone but the list. */
export class AccessRequestsHandler {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly cipher: ContactCipher,
    private readonly clock: Clock,
    private readonly executor: ComplaintCommandExecutor,
  ) {}

  async register(c: RegisterAccessRequest): Promise<AccessRequestView> {
    mustBe(c, ['ADMIN_TIKKIM']);
    assertVerification(c);
    const hash = createHash('sha256')
      .update(JSON.stringify([c.trackingNumber.trim(), c.verification, c.verifier ?? null, c.identityDocumentKind ?? null, c.actor.userId]))
      .digest('hex');
    return this.runtime.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`data-subject-request/${c.requestId}`]);
      const [done] = (await tx.query('SELECT * FROM data_subject_request WHERE request_key = $1', [c.requestId])) as RequestRow[];
      if (done) {
        if (done.request_hash !== hash) throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this idempotency key was already used for a different request');
        return viewOf(done);
      }
      const complaint = await this.verifiedComplaint(tx, c);
      const id = uuidv7();
      const now = this.clock.now();
      await tx.query(
        `INSERT INTO data_subject_request (id, office_code, kind, complaint_id, tracking_number, reporter_ref, verification, identity_document_kind, registered_by, registered_at, due_at, request_key, request_hash)
         VALUES ($1, $2, 'ACCESS', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [id, c.actorOffice, complaint.id, complaint.tracking_number, complaint.reporter_ref, c.verification, c.identityDocumentKind ?? null, c.actor.userId, now, accessRequestDueAt(now), c.requestId, hash],
      );
      const event = { complaintId: complaint.id, actor: c.actor, actorOffice: c.actorOffice, causedBy: c.requestId };
      await recordDataSubjectEvent(this.executor, tx, event, { type: 'recordDataAccessRequest', requestId: id, verifiedBy: c.verification, dueAt: accessRequestDueAt(now).toISOString() });
      return viewOf(await requestOf(tx, id, c.actorOffice));
    });
  }

  /** The office's requests, the open ones first by due time, then the answered ones newest first. */
  async list(c: OfficerContext): Promise<AccessRequestView[]> {
    mustBe(c, ACCESS_REQUEST_READERS);
    const rows = (await this.runtime.dataSource.query(
      `SELECT * FROM data_subject_request WHERE office_code = $1 ORDER BY handed_over_at IS NOT NULL, CASE WHEN handed_over_at IS NULL THEN due_at END, registered_at DESC LIMIT 500`,
      [c.actorOffice],
    )) as RequestRow[];
    return rows.map(viewOf);
  }

  /** The export, assembled now from what intake holds and the timelines the gateway gave; every download is recorded. */
  async export(c: OfficerContext & { id: string; format: ExportFormat; timelines?: ReadonlyMap<string, PersonTimelineEntry[]> }): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
    mustBe(c, ['ADMIN_TIKKIM']);
    const manager = this.runtime.dataSource.manager;
    const row = await requestOf(manager, c.id, c.actorOffice);
    const data = await collectPersonData(manager, this.cipher, row.office_code, row.reporter_ref, c.timelines);
    const header = { requestId: row.id, registeredAt: row.registered_at, assembledAt: this.clock.now() };
    const base = `data-pribadi-${row.tracking_number}-${row.id.slice(0, 8)}`;
    const file = await exportFile(manager, c.format, header, data, base);
    await manager.query('INSERT INTO data_subject_request_download (id, request_id, format, user_id, at) VALUES ($1, $2, $3, $4, $5)', [uuidv7(), row.id, c.format, c.actor.userId, header.assembledAt]);
    return file;
  }

  /** The complaints the request's export covers (the person's, now): the gateway adds their timelines. */
  async complaints(c: OfficerContext & { id: string }): Promise<string[]> {
    mustBe(c, ['ADMIN_TIKKIM']);
    const manager = this.runtime.dataSource.manager;
    const row = await requestOf(manager, c.id, c.actorOffice);
    return (await personComplaintRefs(manager, this.cipher, row.office_code, row.reporter_ref)).complaintIds;
  }

  /**
   * Records that the export reached the person: by whom, how (in person, e-mail …), when. Once per
   * Idempotency-Key (a retry answers the request as answered); another record of an answered
   * request is 409 `DATA_REQUEST.ANSWERED`. The "how" must not give the person away (docs/adr/0023).
   */
  async handOver(c: OfficerContext & { requestId: string; id: string; how: string }): Promise<AccessRequestView> {
    mustBe(c, ['ADMIN_TIKKIM']);
    const rule = FIELD_RULES.dataRequestHandOver;
    if (c.how.trim().length < rule.minLength || c.how.length > rule.maxLength) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'say how the export was handed over', { fieldViolations: [{ field: 'how', description: `${rule.minLength} to ${rule.maxLength} characters` }] });
    }
    const manager = this.runtime.dataSource.manager;
    await screenOfficerText(manager, this.cipher, (await requestOf(manager, c.id, c.actorOffice)).reporter_ref, { field: 'how', text: c.how });
    const command = { operation: 'HandOverDataRequest', requestId: c.requestId, request: [c.id, c.how, c.actor.userId] };
    await onceByRequestId(this.runtime.dataSource, command, async (tx) => {
      const row = await requestOf(tx, c.id, c.actorOffice, true);
      if (row.handed_over_at) throw new ServiceError('conflict', 'DATA_REQUEST.ANSWERED', 'the export of this request was handed over already');
      const answeredAt = this.clock.now();
      await tx.query('UPDATE data_subject_request SET handed_over_at = $2, handed_over_by = $3, handed_over_how = $4 WHERE id = $1', [row.id, answeredAt, c.actor.userId, c.how]);
      const event = { complaintId: row.complaint_id, actor: c.actor, actorOffice: c.actorOffice, causedBy: c.requestId };
      await recordDataSubjectEvent(this.executor, tx, event, { type: 'recordDataAccessAnswer', requestId: row.id, dueAt: row.due_at.toISOString(), answeredAt: answeredAt.toISOString() });
      return { id: row.id };
    });
    return viewOf(await requestOf(manager, c.id, c.actorOffice));
  }

  private async verifiedComplaint(tx: EntityManager, c: RegisterAccessRequest): Promise<{ id: string; tracking_number: string; reporter_ref: string }> {
    const [row] = (await tx.query(
      `SELECT c.id, c.tracking_number, c.reporter_ref, r.key_id, r.sealed FROM complaint c LEFT JOIN reporter_contact r ON r.reporter_ref = c.reporter_ref
        WHERE c.tracking_number = $1 AND c.office_code = $2`,
      [c.trackingNumber.trim(), c.actorOffice],
    )) as { id: string; tracking_number: string; reporter_ref: string; key_id: string | null; sealed: Buffer | null }[];
    if (!row) throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', 'no complaint of this office has that tracking number');
    if (c.verification === 'CHANNEL') {
      const reporter = (row.sealed ? await openStoredReporter(tx, this.cipher, row.reporter_ref, row.sealed, row.key_id ?? '', `the contact of complaint ${row.id}`) : undefined) ?? {};
      if (!verifierMatches(reporter, c.verifier ?? '')) throw new ServiceError('forbidden', 'DATA_REQUEST.NOT_VERIFIED', 'what the person read back does not match the complaint’s contact');
    }
    return row;
  }
}

function mustBe(c: OfficerContext, roles: readonly Role[]): void {
  if (!roles.includes(c.actor.role)) throw new ServiceError('forbidden', 'COMPLAINT.FORBIDDEN_ROLE', `${c.actor.role} may not do this with personal-data requests`);
}

function assertVerification(c: RegisterAccessRequest): void {
  const field = c.verification === 'CHANNEL' ? 'verifier' : 'identityDocumentKind';
  const ok = c.verification === 'CHANNEL' ? !!c.verifier?.trim() : (IDENTITY_DOCUMENT_KINDS as readonly string[]).includes(c.identityDocumentKind ?? '');
  if (!ok || (c.verification !== 'CHANNEL' && c.verification !== 'IN_PERSON')) {
    throw new ServiceError('invalid', 'REQUEST.INVALID', 'the person must be verified by their channel or in person', {
      fieldViolations: [{ field, description: c.verification === 'CHANNEL' ? 'what the person read back' : `one of ${IDENTITY_DOCUMENT_KINDS.join(', ')}` }],
    });
  }
}

async function requestOf(manager: EntityManager, id: string, officeCode: string, lock = false): Promise<RequestRow> {
  const [row] = isUuid(id)
    ? ((await manager.query(`SELECT * FROM data_subject_request WHERE id = $1 AND office_code = $2${lock ? ' FOR UPDATE' : ''}`, [id, officeCode])) as RequestRow[])
    : [];
  if (!row) throw new ServiceError('not-found', 'DATA_REQUEST.NOT_FOUND', `data request ${id} not found`);
  return row;
}

function viewOf(r: RequestRow): AccessRequestView {
  return {
    id: r.id,
    officeCode: r.office_code,
    trackingNumber: r.tracking_number,
    verification: r.verification,
    identityDocumentKind: r.identity_document_kind,
    registeredBy: r.registered_by,
    registeredAt: r.registered_at,
    dueAt: r.due_at,
    handedOverAt: r.handed_over_at,
    handedOverBy: r.handed_over_by,
    handedOverHow: r.handed_over_how,
  };
}

async function exportFile(manager: EntityManager, format: ExportFormat, header: ExportHeader, data: PersonData, base: string): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  if (format === 'PDF') return { fileName: `${base}.pdf`, mediaType: 'application/pdf', content: await personDataPdf(header, data) };
  if (format === 'JSON') return { fileName: `${base}.json`, mediaType: 'application/json', content: personDataJson(header, data) };
  return { fileName: `${base}.zip`, mediaType: 'application/zip', content: await personDataZip(manager, header, data, base) };
}
