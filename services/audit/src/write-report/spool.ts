import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AsOfComplaint, AuditLists, AuditSummary, ComplaintAudit, Notice, RefusedEvent, ReportSink, Violation } from '../audit-core/report';
import { csvChunks, htmlChunks, jsonChunks, refusedCsvChunks, terminalText } from './formats';

const BUFFER = 1 << 20;

/** Appends text to a file through a buffer of 1 MiB. */
class BufferedFile {
  private readonly fd: number;
  private pending: string[] = [];
  private size = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= BUFFER) this.flush();
  }

  flush(): void {
    if (this.pending.length > 0) writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Writes every chunk to `path` (created or truncated). */
export function writeChunks(path: string, chunks: Iterable<string>): void {
  const file = new BufferedFile(path);
  try {
    for (const chunk of chunks) file.write(chunk);
  } finally {
    file.close();
  }
}

/** The JSON value of every line of a file, read 1 MiB at a time. */
function* jsonLines<T>(path: string): Generator<T> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(BUFFER);
    let carry = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, buffer, 0, BUFFER, null);
      if (n === 0) break;
      let data = carry.length > 0 ? Buffer.concat([carry, buffer.subarray(0, n)]) : buffer.subarray(0, n);
      let nl: number;
      while ((nl = data.indexOf(10)) >= 0) {
        yield JSON.parse(data.subarray(0, nl).toString('utf8')) as T;
        data = data.subarray(nl + 1);
      }
      carry = Buffer.from(data);
    }
  } finally {
    closeSync(fd);
  }
}

const LISTS = ['complaints', 'violations', 'refused', 'notices', 'asOfComplaints'] as const;

/**
 * The sink of a streaming replay: each emitted item goes to a JSON-lines file of its list in a
 * temporary directory, so that memory holds none of them; {@link SpoolSink.lists} reads them back,
 * as often as a format needs, and {@link SpoolSink.dispose} removes the directory.
 */
export class SpoolSink implements ReportSink {
  private readonly dir = mkdtempSync(join(tmpdir(), 'audit-report-'));
  private readonly files = Object.fromEntries(LISTS.map((name) => [name, new BufferedFile(join(this.dir, `${name}.jsonl`))])) as Record<(typeof LISTS)[number], BufferedFile>;

  complaint(c: ComplaintAudit): void {
    this.files.complaints.write(`${JSON.stringify(c)}\n`);
  }
  violation(v: Violation): void {
    this.files.violations.write(`${JSON.stringify(v)}\n`);
  }
  refused(r: RefusedEvent): void {
    this.files.refused.write(`${JSON.stringify(r)}\n`);
  }
  notice(n: Notice): void {
    this.files.notices.write(`${JSON.stringify(n)}\n`);
  }
  asOf(c: AsOfComplaint): void {
    this.files.asOfComplaints.write(`${JSON.stringify(c)}\n`);
  }

  /** The lists as written so far (each iterable reads its file again). */
  lists(): AuditLists {
    for (const file of Object.values(this.files)) file.flush();
    const list = <T>(name: (typeof LISTS)[number]): Iterable<T> => ({ [Symbol.iterator]: () => jsonLines<T>(this.files[name].path) });
    return {
      complaints: list<ComplaintAudit>('complaints'),
      violations: list<Violation>('violations'),
      refused: list<RefusedEvent>('refused'),
      notices: list<Notice>('notices'),
      asOfComplaints: list<AsOfComplaint>('asOfComplaints'),
    };
  }

  dispose(): void {
    for (const file of Object.values(this.files)) file.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface ReportFiles {
  readonly json?: string;
  readonly csv?: string;
  readonly html?: string;
  readonly title?: string;
}

/** The CSV file of the refused events, next to the complaints' CSV: `a.csv` → `a.refused.csv`. */
export const refusedCsvPath = (csv: string) => (/\.csv$/i.test(csv) ? csv.replace(/\.csv$/i, '.refused.csv') : `${csv}.refused.csv`);

/** Writes the report files asked for from the summary and the lists; answers the terminal text. */
export function writeReports(summary: AuditSummary, lists: AuditLists, files: ReportFiles): string {
  if (files.json) writeChunks(files.json, jsonChunks(summary, lists));
  if (files.csv) {
    writeChunks(files.csv, csvChunks(summary, lists));
    writeChunks(refusedCsvPath(files.csv), refusedCsvChunks(lists.refused));
  }
  if (files.html) writeChunks(files.html, htmlChunks(summary, lists, files.title));
  return terminalText(summary, lists);
}
