import { ROLE_LABELS } from '@pengaduan/sop';
import type { DocumentKind } from './document-types';

/** Who signs each kind when the caller names no position: the role that produces the output in the SOP. */
export const DEFAULT_SIGNATORY_POSITIONS: Readonly<Record<DocumentKind, string>> = {
  LAPORAN_ADUAN: ROLE_LABELS.ADMIN_TIKKIM.id,
  LAPORAN_TERUSAN_ADUAN: ROLE_LABELS.ADMIN_TIKKIM.id,
  LEMBAR_DISPOSISI: ROLE_LABELS.KEPALA_KANTOR.id,
  ANALISIS_ADUAN: ROLE_LABELS.ADMIN_TIKKIM.id,
  KEPUTUSAN_TINDAK_LANJUT: ROLE_LABELS.KEPALA_SEKSI_TI.id,
  SK_TIM_PENANGANAN_ADUAN: ROLE_LABELS.KEPALA_KANTOR.id,
  INFORMASI_TINDAK_LANJUT: ROLE_LABELS.ADMIN_TIKKIM.id,
};

/** The prefix of a number derived from the tracking number; `null` for kinds with a sequence of their own. */
export const DERIVED_NUMBER_PREFIXES: Readonly<Record<DocumentKind, string | null>> = {
  LAPORAN_ADUAN: 'LA',
  LAPORAN_TERUSAN_ADUAN: 'LTA',
  LEMBAR_DISPOSISI: null, // LD/…, numbered by disposition
  ANALISIS_ADUAN: 'AA',
  KEPUTUSAN_TINDAK_LANJUT: 'KTL',
  SK_TIM_PENANGANAN_ADUAN: null, // SK/…, numbered by team-decree
  INFORMASI_TINDAK_LANJUT: 'ITL',
};
