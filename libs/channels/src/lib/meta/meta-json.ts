import { WebhookPayloadError } from '../provider';

/** Reading Meta's webhook JSON defensively: a wrong shape is a WebhookPayloadError, never a crash. */
export type Json = Record<string, unknown>;

export const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A non-empty string (Meta sends some ids as numbers). */
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** An array, or none; anything else is malformed. */
export const list = (v: unknown, what: string): unknown[] => {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new WebhookPayloadError(`${what} is not an array`);
  return v;
};
