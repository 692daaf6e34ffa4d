import {
  CHANNEL_LABELS,
  COMPLAINT_CLASSIFICATIONS,
  COMPLAINT_OUTCOME_LABELS,
  DISPOSITION_INSTRUCTION_LABELS,
  FOLLOW_UP_DECISION_LABELS,
  SEVERITY_LABELS,
  SUBSTANTIATION_LABELS,
  TEAM_MEMBER_ROLE_LABELS,
  type Label,
} from '@pengaduan/sop';
import { DocumentError } from './errors';

/** The Indonesian label of a value of the SOP's vocabulary; a value outside it is an input error naming the field (a document never shows a raw code). */
function labelOf(labels: Readonly<Record<string, Label>>, value: unknown, field: string): string {
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(labels, value)) return labels[value].id;
  throw new DocumentError('DOCUMENT.INVALID_INPUT', `${field} must be one of ${Object.keys(labels).join(', ')}; got ${JSON.stringify(value)}`, field);
}

export const channelLabel = (v: unknown, field = 'channel') => labelOf(CHANNEL_LABELS, v, field);
export const instructionLabel = (v: unknown, field: string) => labelOf(DISPOSITION_INSTRUCTION_LABELS, v, field);
export const substantiationLabel = (v: unknown, field = 'substantiated') => labelOf(SUBSTANTIATION_LABELS, v, field);
export const severityLabel = (v: unknown, field = 'severity') => labelOf(SEVERITY_LABELS, v, field);
export const decisionLabel = (v: unknown, field = 'decision') => labelOf(FOLLOW_UP_DECISION_LABELS, v, field);
export const teamRoleLabel = (v: unknown, field: string) => labelOf(TEAM_MEMBER_ROLE_LABELS, v, field);
export const outcomeLabel = (v: unknown, field = 'outcome') => labelOf(COMPLAINT_OUTCOME_LABELS, v, field);

/** `'02 – Pelayanan masyarakat'` (Permen PAN 5/2009). */
export function classificationLabel(code: unknown, field = 'classificationCode'): string {
  const c = COMPLAINT_CLASSIFICATIONS.find((k) => k.code === code);
  if (!c) throw new DocumentError('DOCUMENT.INVALID_INPUT', `${field} must be a classification code 01–10; got ${JSON.stringify(code)}`, field);
  return `${c.code} – ${c.nameId}`;
}

/** A free text of the input: must be a string (may be empty). */
export function textOf(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new DocumentError('DOCUMENT.INVALID_INPUT', `${field} must be a text`, field);
  return value;
}

/** A non-empty single-line text (a number, a name). */
export function requiredText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new DocumentError('DOCUMENT.INVALID_INPUT', `${field} must be a non-empty text`, field);
  return value.trim();
}

/** Whether `value` is a Date with a time; by its tag, so a Date of another realm (a vm context, a worker's structured clone) counts too. */
export function isValidDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]' && !Number.isNaN((value as Date).getTime());
}

export function validDate(value: unknown, field: string): Date {
  if (!isValidDate(value)) throw new DocumentError('DOCUMENT.INVALID_INPUT', `${field} must be a valid Date`, field);
  return new Date(value.getTime()); // of this realm: pdfkit writes a Date only when it is `instanceof Date`
}

export function listOf<T>(value: unknown, field: string, options: { nonEmpty?: boolean } = {}): T[] {
  if (!Array.isArray(value)) throw new DocumentError('DOCUMENT.INVALID_INPUT', `${field} must be a list`, field);
  if (options.nonEmpty && value.length === 0) throw new DocumentError('DOCUMENT.INVALID_INPUT', `${field} must not be empty`, field);
  return value as T[];
}

export function booleanOf(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new DocumentError('DOCUMENT.INVALID_INPUT', `${field} must be true or false`, field);
  return value;
}

/** An optional field left out; `null` counts as left out too (what a database column gives). */
export function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}
