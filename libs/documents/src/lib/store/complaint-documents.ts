import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { GetDocumentRequest, GetDocumentResponseSchema } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { validate as isUuid } from 'uuid';
import { isDocumentKind, type DocumentInput, type DocumentKind, type RenderedDocument } from '../document-types';
import { renderDocument } from '../render/render-document';

/**
 * The `complaint_document` table every service that produces an SOP output keeps in its own
 * schema: the rendered bytes, exactly those whose SHA-256 the recording event carries. One
 * document per kind per complaint (each step happens once).
 */
export class ComplaintDocumentMigration1795801000000 implements MigrationInterface {
  name = 'ComplaintDocumentMigration1795801000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_document (
        complaint_id uuid NOT NULL,
        kind text NOT NULL,
        office_code text NOT NULL,
        number text NOT NULL,
        title text NOT NULL,
        file_name text NOT NULL,
        media_type text NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        issued_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (complaint_id, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE complaint_document');
  }
}

/**
 * A step an appeal runs again (docs/adr/0053) issues its document again: the earlier round's
 * document moves to `complaint_document_superseded`, bytes and hash unchanged, so the earlier
 * event's hash still finds its document, and `complaint_document` keeps the one in force.
 */
export class ComplaintDocumentSuperseded1795801001910 implements MigrationInterface {
  name = 'ComplaintDocumentSuperseded1795801001910';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_document_superseded (
        LIKE complaint_document INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
        superseded_at timestamptz NOT NULL,
        PRIMARY KEY (complaint_id, kind, issued_at)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE complaint_document_superseded');
  }
}

/** Migrations of the documents table; a producing service lists them with its own. */
export const COMPLAINT_DOCUMENT_MIGRATIONS = [ComplaintDocumentMigration1795801000000, ComplaintDocumentSuperseded1795801001910];

/** A document as stored, with the complaint it belongs to. */
export interface StoredDocument extends RenderedDocument {
  complaintId: string;
  officeCode: string;
  issuedAt: Date;
}

/**
 * Renders the step's document and stores it in the caller's transaction, so the document, the
 * state change and the event carrying its hash commit together or not at all. Returns the hash.
 */
export async function renderAndStoreDocument(tx: EntityManager, complaintId: string, officeCode: string, input: DocumentInput): Promise<RenderedDocument> {
  const doc = await renderDocument(input);
  await storeDocument(tx, complaintId, officeCode, doc, input.issuedAt);
  return doc;
}

/**
 * Stores a document rendered earlier (`renderDocument`) in the caller's transaction: for a step
 * that renders before it takes a lock, and stores after (intake's registration, ADR 0035).
 */
export async function storeDocument(tx: EntityManager, complaintId: string, officeCode: string, doc: RenderedDocument, issuedAt: Date): Promise<void> {
  // A step run again after an appeal (docs/adr/0053): the earlier round's document is kept aside.
  await tx.query(
    `WITH earlier AS (DELETE FROM complaint_document WHERE complaint_id = $1 AND kind = $2 RETURNING *)
     INSERT INTO complaint_document_superseded SELECT *, $3::timestamptz FROM earlier`,
    [complaintId, doc.kind, issuedAt],
  );
  await tx.query(
    `INSERT INTO complaint_document (complaint_id, kind, office_code, number, title, file_name, media_type, sha256, content, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [complaintId, doc.kind, officeCode, doc.number, doc.title, doc.fileName, doc.mediaType, doc.sha256, doc.bytes, issuedAt],
  );
}

interface DocumentRow {
  complaint_id: string;
  kind: DocumentKind;
  office_code: string;
  number: string;
  title: string;
  file_name: string;
  media_type: 'application/pdf';
  sha256: string;
  content: Buffer;
  issued_at: Date;
}

/** The stored document of a kind for a complaint of `officeCode`, if this service holds it. */
export async function findDocument(db: DataSource | EntityManager, complaintId: string, kind: DocumentKind, officeCode?: string): Promise<StoredDocument | undefined> {
  const [row] = (await db.query(
    `SELECT complaint_id, kind, office_code, number, title, file_name, media_type, sha256, content, issued_at
       FROM complaint_document WHERE complaint_id = $1 AND kind = $2 AND ($3::text IS NULL OR office_code = $3)`,
    [complaintId, kind, officeCode ?? null],
  )) as DocumentRow[];
  if (!row) return undefined;
  return {
    complaintId: row.complaint_id,
    officeCode: row.office_code,
    kind: row.kind,
    number: row.number,
    title: row.title,
    fileName: row.file_name,
    mediaType: row.media_type,
    sha256: row.sha256,
    bytes: row.content,
    issuedAt: row.issued_at,
  };
}

/**
 * `ComplaintDocumentsService.GetDocument` for a service that produces `kinds`: the stored bytes
 * of a complaint of the officer's office. Another office's complaint, a kind this service does not
 * produce, or one not produced yet all answer NOT_FOUND.
 */
export function complaintDocumentsGrpcService(dataSource: () => DataSource, kinds: readonly DocumentKind[]) {
  return {
    async getDocument(request: GetDocumentRequest): Promise<MessageInitShape<typeof GetDocumentResponseSchema>> {
      const violations = [];
      if (!isUuid(request.complaintId)) violations.push({ field: 'complaint_id', description: 'must be a UUID' });
      if (!isDocumentKind(request.kind)) violations.push({ field: 'kind', description: 'must be a document kind, e.g. LEMBAR_DISPOSISI' });
      if (violations.length > 0) throw new ServiceError('invalid', 'REQUEST.INVALID', 'the document request is invalid', { fieldViolations: violations });
      if (!request.actor?.userId) throw new ServiceError('unauthenticated', 'AUTH.NO_ACTOR', 'the request names no officer');
      const kind = request.kind as DocumentKind;
      const doc = kinds.includes(kind) ? await findDocument(dataSource(), request.complaintId, kind, request.actor.officeCode) : undefined;
      if (!doc) throw new ServiceError('not-found', 'DOCUMENT.NOT_FOUND', `no ${kind} document for complaint ${request.complaintId}`);
      return {
        kind: doc.kind,
        number: doc.number,
        title: doc.title,
        fileName: doc.fileName,
        mediaType: doc.mediaType,
        sha256: doc.sha256,
        content: doc.bytes,
        issuedAt: timestampFromDate(doc.issuedAt),
      };
    },
  };
}
