import { constantTimeEqual } from '@pengaduan/channels';
import { trackingPinMatches, type SealedReporter } from '../reporter-contact/tracking-pin';

/** How many of the phone number's last digits the reporter gives to prove it is theirs. */
export const PHONE_DIGITS = 4;

const FOUR_DIGITS = new RegExp(`^\\d{${PHONE_DIGITS}}$`);

/**
 * Whether `verifier` proves that whoever sent it is the reporter behind `contact`: the last
 * four digits of the phone number they gave (digits only), the e-mail address they gave
 * (without case or surrounding spaces), or a tracking PIN issued to them (ADR 0041). A contact
 * with none of these never matches. All are compared every time, in constant time (digests of
 * equal length through `timingSafeEqual`), so the time taken says little about which the
 * contact holds or how close the guess came. Personal data in, a boolean out: nothing here is
 * logged.
 */
export function verifierMatches(contact: SealedReporter, verifier: string): boolean {
  const given = verifier.trim();
  const digits = (contact.phone ?? '').replace(/\D/g, '');
  const lastDigits = digits.length >= PHONE_DIGITS ? digits.slice(-PHONE_DIGITS) : '';
  const email = (contact.email ?? '').trim().toLowerCase();
  // No short-circuit before both comparisons ran.
  const phoneEqual = constantTimeEqual(lastDigits, given);
  const emailEqual = constantTimeEqual(email, given.toLowerCase());
  const byPin = trackingPinMatches(contact.trackingPinHashes ?? [], given);
  const byPhone = phoneEqual && lastDigits !== '' && FOUR_DIGITS.test(given);
  const byEmail = emailEqual && email !== '';
  return byPhone || byEmail || byPin;
}
