import { createHash, randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * The TOTP parameters every authenticator app reads from an `otpauth://` URI without asking:
 * RFC 6238 defaults (HMAC-SHA1, 6 digits, 30-second steps).
 */
export const TOTP_PARAMETERS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** Steps either side of the current one a code may be from (clock drift, a code typed as it changes). */
export const TOTP_WINDOW = 1;
/** Bytes of a new secret: 160 bits, the HMAC-SHA1 block RFC 4226 recommends. */
export const TOTP_SECRET_BYTES = 20;
/** The issuer the authenticator app shows next to the officer's username. */
export const TOTP_ISSUER = 'Pengaduan';
/** Recovery codes answered at activation. */
export const RECOVERY_CODE_COUNT = 10;

/** A new random secret, as raw bytes. */
export function newTotpSecret(): Buffer {
  return randomBytes(TOTP_SECRET_BYTES);
}

/** The secret as authenticator apps take it typed in: base32 without padding. */
export function base32Of(secret: Uint8Array): string {
  return new Secret({ buffer: Uint8Array.from(secret).buffer }).base32;
}

/** The `otpauth://totp/…` URI of the secret for `username` of `officeCode` (what a QR code would hold). */
export function otpauthUri(secret: Uint8Array, username: string, officeCode: string): string {
  return new TOTP({
    issuer: `${TOTP_ISSUER} ${officeCode}`,
    label: username,
    secret: new Secret({ buffer: Uint8Array.from(secret).buffer }),
    ...TOTP_PARAMETERS,
  }).toString();
}

/** The time step of `at` (30-second steps since the epoch). */
export function totpStepAt(at: Date): number {
  return TOTP.counter({ period: TOTP_PARAMETERS.period, timestamp: at.getTime() });
}

/**
 * The time step `code` belongs to when it is the code of `secret` for the step of `at` or
 * one step either side ({@link TOTP_WINDOW}); undefined otherwise (also for anything that is
 * not 6 digits). The caller refuses a step not after the last one used (a replay).
 */
export function matchTotpStep(secret: Uint8Array, code: string, at: Date): number | undefined {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const delta = TOTP.validate({ token, secret: new Secret({ buffer: Uint8Array.from(secret).buffer }), timestamp: at.getTime(), window: TOTP_WINDOW, ...TOTP_PARAMETERS });
  return delta === null ? undefined : totpStepAt(at) + delta;
}

/** Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or typed is not mistaken. */
const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A recovery code: 16 characters of {@link RECOVERY_ALPHABET} (80 bits), shown as `XXXX-XXXX-XXXX-XXXX`. */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: 16 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** A recovery code as typed, the way it is hashed: uppercase, without spaces and dashes, O as 0, I and L as 1. */
export function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/**
 * How a recovery code is stored: SHA-256 of its normalized form. An 80-bit random code cannot
 * be guessed from its hash, so argon2 (made for low-entropy passwords) would only cost each
 * login ten hashes; SHA-256 finds the code in one indexed lookup.
 */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code)).digest('base64url');
}
