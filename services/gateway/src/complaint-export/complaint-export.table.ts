import { CHANNEL_LABELS, COMPLAINT_CLASSIFICATIONS, STATUS_LABELS, type ComplaintStatus, type OutboundChannel } from '@pengaduan/sop';
import ExcelJS from 'exceljs';
import type { ComplaintViewRecord } from '../persistence/entities';

/** One column of the export: its heading (Bahasa Indonesia, as officers read it) and its cell. */
interface Column {
  heading: string;
  width: number;
  cell(v: ComplaintViewRecord): string | Date | null;
}

const classificationName = new Map(COMPLAINT_CLASSIFICATIONS.map((c) => [c.code as string, c.nameId]));

/** What the list shows of a complaint, and nothing more: never the reporter's data, which the gateway does not hold. */
const COLUMNS: readonly Column[] = [
  { heading: 'Nomor Registrasi', width: 18, cell: (v) => v.trackingNumber },
  { heading: 'Diterima (UTC)', width: 22, cell: (v) => v.receivedAt },
  { heading: 'Saluran', width: 16, cell: (v) => CHANNEL_LABELS[v.channel as OutboundChannel]?.id ?? v.channel },
  { heading: 'Status', width: 22, cell: (v) => STATUS_LABELS[v.status as ComplaintStatus]?.id ?? v.status },
  { heading: 'Klasifikasi', width: 26, cell: (v) => (v.classificationCode ? `${v.classificationCode} ${classificationName.get(v.classificationCode) ?? ''}`.trim() : null) },
  { heading: 'Ringkasan', width: 60, cell: (v) => v.summary },
  { heading: 'Seksi', width: 20, cell: (v) => v.sections.join(', ') },
  { heading: 'Rahasia', width: 9, cell: (v) => (v.confidential ? 'Ya' : 'Tidak') },
  { heading: 'Terakhir diperbarui (UTC)', width: 22, cell: (v) => v.updatedAt },
];

/**
 * A text a spreadsheet would take for a formula (= + - @, or a tab or carriage return that some
 * read before one) gets a leading apostrophe, so it stays text (OWASP "CSV injection").
 */
function inertCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function textOf(value: string | Date | null): string {
  if (value === null) return '';
  return value instanceof Date ? value.toISOString() : inertCell(value);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 with CRLF, UTF-8 with a byte order mark so a spreadsheet reads the Indonesian letters right. */
export function complaintsCsv(rows: readonly ComplaintViewRecord[]): Buffer {
  const lines = [COLUMNS.map((c) => csvField(c.heading)), ...rows.map((v) => COLUMNS.map((c) => csvField(textOf(c.cell(v)))))];
  return Buffer.from(`\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** One worksheet "Aduan": times as dates, texts as texts (never formulas), the heading row frozen. */
export async function complaintsXlsx(rows: readonly ComplaintViewRecord[], createdAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = createdAt;
  const sheet = workbook.addWorksheet('Aduan', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.heading, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const v of rows) {
    sheet.addRow(COLUMNS.map((c) => {
      const value = c.cell(v);
      return value instanceof Date || value === null ? value : inertCell(value);
    }));
  }
  for (const index of [2, 9]) sheet.getColumn(index).numFmt = 'yyyy-mm-dd hh:mm:ss';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
