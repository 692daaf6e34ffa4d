// The SOP's vocabulary (libs/sop) in the current language, with a readable fallback for a code
// the web app does not know yet (a newer gateway may send one).
import {
  CHANNEL_LABELS,
  CLOCK_LABELS,
  COMPLAINT_CLASSIFICATIONS,
  getStep,
  isClockId,
  NOTIFICATION_PURPOSE_LABELS,
  ROLE_LABELS,
  SOP_STEP_IDS,
  SECTION_RESPONSE_STEP,
  STATUS_LABELS,
  type Label,
  type StepId,
} from '@pengaduan/sop';
import { translate } from '../i18n/translate';
import type { Lang } from './lang';

/** `labels[code][lang]`, or the code itself when there is no label for it. */
export function labelOf(labels: Readonly<Record<string, Label>>, code: string | null | undefined, lang: Lang): string {
  if (code === null || code === undefined || code === '') return '—';
  return Object.prototype.hasOwnProperty.call(labels, code) ? (labels[code] as Label)[lang] : code;
}

export const statusLabel = (status: string, lang: Lang): string => labelOf(STATUS_LABELS, status, lang);
export const channelLabel = (channel: string, lang: Lang): string => labelOf(CHANNEL_LABELS, channel, lang);
export const roleLabel = (role: string | null, lang: Lang): string => labelOf(ROLE_LABELS, role, lang);
/** What a message to the complainant was for: `Tanda terima`, `Pemberitahuan penolakan`, `Informasi tindak lanjut` (docs/adr/0051). */
export const purposeLabel = (purpose: string, lang: Lang): string => labelOf(NOTIFICATION_PURPOSE_LABELS, purpose, lang);

/** `03 · Korupsi/pungli` (the Permen PAN 5/2009 code and name). */
export function classificationLabel(code: string | null | undefined, lang: Lang): string {
  if (!code) return '—';
  const c = COMPLAINT_CLASSIFICATIONS.find((x) => x.code === code);
  return c ? `${c.code} · ${lang === 'id' ? c.nameId : c.nameEn}` : code;
}

const STEP_IDS: readonly string[] = [...SOP_STEP_IDS, SECTION_RESPONSE_STEP.id];

/** The step's number in the SOP, or null for a target (72 h, 60 days) and unknown ids. */
export function stepNumber(stepId: string): number | null {
  return STEP_IDS.includes(stepId) ? getStep(stepId as StepId).number : null;
}

/** The SOP's own name of a step (Uraian Kegiatan), or the target's name. */
export function stepFullName(stepId: string, lang: Lang): string {
  if (STEP_IDS.includes(stepId)) {
    const step = getStep(stepId as StepId);
    return lang === 'id' ? step.nameId : step.nameEn;
  }
  return stepShortName(stepId, lang);
}

/** A short name for tables and charts: `Langkah 3 · Disposisi`, `Target SOP 72 jam`. */
export function stepShortName(stepId: string, lang: Lang): string {
  if (isClockId(stepId)) {
    const name = CLOCK_LABELS[stepId][lang];
    const n = stepNumber(stepId);
    return n === null ? name : translate(lang, 'step.numbered', { n, name });
  }
  return stepId;
}
