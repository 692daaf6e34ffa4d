import type { DocumentKind } from '../document-types';

/** The event that records each document's output, and so carries its SHA-256 (`documentSha256`). */
export const DOCUMENT_RECORDED_BY: Readonly<Record<DocumentKind, string>> = {
  LAPORAN_ADUAN: 'complaint.received',
  LAPORAN_TERUSAN_ADUAN: 'complaint.confirmed',
  LEMBAR_DISPOSISI: 'complaint.disposed',
  ANALISIS_ADUAN: 'complaint.analyzed',
  KEPUTUSAN_TINDAK_LANJUT: 'complaint.follow-up-decided',
  SK_TIM_PENANGANAN_ADUAN: 'complaint.team-formed',
  INFORMASI_TINDAK_LANJUT: 'complaint.reporter-informed',
};

/** The service that owns each output: it renders the document, stores it and serves it (ComplaintDocumentsService). */
export const DOCUMENT_PRODUCER: Readonly<Record<DocumentKind, 'intake' | 'disposition' | 'analysis' | 'team-decree' | 'notification'>> = {
  LAPORAN_ADUAN: 'intake',
  LAPORAN_TERUSAN_ADUAN: 'intake',
  LEMBAR_DISPOSISI: 'disposition',
  ANALISIS_ADUAN: 'analysis',
  KEPUTUSAN_TINDAK_LANJUT: 'analysis',
  SK_TIM_PENANGANAN_ADUAN: 'team-decree',
  INFORMASI_TINDAK_LANJUT: 'notification',
};

/** The kinds of document a service produces (and serves). */
export function documentKindsProducedBy(service: (typeof DOCUMENT_PRODUCER)[DocumentKind]): DocumentKind[] {
  return (Object.keys(DOCUMENT_PRODUCER) as DocumentKind[]).filter((k) => DOCUMENT_PRODUCER[k] === service);
}

/** The document an event records, if it records one. */
export function documentKindRecordedBy(eventType: string): DocumentKind | undefined {
  return (Object.keys(DOCUMENT_RECORDED_BY) as DocumentKind[]).find((k) => DOCUMENT_RECORDED_BY[k] === eventType);
}
