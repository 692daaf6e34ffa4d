import { createHash } from 'node:crypto';
import { readPdf, type PdfText } from './pdf-text';

/** A document as a service stored it (libs/documents' `complaint_document`), with what a test checks. */
export interface StoredTestDocument {
  kind: string;
  number: string;
  sha256: string;
  content: Buffer;
  /** The stored hash is the hash of the stored bytes, and the bytes are a PDF. */
  intact: boolean;
  /** The text on its pages, as a PDF viewer copies it (the letterhead's lines first on page 1). */
  text(): PdfText;
}

/** The complaint's stored document of `kind` in a service's schema (`db` is its data source or a schema-qualified query runner). */
export async function storedDocument(db: { query(sql: string, params?: unknown[]): Promise<unknown> }, complaintId: string, kind: string, schema?: string): Promise<StoredTestDocument | undefined> {
  const table = schema ? `"${schema}".complaint_document` : 'complaint_document';
  const [row] = (await db.query(`SELECT kind, number, sha256, content FROM ${table} WHERE complaint_id = $1 AND kind = $2`, [complaintId, kind])) as Omit<StoredTestDocument, 'intact' | 'text'>[];
  if (!row) return undefined;
  const intact = createHash('sha256').update(row.content).digest('hex') === row.sha256 && row.content.subarray(0, 5).toString('latin1') === '%PDF-';
  return { ...row, intact, text: () => readPdf(row.content) };
}
