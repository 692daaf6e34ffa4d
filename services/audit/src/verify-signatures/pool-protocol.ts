import type { ChainLink, SignatureCheck } from '@pengaduan/contracts';

/** A published key as a worker is started with it: the SPKI bytes, since a thread builds its own key objects. */
export interface PublishedKey {
  readonly keyId: string;
  readonly source: string;
  readonly spki: Uint8Array;
}

/** A batch of records to verify: their values back to back in `bytes` (transferred), record i ending at `ends[i]`. */
export interface VerifyRequest {
  readonly seq: number;
  readonly bytes: ArrayBuffer;
  readonly ends: Uint32Array<ArrayBuffer>;
}

/**
 * What was learnt of a batch, by record: {@link NOT_CHECKED}, {@link VERIFIED}, {@link REFUSED} (its
 * code and reason next in `refusals`) or {@link CHAINED} (its link and digest next in `chained`).
 */
export interface VerifyReply {
  readonly seq: number;
  readonly codes: Uint8Array<ArrayBuffer>;
  readonly refusals: { code: Extract<SignatureCheck, { ok: false }>['code']; reason: string }[];
  readonly chained: { link: ChainLink; digest: string }[];
}

/** Not a JSON object (or not bytes): the main thread parses it, and verifies it itself should it be an event after all. */
export const NOT_CHECKED = 0;
export const VERIFIED = 1;
export const REFUSED = 2;
/** Hash-chained: its digest computed, its signature left to the chain's judgement (ADR 0034). */
export const CHAINED = 3;
