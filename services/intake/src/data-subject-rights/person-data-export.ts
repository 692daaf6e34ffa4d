import { formatIndonesianDate, formatIndonesianDateTime, PdfWriter } from '@pengaduan/documents';
import type { PersonData } from './person-data';

/**
 * The export's formats: a PDF to read, a JSON file for a machine (UU 27/2022's access, docs/adr/0056),
 * and a ZIP holding both with the attachments' files (person-data-archive.ts).
 */
export const EXPORT_FORMATS = ['PDF', 'JSON', 'ZIP'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the export says about its own request. */
export interface ExportHeader {
  requestId: string;
  registeredAt: Date;
  /** When the export was assembled: the time of the download. */
  assembledAt: Date;
}

/** The machine-readable export: a versioned JSON document. */
export function personDataJson(header: ExportHeader, data: PersonData): Buffer {
  const doc = {
    format: 'pengaduan.person-data.v1',
    requestId: header.requestId,
    registeredAt: header.registeredAt.toISOString(),
    assembledAt: header.assembledAt.toISOString(),
    officeCode: data.officeCode,
    contact: data.contact,
    complaints: data.complaints,
  };
  return Buffer.from(`${JSON.stringify(doc, null, 2)}\n`, 'utf8');
}

const at = (iso: string) => formatIndonesianDateTime(new Date(iso));

/** The export to read, in Bahasa Indonesia, with the PDF writer of the SOP's documents. */
export async function personDataPdf(header: ExportHeader, data: PersonData): Promise<Buffer> {
  const pdf = new PdfWriter({
    title: 'Data Pribadi Subjek Data',
    subject: `Permintaan akses ${header.requestId}`,
    author: data.officeCode,
    keywords: 'UU 27/2022, hak akses',
    createdAt: header.assembledAt,
  });
  pdf.heading('DATA PRIBADI YANG DIPROSES (UU 27/2022 PASAL 7)');
  pdf.labelled(
    [
      { label: 'Nomor permintaan', value: header.requestId },
      { label: 'Kantor', value: data.officeCode },
      { label: 'Didaftarkan', value: formatIndonesianDate(header.registeredAt) },
      { label: 'Disusun', value: formatIndonesianDate(header.assembledAt) },
      { label: 'Nama', value: data.contact.name ?? '-' },
      { label: 'Telepon', value: data.contact.phone ?? '-' },
      { label: 'Surel', value: data.contact.email ?? '-' },
      { label: 'Akun', value: data.contact.handle ?? '-' },
    ],
    { labelWidth: 130, separator: ':', gapAfter: 10 },
  );
  for (const c of data.complaints) {
    pdf.heading(`Aduan ${c.trackingNumber}`);
    pdf.labelled(
      [
        { label: 'Saluran', value: c.channel },
        { label: 'Diterima', value: at(c.receivedAt) },
        { label: 'Status', value: `${c.status} (versi ${c.version})` },
      ],
      { labelWidth: 130, separator: ':', gapAfter: 6 },
    );
    pdf.text('Pesan', { font: 'sans-bold', gapAfter: 2 });
    pdf.table(
      [
        { header: 'No.', share: 0.08 },
        { header: 'Diterima', share: 0.22 },
        { header: 'Isi', share: 0.7 },
      ],
      c.messages.map((m) => [String(m.sequence), at(m.receivedAt), m.text]),
      { gapAfter: 6 },
    );
    if (c.attachments.length > 0) {
      pdf.text('Lampiran', { font: 'sans-bold', gapAfter: 2 });
      pdf.table(
        [
          { header: 'Berkas (dalam ZIP)', share: 0.35 },
          { header: 'Jenis', share: 0.15 },
          { header: 'Ukuran (bita)', share: 0.12 },
          { header: 'SHA-256', share: 0.38 },
        ],
        c.attachments.map((a) => [a.fileName, a.mimeType ?? a.kind, String(a.sizeBytes ?? '-'), a.sha256 ?? '-']),
        { gapAfter: 6 },
      );
    }
    if (c.documents.length > 0) {
      pdf.text('Dokumen', { font: 'sans-bold', gapAfter: 2 });
      pdf.table(
        [
          { header: 'Nomor', share: 0.4 },
          { header: 'Judul', share: 0.4 },
          { header: 'Tanggal', share: 0.2 },
        ],
        c.documents.map((d) => [d.number, d.title, at(d.issuedAt)]),
        { gapAfter: 6 },
      );
    }
    if (c.timeline.length > 0) {
      pdf.text('Riwayat penanganan', { font: 'sans-bold', gapAfter: 2 });
      pdf.table(
        [
          { header: 'Waktu', share: 0.22 },
          { header: 'Oleh', share: 0.2 },
          { header: 'Peristiwa', share: 0.38 },
          { header: 'Status', share: 0.2 },
        ],
        c.timeline.map((e) => [at(e.at), e.actorRole ?? e.actorService ?? '-', e.summary || e.type, e.status]),
        { gapAfter: 6 },
      );
    }
    pdf.text('Catatan pembacaan kontak', { font: 'sans-bold', gapAfter: 2 });
    pdf.table(
      [
        { header: 'Waktu', share: 0.25 },
        { header: 'Oleh', share: 0.3 },
        { header: 'Keperluan', share: 0.25 },
        { header: 'Hasil', share: 0.2 },
      ],
      c.contactReads.map((r) => [at(r.at), r.role ? `${r.role} ${r.userId ?? ''}` : (r.service ?? r.actorKind), r.purpose, r.outcome]),
      { gapAfter: 10 },
    );
  }
  return pdf.finish((page, of) => ({ left: `Data pribadi subjek data — permintaan ${header.requestId}`, right: `Halaman ${page} dari ${of}` }));
}
