import { chainDigestOfSignedBytes, chainLinkOf, signedBytes, type ChainLink, type EventKeyRing } from '@pengaduan/contracts';
import type { AuditRecord, SignatureVerdict } from '../audit-core/report';

/**
 * What is learnt of a record before the chains are judged (ADR 0034), on a pool thread or on the
 * main thread:
 * - `chained`: it claims a place in a hash chain; its digest, not its signature, was computed;
 * - `checked`: no chain: its own signature was verified (`verdict`), or it is not a JSON object
 *   (`verdict` undefined: the auditor reports it).
 */
export type Inspected =
  | { readonly kind: 'chained'; readonly link: ChainLink; readonly digest: string }
  | { readonly kind: 'checked'; readonly verdict: SignatureVerdict | undefined };

// The same decoding as libs/contracts' parseEnvelope (fatal on bad UTF-8, a BOM dropped), so that
// whatever the auditor parses as an event is the object inspected here.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The envelope's JSON object, or undefined for a value that is not one (the auditor reports those). */
export function objectOf(value: Uint8Array | string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(typeof value === 'string' ? value : utf8.decode(value));
    return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Inspects an envelope's JSON object: its chain link and digest, else its own signature. */
export function inspectEnvelope(env: Record<string, unknown> | undefined, keyRing: EventKeyRing): Inspected {
  if (env === undefined) return NOT_AN_OBJECT;
  const link = chainLinkOf(env);
  // A malformed link is judged by the event's own signature, which covers it.
  if (link !== undefined && link !== 'malformed') return { kind: 'chained', link, digest: chainDigestOfSignedBytes(signedBytes(env)) };
  return { kind: 'checked', verdict: verdictOf(env, keyRing) };
}

/** {@link inspectEnvelope} of a record's value. */
export function inspectRecord(record: AuditRecord, keyRing: EventKeyRing): Inspected {
  return inspectEnvelope(record.value === null ? undefined : objectOf(record.value), keyRing);
}

/** The event's own signature, as the auditor takes it. */
export function verdictOf(env: Record<string, unknown>, keyRing: EventKeyRing): SignatureVerdict {
  const check = keyRing.verify(env);
  return check.ok ? VERIFIED : check;
}

const VERIFIED: SignatureVerdict = Object.freeze({ ok: true });
const NOT_AN_OBJECT: Inspected = Object.freeze({ kind: 'checked', verdict: undefined });
