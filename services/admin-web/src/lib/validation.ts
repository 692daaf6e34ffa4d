// The checks a form makes before it sends, with the limits the gateway and the services check
// (libs/sop FIELD_RULES), so most mistakes are shown at once in the officer's language. The
// gateway checks again: its field errors are shown the same way.
import { FIELD_RULES } from '@pengaduan/sop';
import type { Msg } from '../i18n/translate';
import { isCalendarDate } from './format';

/** Field path → what is wrong with it. */
export type FieldErrors = Record<string, Msg>;

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const TRACKING_NUMBER_PATTERN: RegExp = FIELD_RULES.trackingNumber.pattern;

/** Records an error when a required text is blank or too long. */
export function checkText(errors: FieldErrors, field: string, value: string, max: number, required = true): void {
  const trimmed = value.trim();
  if (required && trimmed === '') errors[field] = { key: 'validation.required' };
  else if (value.length > max) errors[field] = { key: 'validation.tooLong', params: { max, length: value.length } };
}

export function checkPhone(errors: FieldErrors, field: string, value: string): void {
  if (value.trim() !== '' && !FIELD_RULES.reporterPhone.pattern.test(value.trim())) errors[field] = { key: 'validation.phone' };
}

export function checkEmail(errors: FieldErrors, field: string, value: string): void {
  if (value.trim() !== '' && !FIELD_RULES.reporterEmail.pattern.test(value.trim())) errors[field] = { key: 'validation.email' };
}

export function checkRequiredChoice(errors: FieldErrors, field: string, value: string): void {
  if (value === '') errors[field] = { key: 'validation.choose' };
}

export function checkCalendarDate(errors: FieldErrors, field: string, value: string): void {
  if (value === '') errors[field] = { key: 'validation.required' };
  else if (!isCalendarDate(value)) errors[field] = { key: 'validation.date' };
}

/** The public web form (`POST /webhooks/web-form`). */
export interface WebFormInput {
  office: string;
  text: string;
  name: string;
  phone: string;
  email: string;
}

export function validateWebForm(input: WebFormInput): FieldErrors {
  const errors: FieldErrors = {};
  checkRequiredChoice(errors, 'office', input.office);
  checkText(errors, 'text', input.text, FIELD_RULES.reporterText.maxLength);
  checkText(errors, 'name', input.name, FIELD_RULES.reporterName.maxLength, false);
  checkPhone(errors, 'phone', input.phone);
  checkEmail(errors, 'email', input.email);
  return errors;
}

/** One member row of the team-decree form. */
export interface TeamMemberInput {
  name: string;
  nip: string;
  position: string;
  teamRole: string;
}

export interface TeamDecreeInput {
  decreeDate: string;
  members: readonly TeamMemberInput[];
  mandate: string;
  periodStartDate: string;
  periodEndDate: string;
}

/**
 * The team decree as the gateway takes it: each member named, with an 18-digit NIP (none twice),
 * a position and a role; exactly one KETUA; a mandate; a term that does not end before it starts.
 */
export function validateTeamDecree(input: TeamDecreeInput): FieldErrors {
  const errors: FieldErrors = {};
  checkCalendarDate(errors, 'decreeDate', input.decreeDate);
  if (input.members.length < FIELD_RULES.teamMembers.minItems) errors['members'] = { key: 'validation.teamNoMembers' };
  const seen = new Map<string, number>();
  input.members.forEach((m, i) => {
    checkText(errors, `members.${i}.name`, m.name, FIELD_RULES.officerName.maxLength);
    const nip = m.nip.trim();
    if (nip === '') errors[`members.${i}.nip`] = { key: 'validation.required' };
    else if (!FIELD_RULES.nip.pattern.test(nip)) errors[`members.${i}.nip`] = { key: 'validation.nip' };
    else if (seen.has(nip)) errors[`members.${i}.nip`] = { key: 'validation.nipTwice', params: { row: (seen.get(nip) ?? 0) + 1 } };
    else seen.set(nip, i);
    checkText(errors, `members.${i}.position`, m.position, FIELD_RULES.officerPosition.maxLength);
    checkRequiredChoice(errors, `members.${i}.teamRole`, m.teamRole);
  });
  const chairs = input.members.filter((m) => m.teamRole === 'KETUA').length;
  if (input.members.length > 0 && chairs !== 1) errors['members'] = { key: chairs === 0 ? 'validation.teamNoChair' : 'validation.teamManyChairs', params: { count: chairs } };
  checkText(errors, 'mandate', input.mandate, FIELD_RULES.mandate.maxLength);
  checkCalendarDate(errors, 'periodStartDate', input.periodStartDate);
  checkCalendarDate(errors, 'periodEndDate', input.periodEndDate);
  if (!errors['periodStartDate'] && !errors['periodEndDate'] && input.periodEndDate < input.periodStartDate) {
    errors['periodEndDate'] = { key: 'validation.periodEndBeforeStart' };
  }
  return errors;
}

/** One section of the disposition form. */
export interface DispositionSectionInput {
  sectionCode: string;
  chosen: boolean;
  instructions: readonly string[];
  note: string;
}

/** At least one section, each chosen one with at least one instruction; notes within their length. */
export function validateDisposition(sections: readonly DispositionSectionInput[], note: string): FieldErrors {
  const errors: FieldErrors = {};
  const chosen = sections.filter((s) => s.chosen);
  if (chosen.length === 0) errors['sections'] = { key: 'validation.noSection' };
  for (const s of chosen) {
    if (s.instructions.length === 0) errors[`section.${s.sectionCode}.instructions`] = { key: 'validation.noInstruction' };
    checkText(errors, `section.${s.sectionCode}.note`, s.note, FIELD_RULES.note.maxLength, false);
  }
  checkText(errors, 'note', note, FIELD_RULES.note.maxLength, false);
  return errors;
}

/** The gateway's field errors (already sorted to the form's fields) as messages to show. */
export function serverFieldErrors(byField: Readonly<Record<string, string>>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, message] of Object.entries(byField)) errors[field] = { key: 'form.serverFieldError', params: { message } };
  return errors;
}
