import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// `Algorithm` is a const enum of @node-rs/argon2's typings, absent at run time under SWC:
// its value is written out here.
const ARGON2ID = 2 as Algorithm;

/**
 * argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): about 20-40 ms a hash, memory-hard
 * against GPU guessing. The parameters travel in the PHC string, so raising them later
 * leaves the stored hashes verifiable.
 */
export const PASSWORD_HASH_OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** The longest password accepted; longer input is refused before hashing (no hashing as a DoS). */
export const MAX_PASSWORD_LENGTH = 256;
/** The shortest password an operator may set (a generated one is longer). */
export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_OPTIONS);
}

/** Whether `password` matches the PHC string; a malformed hash never matches. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A password for a new account: 144 random bits, URL-safe (24 characters). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Verifies passwords for login, spending the same work whether or not the account exists:
 * an unknown username is checked against a hash of a random password, so the answer's timing
 * does not tell which usernames exist.
 */
export class PasswordVerifier {
  private dummy?: Promise<string>;

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    if (passwordHash !== undefined) return verifyPassword(passwordHash, password);
    this.dummy ??= hashPassword(generatePassword());
    await verifyPassword(await this.dummy, password);
    return false;
  }
}
