import { DERIVED_NUMBER_PREFIXES } from './kind-defaults';
import type { DocumentKind } from './document-types';
import { DocumentError } from './errors';

/** A tracking number: `BLP-2026-000123` (office code, year in WIB, sequence; ADR 0012). */
const TRACKING_NUMBER = /^(.+)-(\d{4})-(\d+)$/;

/**
 * Number of a document that has no sequence of its own, derived from the complaint's tracking
 * number: `LA/BLP/2026/000123` (Laporan Aduan), `LTA/…` (Laporan Terusan Aduan), `AA/…` (Analisis
 * Aduan), `KTL/…` (Keputusan Tindak Lanjut), `ITL/…` (Informasi Tindak Lanjut). Throws for
 * `LEMBAR_DISPOSISI` and `SK_TIM_PENANGANAN_ADUAN`, which have their own numbers (`LD/…`, `SK/…`).
 */
export function derivedDocumentNumber(kind: DocumentKind, trackingNumber: string): string {
  const prefix = DERIVED_NUMBER_PREFIXES[kind] as string | null | undefined;
  if (prefix === undefined) {
    throw new DocumentError('DOCUMENT.INVALID_INPUT', `Unknown document kind ${JSON.stringify(kind)}`, 'kind');
  }
  if (prefix === null) {
    throw new DocumentError('DOCUMENT.NO_DERIVED_NUMBER', `${kind} has a number of its own; it is not derived from the tracking number`, 'kind');
  }
  const m = typeof trackingNumber === 'string' ? TRACKING_NUMBER.exec(trackingNumber) : null;
  if (!m) {
    throw new DocumentError('DOCUMENT.INVALID_INPUT', `trackingNumber must look like BLP-2026-000123, got ${JSON.stringify(trackingNumber)}`, 'trackingNumber');
  }
  return `${prefix}/${m[1]}/${m[2]}/${m[3]}`;
}

/** `'LD-BLP-2026-000012.pdf'` for `'LD/BLP/2026/000012'`: every run of characters unsafe in a file name becomes one `-`. */
export function documentFileName(kind: DocumentKind, number: string): string {
  const safe = number
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return `${safe || kind}.pdf`;
}

/** {@link derivedDocumentNumber}, or `null` when the tracking number does not have the usual shape (for a reference in a document's text, which must not fail on it). */
export function derivedDocumentNumberOrNull(kind: DocumentKind, trackingNumber: string): string | null {
  try {
    return derivedDocumentNumber(kind, trackingNumber);
  } catch {
    return null;
  }
}
