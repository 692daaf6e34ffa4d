import type { DocumentInput, DocumentKind, OfficeProfile } from '../../document-types';
import type { LabelledLine, PdfWriter } from '../../pdf/pdf-writer';

/** The input of one kind. */
export type InputOf<K extends DocumentKind> = Extract<DocumentInput, { kind: K }>;

/** What a kind's layout gets besides its input: the checked common fields and the signature block. */
export interface LayoutContext {
  readonly w: PdfWriter;
  readonly office: OfficeProfile;
  readonly number: string;
  readonly trackingNumber: string;
  readonly issuedAt: Date;
  /**
   * The signature block. `before` replaces the place-and-date line (`'Belakang Padang, 1 Desember
   * 2026'`); `position` maps the position the block prints.
   */
  sign(options?: { before?: readonly string[]; position?: (position: string) => string; defaultPosition?: string }): void;
}

/** Width of the label column of a field table. */
export const FIELD_LABEL_WIDTH = 135;

/** A field table: `label : value` lines. */
export function fields(w: PdfWriter, lines: readonly (LabelledLine | null | false)[]): void {
  w.labelled(
    lines.filter((l): l is LabelledLine => !!l),
    { labelWidth: FIELD_LABEL_WIDTH, separator: ':', rowGap: 1.5, gapAfter: 8 },
  );
}

/** The "Sifat" of a complaint: Biasa or Rahasia (confidential), and whether the reporter is anonymous. */
export function natureOf(anonymous: boolean, confidential: boolean): string {
  return [confidential ? 'Rahasia' : 'Biasa', anonymous ? 'identitas pelapor dirahasiakan' : null].filter(Boolean).join('; ');
}

/** What a document says about the reporter instead of their identity: documents never carry the reporter's name or contact. */
export function reporterOf(anonymous: boolean): string {
  return anonymous
    ? 'Pelapor meminta identitasnya dirahasiakan (anonim). Identitas pelapor disimpan terpisah oleh Admin Tikkim.'
    : 'Identitas pelapor disimpan terpisah oleh Admin Tikkim.';
}
