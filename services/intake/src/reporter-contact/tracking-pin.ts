import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { ReporterContact } from './contact-cipher';

/**
 * Digits of a tracking PIN: 10⁸ values, so that the public tracking's limits (ADR 0041) hold a
 * guesser off far longer than for the last four digits of a phone number.
 */
export const TRACKING_PIN_DIGITS = 8;

/**
 * PINs that stay valid per reporter. Each acknowledgement sent issues one (a retry, another
 * channel, a message the provider took twice); the newest are kept, so whichever of them reached
 * the reporter still works.
 */
export const TRACKING_PINS_KEPT = 5;

const PIN = new RegExp(`^\\d{${TRACKING_PIN_DIGITS}}$`);

/**
 * What intake seals for a reporter: the contact they gave and the hashes of the tracking PINs
 * issued to them. Only the contact ever leaves intake's verifier and acknowledgement paths.
 */
export interface SealedReporter extends ReporterContact {
  trackingPinHashes?: string[];
}

/** A reporter who can prove a complaint is theirs only with a PIN: neither a phone number nor an e-mail address. */
export function needsTrackingPin(contact: ReporterContact): boolean {
  return !contact.phone && !contact.email;
}

/**
 * Whether the web form's status answer may show this reporter another PIN (ADR 0052): they gave
 * neither phone nor e-mail, and fewer than {@link TRACKING_PINS_KEPT} PINs were issued to them.
 * Nothing else issues PINs to such a reporter, so every PIN the page ever showed stays valid, and
 * a script that polls the submission's status mints at most that many, ever.
 */
export function webFormPinDue(reporter: SealedReporter): boolean {
  return needsTrackingPin(reporter) && (reporter.trackingPinHashes?.length ?? 0) < TRACKING_PINS_KEPT;
}

/** A new random PIN of {@link TRACKING_PIN_DIGITS} digits. */
export function newTrackingPin(): string {
  return String(randomInt(0, 10 ** TRACKING_PIN_DIGITS)).padStart(TRACKING_PIN_DIGITS, '0');
}

/**
 * `<salt>.<digest>` (base64url): SHA-256 of a random salt and the PIN. Stored only inside the
 * sealed contact, so reading it needs the contact key first, which opens every contact anyway.
 */
export function trackingPinHash(pin: string, salt: Buffer = randomBytes(16)): string {
  return `${salt.toString('base64url')}.${digestOf(salt, pin).toString('base64url')}`;
}

/** The newest {@link TRACKING_PINS_KEPT} hashes once `hash` joins them. */
export function withTrackingPin(reporter: SealedReporter, hash: string): SealedReporter {
  return { ...reporter, trackingPinHashes: [...(reporter.trackingPinHashes ?? []), hash].slice(-TRACKING_PINS_KEPT) };
}

/**
 * Whether `verifier` is one of the PINs behind `hashes`. Every hash is compared, in constant
 * time, whatever the verifier looks like, so the time taken says nothing of the outcome.
 */
export function trackingPinMatches(hashes: readonly string[], verifier: string): boolean {
  const given = verifier.trim();
  let matched = false;
  for (const hash of hashes) {
    const [salt = '', expected = ''] = hash.split('.');
    const want = Buffer.from(expected, 'base64url');
    const got = digestOf(Buffer.from(salt, 'base64url'), given);
    if (want.length === got.length && timingSafeEqual(want, got)) matched = true;
  }
  return matched && PIN.test(given);
}

/** The contact alone, without what only the verifier may read. */
export function contactOnly(reporter: SealedReporter): ReporterContact {
  const contact: SealedReporter = { ...reporter };
  delete contact.trackingPinHashes;
  return contact;
}

function digestOf(salt: Buffer, pin: string): Buffer {
  return createHash('sha256').update(salt).update(pin, 'utf8').digest();
}
