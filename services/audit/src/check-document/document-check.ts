import { parseEnvelope, type EventKeyRing } from '@pengaduan/contracts';
import { createHash } from 'node:crypto';
import type { AuditRecord } from '../audit-core/report';

/** An event of the log that carries a document's SHA-256. */
export interface DocumentRecording {
  readonly eventId: string;
  readonly eventType: string;
  readonly complaintId: string;
  readonly officeCode: string;
  readonly at: string;
  readonly partition: number;
  readonly offset: string;
  /** `verified`, the reason it does not verify, or `not checked` without published keys. */
  readonly signature: string;
}

/** Whether a (printed, scanned or downloaded) document is one the record vouches for. */
export interface DocumentCheckResult {
  readonly file: string;
  readonly sha256: string;
  /** Every event carrying the hash; a genuine document has exactly one, signed. */
  readonly recordedBy: readonly DocumentRecording[];
  /** Recorded by exactly one event whose signature verifies (or, without keys, by exactly one event). */
  readonly genuine: boolean;
}

/**
 * Looks for a document's SHA-256 in the events read: the event that recorded the output
 * (complaint.received for the Laporan Aduan … complaint.reporter-informed for the Informasi
 * Tindak Lanjut) carries it as `documentSha256`. Records that do not parse are the auditor's
 * to report; here they simply carry no hash.
 */
export class DocumentCheck {
  readonly sha256: string;
  private readonly found: DocumentRecording[] = [];

  constructor(
    readonly file: string,
    bytes: Buffer,
    private readonly keyRing?: EventKeyRing,
  ) {
    this.sha256 = createHash('sha256').update(bytes).digest('hex');
  }

  add(record: AuditRecord): void {
    if (record.value === null) return;
    const text = typeof record.value === 'string' ? record.value : Buffer.from(record.value).toString('utf8');
    // Cheap filter first: most events carry no document, and parsing a million costs seconds.
    if (!text.includes(this.sha256)) return;
    const parsed = parseEnvelope(record.value);
    if (!parsed.ok) return;
    const data = parsed.envelope.data as { documentSha256?: unknown };
    if (data.documentSha256 !== this.sha256) return;
    const check = this.keyRing?.verify(parsed.envelope);
    const e = parsed.envelope;
    this.found.push({
      eventId: e.id,
      eventType: e.type,
      complaintId: e.subject,
      officeCode: e.office,
      at: e.time,
      partition: record.partition,
      offset: record.offset,
      signature: check === undefined ? 'not checked' : check.ok ? 'verified' : check.reason,
    });
  }

  result(): DocumentCheckResult {
    const signedOk = this.found.filter((f) => f.signature === 'verified' || (this.keyRing === undefined && f.signature === 'not checked'));
    return { file: this.file, sha256: this.sha256, recordedBy: [...this.found], genuine: this.found.length === 1 && signedOk.length === 1 };
  }
}

/** The check as the terminal shows it. */
export function describeDocumentCheck(r: DocumentCheckResult): string {
  const head = `document ${r.file}\n  SHA-256 ${r.sha256}\n`;
  if (r.recordedBy.length === 0) return `${head}  NOT FOUND: no event of the record carries this hash; the copy is not a document the platform issued, or it was altered\n`;
  const lines = r.recordedBy.map((f) => `  recorded by ${f.eventType} ${f.eventId} of complaint ${f.complaintId} (office ${f.officeCode}) at ${f.at}, ${f.partition}/${f.offset}; signature ${f.signature}`);
  const verdict = r.genuine ? '  GENUINE: exactly one signed event of the record vouches for this copy' : '  NOT CONFIRMED: see above (more than one event, or a signature that does not verify)';
  return `${head}${lines.join('\n')}\n${verdict}\n`;
}
