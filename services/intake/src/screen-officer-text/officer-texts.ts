import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import type { ReporterContact } from '../reporter-contact/contact-cipher';
import { revealedContact } from '../reporter-contact/personal-data';

/** A free text an officer wrote for a command, named as the command's REST body names its field. */
export interface OfficerText {
  /** E.g. `summary`, `lines[0].note`, `members[1].position`. */
  field: string;
  /** Absent or empty: nothing to screen. */
  text?: string;
}

/**
 * The one rule for every officer-written text that goes into a complaint's events or documents
 * (docs/adr/0023): none may give the reporter away ({@link revealedContact}), since every
 * section, the audit and the offices that follow the stream read them. Refuses with one
 * `COMPLAINT.PERSONAL_DATA` that names every field that does, and says which part of the
 * contact (never the contact itself).
 */
export function refuseRevealingTexts(texts: readonly OfficerText[], contact: ReporterContact): void {
  const violations: FieldViolation[] = [];
  for (const { field, text } of texts) {
    const revealed = text ? revealedContact(text, contact) : undefined;
    if (revealed) {
      violations.push({ field, description: `must not contain the reporter's ${revealed}: it is recorded in the complaint's events and documents` });
    }
  }
  if (violations.length === 0) return;
  const fields = violations.map((v) => v.field);
  throw new ServiceError('invalid', 'COMPLAINT.PERSONAL_DATA', `${fields.join(', ')} ${fields.length === 1 ? 'gives' : 'give'} away the reporter`, {
    fieldViolations: violations,
  });
}
