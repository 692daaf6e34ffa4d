// Why a complainant's contact was read (docs/adr/0029), as the processing record and the
// complaint page name it; the labels are libs/sop's, with every other label of the SOP.
import { CONTACT_FIELD_LABELS, CONTACT_PURPOSE_LABELS } from '@pengaduan/sop';
import type { Lang } from './lang';
import { labelOf } from './sop-labels';

export const contactPurposeLabel = (purpose: string, lang: Lang): string => labelOf(CONTACT_PURPOSE_LABELS, purpose, lang);

/** The disclosed fields, in words; a dash for none (a refused attempt). */
export function contactFieldsLabel(fields: readonly string[], lang: Lang): string {
  return fields.length === 0 ? '—' : fields.map((f) => labelOf(CONTACT_FIELD_LABELS, f, lang)).join(', ');
}
