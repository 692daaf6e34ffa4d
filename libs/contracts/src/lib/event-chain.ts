import { createHash } from 'node:crypto';
import type { EventEnvelope } from './envelope';
import { signEnvelope, signedBytes, type EventSigningKey } from './event-signature';

/**
 * Hash-chained events (docs/adr/0034): each service's relay links every event it publishes to
 * the previous one it published to the same partition of the same topic. The event carries its
 * chain (`chain`: `<topic>/<partition>`), its number in the chain (`chainseq`, from 1) and the
 * digest of the previous event of the chain (`chainprev`, absent on the first), as CloudEvents
 * extensions inside what is signed. A verified signature on one event therefore vouches for every
 * earlier event of its chain whose digests link up to it: a replay checks a digest per event and
 * a signature now and then, and still names any event altered, removed, reordered or inserted.
 */

/** Extension attribute: the chain, `<topic>/<partition>` (one per source, since each source chains its own events). */
export const CHAIN_ATTRIBUTE = 'chain';
/** Extension attribute: the event's number in its chain, 1 for the first. */
export const CHAIN_SEQ_ATTRIBUTE = 'chainseq';
/** Extension attribute: the {@link chainDigest} of the previous event of the chain; absent on the first. */
export const CHAIN_PREV_ATTRIBUTE = 'chainprev';

/** Where a producer's chain stands: the last event's number and digest (`seq` 0, `digest` null: nothing yet). */
export interface ChainTip {
  readonly seq: number;
  readonly digest: string | null;
}

/** An event's place in its chain, as it claims it. */
export interface ChainLink {
  /** `<source> <chain>`: chains are per source. */
  readonly key: string;
  readonly seq: number;
  readonly prev: string | null;
}

export const EMPTY_CHAIN: ChainTip = Object.freeze({ seq: 0, digest: null });

/** The chain of a topic's partition. */
export const chainOf = (topic: string, partition: number): string => `${topic}/${partition}`;

/**
 * The digest that links an event: SHA-256 (base64url) of the bytes its signature covers, so it is
 * independent of how the event was re-serialised and covers its own chain attributes.
 */
export function chainDigest(envelope: EventEnvelope | Record<string, unknown>): string {
  return chainDigestOfSignedBytes(signedBytes(envelope));
}

/** {@link chainDigest} of bytes already computed by `signedBytes`. */
export function chainDigestOfSignedBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

/**
 * The event linked to `tip` of `chain` and signed: what a relay publishes. Deterministic, so an
 * event published again after a crash (the tip not advanced) goes out as the same bytes.
 * Returns the signed envelope and the chain's new tip.
 */
export function chainAndSign<E extends EventEnvelope>(envelope: E, chain: string, tip: ChainTip, key: EventSigningKey): { signed: E; tip: ChainTip } {
  const { [CHAIN_PREV_ATTRIBUTE]: _prev, ...rest } = envelope as E & Record<string, unknown>;
  const seq = tip.seq + 1;
  const linked = { ...rest, [CHAIN_ATTRIBUTE]: chain, [CHAIN_SEQ_ATTRIBUTE]: seq, ...(tip.digest === null ? {} : { [CHAIN_PREV_ATTRIBUTE]: tip.digest }) } as unknown as E;
  const signed = signEnvelope(linked, key);
  return { signed, tip: { seq, digest: chainDigest(signed) } };
}

/**
 * The chain link an envelope claims: undefined when it carries none (an event published before
 * chains, or produced outside a relay: its own signature must vouch for it); `malformed` when the
 * attributes are there but not well-formed.
 */
export function chainLinkOf(envelope: Record<string, unknown>): ChainLink | 'malformed' | undefined {
  const chain = envelope[CHAIN_ATTRIBUTE];
  const seq = envelope[CHAIN_SEQ_ATTRIBUTE];
  const prev = envelope[CHAIN_PREV_ATTRIBUTE];
  if (chain === undefined && seq === undefined && prev === undefined) return undefined;
  if (typeof chain !== 'string' || chain.length === 0 || typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return 'malformed';
  if (seq === 1 ? prev !== undefined : typeof prev !== 'string') return 'malformed';
  return { key: `${String(envelope['source'])} ${chain}`, seq, prev: (prev as string | undefined) ?? null };
}
