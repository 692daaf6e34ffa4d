import { constantTimeEqual } from '@pengaduan/channels';
import type { ReporterContact } from '../reporter-contact/contact-cipher';

/** How many of the phone number's last digits the reporter gives to prove it is theirs. */
export const PHONE_DIGITS = 4;

const FOUR_DIGITS = new RegExp(`^\\d{${PHONE_DIGITS}}$`);

/**
 * Whether `verifier` proves that whoever sent it is the reporter behind `contact`: the last
 * four digits of the phone number they gave (digits only), or the e-mail address they gave
 * (without case or surrounding spaces). A contact with neither never matches. Both are
 * compared every time, in constant time (SHA-256 digests of equal length through
 * `timingSafeEqual`), so the time taken says nothing about which the contact holds or how
 * close the guess came. Personal data in, a boolean out: nothing here is logged.
 */
export function verifierMatches(contact: ReporterContact, verifier: string): boolean {
  const given = verifier.trim();
  const digits = (contact.phone ?? '').replace(/\D/g, '');
  const lastDigits = digits.length >= PHONE_DIGITS ? digits.slice(-PHONE_DIGITS) : '';
  const email = (contact.email ?? '').trim().toLowerCase();
  // No short-circuit before both comparisons ran.
  const phoneEqual = constantTimeEqual(lastDigits, given);
  const emailEqual = constantTimeEqual(email, given.toLowerCase());
  const byPhone = phoneEqual && lastDigits !== '' && FOUR_DIGITS.test(given);
  const byEmail = emailEqual && email !== '';
  return byPhone || byEmail;
}
