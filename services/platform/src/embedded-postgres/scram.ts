import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

// The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as Postgres speaks it (without channel
// binding: the embedded Postgres listens on loopback without TLS). What the server keeps of a
// password is its verifier — salt, iteration count, StoredKey and ServerKey — as in pg_authid.

export const SCRAM_SHA_256 = 'SCRAM-SHA-256';

/** What the server keeps of a password. */
export interface ScramVerifier {
  readonly salt: Buffer;
  readonly iterations: number;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();

/** The verifier of `password` (normalised as the `pg` client's SASLprep does, NFKC), as Postgres makes it: 4096 iterations. */
export function scramVerifier(password: string, iterations = 4096, salt: Buffer = randomBytes(16)): ScramVerifier {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  return { salt, iterations, storedKey: sha256(hmac(salted, 'Client Key')), serverKey: hmac(salted, 'Server Key') };
}

/**
 * One SCRAM-SHA-256 exchange, server side: `first` answers the client-first-message with the
 * server-first-message; `final` checks the client-final-message's proof and answers the
 * server-final-message, or undefined when the proof is wrong. A user without a password gets a
 * made-up verifier, so that the exchange runs to its end and fails there, as Postgres does
 * (whether a role exists is not given away).
 */
export class ScramExchange {
  private readonly verifier: ScramVerifier;
  private readonly known: boolean;
  private gs2Header = '';
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';

  constructor(
    verifier: ScramVerifier | undefined,
    /** The server's part of the nonce (random; given by tests only). */
    private readonly serverNonce: () => string = () => randomBytes(18).toString('base64'),
  ) {
    this.known = verifier !== undefined;
    this.verifier = verifier ?? scramVerifier(randomBytes(16).toString('base64'));
  }

  /** The server-first-message, or undefined when the client-first-message is malformed (or asks for channel binding). */
  first(clientFirst: string): string | undefined {
    const m = /^([ny]),(a=[^,]*)?,(.*)$/.exec(clientFirst);
    if (!m) return undefined;
    const clientNonce = /(?:^|,)r=([^,]+)/.exec(m[3])?.[1];
    if (!clientNonce) return undefined;
    this.gs2Header = `${m[1]},${m[2] ?? ''},`;
    this.clientFirstBare = m[3];
    this.nonce = clientNonce + this.serverNonce();
    this.serverFirst = `r=${this.nonce},s=${this.verifier.salt.toString('base64')},i=${this.verifier.iterations}`;
    return this.serverFirst;
  }

  /** The server-final-message when the client proved it knows the password, else undefined. */
  final(clientFinal: string): string | undefined {
    const at = clientFinal.lastIndexOf(',p=');
    if (!this.serverFirst || at < 0) return undefined;
    const withoutProof = clientFinal.slice(0, at);
    const proof = Buffer.from(clientFinal.slice(at + 3), 'base64');
    const binding = /(?:^|,)c=([^,]*)/.exec(withoutProof)?.[1];
    const nonce = /(?:^|,)r=([^,]*)/.exec(withoutProof)?.[1];
    if (binding === undefined || Buffer.from(binding, 'base64').toString('utf8') !== this.gs2Header || nonce !== this.nonce || proof.length !== 32) return undefined;
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const signature = hmac(this.verifier.storedKey, authMessage);
    const clientKey = Buffer.from(proof.map((byte, i) => byte ^ signature[i]));
    if (!timingSafeEqual(sha256(clientKey), this.verifier.storedKey) || !this.known) return undefined;
    return `v=${hmac(this.verifier.serverKey, authMessage).toString('base64')}`;
  }
}
