import type { Label } from '@pengaduan/sop';

/** The SOP's outputs that are documents, one per step (SOP.md, "Steps"). */
export type DocumentKind =
  | 'LAPORAN_ADUAN' // step 1 output, rendered by intake when a complaint is received
  | 'LAPORAN_TERUSAN_ADUAN' // step 2, intake, on confirm
  | 'LEMBAR_DISPOSISI' // step 3, disposition, on dispose
  | 'ANALISIS_ADUAN' // step 4, analysis
  | 'KEPUTUSAN_TINDAK_LANJUT' // step 5, analysis
  | 'SK_TIM_PENANGANAN_ADUAN' // step 6, team-decree
  | 'INFORMASI_TINDAK_LANJUT'; // step 7/8, notification

/** Every document kind, in SOP order. */
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'LAPORAN_ADUAN',
  'LAPORAN_TERUSAN_ADUAN',
  'LEMBAR_DISPOSISI',
  'ANALISIS_ADUAN',
  'KEPUTUSAN_TINDAK_LANJUT',
  'SK_TIM_PENANGANAN_ADUAN',
  'INFORMASI_TINDAK_LANJUT',
];

/** A document's title as the SOP names its output (Bahasa Indonesia) and in English. */
export const DOCUMENT_TITLES: Readonly<Record<DocumentKind, Label>> = {
  LAPORAN_ADUAN: { id: 'Laporan Aduan', en: 'Complaint report' },
  LAPORAN_TERUSAN_ADUAN: { id: 'Laporan Terusan Aduan', en: 'Forwarded complaint report' },
  LEMBAR_DISPOSISI: { id: 'Lembar Disposisi', en: 'Disposition sheet' },
  ANALISIS_ADUAN: { id: 'Analisis Aduan', en: 'Complaint analysis' },
  KEPUTUSAN_TINDAK_LANJUT: { id: 'Keputusan Tindak Lanjut', en: 'Follow-up decision' },
  SK_TIM_PENANGANAN_ADUAN: { id: 'Surat Keputusan Tim Penanganan Aduan', en: 'Complaint handling team decree' },
  INFORMASI_TINDAK_LANJUT: { id: 'Informasi Tindak Lanjut', en: 'Follow-up information' },
};

/** Whether `v` is a {@link DocumentKind}. */
export function isDocumentKind(v: unknown): v is DocumentKind {
  return typeof v === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(v);
}

/** The office as its letterhead shows it: data per office, never constants in code. */
export interface OfficeProfile {
  /** The office code, `'BLP'`. */
  code: string;
  /** `'Kantor Imigrasi Kelas II TPI Belakang Padang'`. */
  name: string;
  /** `'Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia'`. */
  ministry: string;
  /** The units between ministry and office, top down: `['Direktorat Jenderal Imigrasi', 'Kantor Wilayah …']`. */
  parentUnits: string[];
  address: string;
  /** The place in the place-and-date line: `'Belakang Padang, 1 Desember 2026'`. */
  city: string;
  phone?: string;
  email?: string;
  website?: string;
  /** The "Mengingat" list of the team decree, in order. */
  legalBasis: string[];
}

/** Who signs a document. */
export interface Signatory {
  name: string;
  /** Nomor Induk Pegawai; without it the block has no NIP line. */
  nip?: string;
  /** The position as the block prints it, e.g. `'Kepala Kantor'`. */
  position: string;
}

/** What every document carries. */
export interface DocumentCommon {
  /** The office as its letterhead shows it (see `OfficeDirectory.profileOf`). */
  office: OfficeProfile;
  /** The document's number, shown under the title (`LD/BLP/2026/000012`, or `derivedDocumentNumber(…)`). */
  number: string;
  /** The complaint's tracking number, `BLP-2026-000123`. */
  trackingNumber: string;
  /** The time of the event that records the output; printed as the Indonesian date in WIB, and the PDF's CreationDate. */
  issuedAt: Date;
  /** Absent: the block shows the position with blank lines to sign by hand. */
  signatory?: Signatory;
  /** Position printed when `signatory` is absent (default from the kind: Admin Tikkim, Kepala Kantor, Kepala Seksi Teknologi dan Informasi). */
  signatoryPosition?: string;
}

/**
 * The input of one document: the common part and the kind's own fields. Vocabulary fields take
 * the SOP's values (`channel: 'WHATSAPP'`, `severity: 'HIGH'`) and are printed by their labels;
 * free texts are printed as given. Nothing about the reporter but the texts they wrote.
 */
export type DocumentInput = DocumentCommon &
  (
    | {
        kind: 'LAPORAN_ADUAN';
        /** A `CHANNELS` value. */
        channel: string;
        receivedAt: Date;
        /** The reporter's messages; printed in the order received. */
        messages: { receivedAt: Date; text: string; attachmentCount: number }[];
        anonymous: boolean;
        confidential: boolean;
      }
    | {
        kind: 'LAPORAN_TERUSAN_ADUAN';
        channel: string;
        receivedAt: Date;
        /** A Permen PAN 5/2009 classification code, `'02'`. */
        classificationCode: string;
        summary: string;
        anonymous: boolean;
        confidential: boolean;
      }
    | {
        kind: 'LEMBAR_DISPOSISI';
        receivedAt: Date;
        classificationCode?: string;
        summary?: string;
        /** The sections dispositioned to; `instructions` are `DISPOSITION_INSTRUCTIONS` values. */
        sections: { code: string; name: string; instructions: string[]; note?: string }[];
        /** The head of office's note on the whole sheet. */
        note?: string;
      }
    | {
        kind: 'ANALISIS_ADUAN';
        classificationCode: string;
        summary?: string;
        findings: string;
        /** A `SUBSTANTIATION_LEVELS` value. */
        substantiated: string;
        /** A `SEVERITIES` value. */
        severity: string;
        recommendation: string;
      }
    | {
        kind: 'KEPUTUSAN_TINDAK_LANJUT';
        summary?: string;
        /** A `FOLLOW_UP_DECISIONS` value. */
        decision: string;
        reason: string;
      }
    | {
        kind: 'SK_TIM_PENANGANAN_ADUAN';
        summary?: string;
        /** YYYY-MM-DD. */
        decreeDate: string;
        /** `teamRole` is a `TEAM_MEMBER_ROLES` value. */
        members: { name: string; nip: string; position: string; teamRole: string }[];
        mandate: string;
        /** YYYY-MM-DD. */
        periodStartDate: string;
        /** YYYY-MM-DD. */
        periodEndDate: string;
      }
    | {
        kind: 'INFORMASI_TINDAK_LANJUT';
        /** An `OUTBOUND_CHANNELS` value. */
        channel: string;
        /** The text as sent to the reporter. */
        text: string;
        /** A `COMPLAINT_OUTCOMES` value. */
        outcome?: string;
      }
  );

/** A rendered document, ready to store, hash and print. */
export interface RenderedDocument {
  kind: DocumentKind;
  number: string;
  /** The title in Bahasa Indonesia. */
  title: string;
  /** `'LD-BLP-2026-000012.pdf'`: the number with `/` and other unsafe characters turned into `-`. */
  fileName: string;
  mediaType: 'application/pdf';
  bytes: Buffer;
  /** Lowercase hex SHA-256 of `bytes`. */
  sha256: string;
}
