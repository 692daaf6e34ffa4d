import type { CommandType } from './commands';
import { FIELD_RULES } from './field-rules';
import type { NotificationPurpose } from './reference-data';
import type { Role } from './roles';

/**
 * Why an officer reads the complainant's contact (docs/adr/0029). Each purpose is an SOP step
 * that needs to reach the complainant, or the head of office's recorded exception:
 * - `CONFIRM`: step 2, Admin Tikkim confirms the complaint with the complainant;
 * - `INFORM_REPORTER`: step 7, Admin Tikkim tells the complainant the follow-up;
 * - `DELIVERY_BY_PHONE`: step 8, Admin Tikkim delivers it by phone or in person when no
 *   channel can, and confirms the delivery;
 * - `BREAK_GLASS`: the head of office, with a stated reason, in an exception (e.g. a complaint
 *   against Admin Tikkim); never for an anonymous complaint.
 */
export const CONTACT_READ_PURPOSES = ['CONFIRM', 'INFORM_REPORTER', 'DELIVERY_BY_PHONE', 'BREAK_GLASS'] as const;
export type ContactReadPurpose = (typeof CONTACT_READ_PURPOSES)[number];

/** The purposes each role may state; a role not named reads no contact at all. */
export const CONTACT_READ_PURPOSES_BY_ROLE: Readonly<Partial<Record<Role, readonly ContactReadPurpose[]>>> = {
  ADMIN_TIKKIM: ['CONFIRM', 'INFORM_REPORTER', 'DELIVERY_BY_PHONE'],
  KEPALA_KANTOR: ['BREAK_GLASS'],
};

/** The shortest reason a break-glass read must state, and the longest kept (FIELD_RULES.breakGlassReason). */
export const BREAK_GLASS_REASON_MIN: number = FIELD_RULES.breakGlassReason.minLength;
export const BREAK_GLASS_REASON_MAX: number = FIELD_RULES.breakGlassReason.maxLength;

/** The purposes notification states when it resolves the reporter's address to send a message. */
export const SYSTEM_CONTACT_PURPOSES: Readonly<Record<NotificationPurpose, string>> = {
  ACKNOWLEDGEMENT: 'ACKNOWLEDGE',
  FOLLOW_UP_INFORMATION: 'SEND_FOLLOW_UP',
  DISMISSAL_NOTICE: 'SEND_DISMISSAL_NOTICE',
  STATUS_CONFIRMED: 'SEND_STATUS_MESSAGE',
  STATUS_DISPOSED: 'SEND_STATUS_MESSAGE',
  STATUS_DECIDED: 'SEND_STATUS_MESSAGE',
  RATING_REQUEST: 'SEND_RATING_REQUEST',
};

export function isContactReadPurpose(value: unknown): value is ContactReadPurpose {
  return typeof value === 'string' && (CONTACT_READ_PURPOSES as readonly string[]).includes(value);
}

export type ContactReadDecision = { ok: true } | { ok: false; code: 'CONTACT.PURPOSE_NOT_ALLOWED' | 'CONTACT.ANONYMOUS' | 'CONTACT.REASON_REQUIRED'; message: string };

/**
 * Whether `role` may read the contact of a complaint for `purpose`. The contact of an anonymous
 * complaint is Admin Tikkim's alone (SP4N-LAPOR! "Anonim"): not even a break-glass read opens it.
 */
export function mayReadContact(role: Role, purpose: ContactReadPurpose, complaint: { anonymous: boolean }, reason?: string): ContactReadDecision {
  if (!(CONTACT_READ_PURPOSES_BY_ROLE[role] ?? []).includes(purpose)) {
    return { ok: false, code: 'CONTACT.PURPOSE_NOT_ALLOWED', message: `${role} may not read the complainant's contact to ${purpose}` };
  }
  if (complaint.anonymous && role !== 'ADMIN_TIKKIM') {
    return { ok: false, code: 'CONTACT.ANONYMOUS', message: "the complainant asked to stay anonymous: only Admin Tikkim reads the contact" };
  }
  if (purpose === 'BREAK_GLASS' && (reason ?? '').trim().length < BREAK_GLASS_REASON_MIN) {
    return { ok: false, code: 'CONTACT.REASON_REQUIRED', message: `a break-glass read states its reason (at least ${BREAK_GLASS_REASON_MIN} characters)` };
  }
  return { ok: true };
}

/**
 * The purpose Admin Tikkim reads the contact for when the request names none: the step they may
 * take now that needs the complainant (step 2 confirm or dismiss, step 7, step 8); none otherwise.
 */
export function contactPurposeOfActions(actions: readonly CommandType[]): ContactReadPurpose | undefined {
  if (actions.includes('confirm') || actions.includes('dismiss')) return 'CONFIRM';
  if (actions.includes('informReporter')) return 'INFORM_REPORTER';
  if (actions.includes('recordDelivery')) return 'DELIVERY_BY_PHONE';
  return undefined;
}
