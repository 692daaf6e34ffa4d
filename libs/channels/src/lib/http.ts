import type { Channel } from '@pengaduan/sop';
import type { ProviderSendOutcome } from './provider';

/** How long one call to a provider may take before it counts as a network failure. */
export const PROVIDER_TIMEOUT_MS = 10_000;

/** A provider's answer, read once: status, headers, and the body as text. */
export interface ProviderResponse {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * One HTTP call to a provider with a timeout. Network errors and timeouts come back as
 * `undefined` (the caller records a retryable `<CHANNEL>.NETWORK`), never as a thrown error.
 */
export async function callProvider(url: string, init: RequestInit, timeoutMs = PROVIDER_TIMEOUT_MS): Promise<ProviderResponse | undefined> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, headers: res.headers, text: await res.text() };
  } catch {
    return undefined;
  }
}

/** The provider's `Retry-After` (seconds or an HTTP date) in ms, when it sent one. */
export function retryAfterMs(headers: Headers, now: Date = new Date()): number | undefined {
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** The failure for an HTTP status with no provider code we know: 429 and 5xx may be tried again. */
export function httpFailure(channel: Channel, res: ProviderResponse | undefined): Extract<ProviderSendOutcome, { kind: 'failed' }> {
  if (!res) return { kind: 'failed', errorCode: `${channel}.NETWORK`, retryable: true };
  return {
    kind: 'failed',
    errorCode: `${channel}.HTTP_${res.status}`,
    retryable: res.status === 429 || res.status >= 500,
    retryAfterMs: retryAfterMs(res.headers),
  };
}

/** Parses JSON from a provider, `undefined` when it is not JSON. */
export function jsonOf<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
