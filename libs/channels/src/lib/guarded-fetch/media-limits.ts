import { PROVIDER_TIMEOUT_MS } from '../http';
import type { FetchLimits, HostLookup } from './guarded-fetch';

/** What intake keeps at most when MEDIA_MAX_BYTES is not set (16 MiB, WhatsApp's video limit). */
export const DEFAULT_MEDIA_MAX_BYTES = 16 * 1024 * 1024;

/** A media fetcher's limits; each one left out takes its default. */
export interface MediaFetchLimits {
  /** MEDIA_MAX_BYTES: larger attachments are refused while they stream. */
  maxBytes?: number;
  /** The whole fetch of one attachment (default {@link PROVIDER_TIMEOUT_MS}). */
  timeoutMs?: number;
  lookup?: HostLookup;
}

/** The limits with their defaults filled in. */
export function mediaLimits(limits: MediaFetchLimits = {}): FetchLimits {
  return {
    maxBytes: limits.maxBytes ?? DEFAULT_MEDIA_MAX_BYTES,
    timeoutMs: limits.timeoutMs ?? PROVIDER_TIMEOUT_MS,
    ...(limits.lookup ? { lookup: limits.lookup } : {}),
  };
}

/** An API's JSON answer (media metadata, getFile) is small: it is never read past this. */
export const API_ANSWER_MAX_BYTES = 1024 * 1024;
