import type { IHeaders, KafkaMessage } from 'kafkajs';

/** A record as it is stored in the embedded bus's log. */
export interface StoredRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  /** `[name, base64 value]` pairs, in the order sent (a header sent as a list is several pairs). */
  headers: [string, string][];
  /** Milliseconds since the epoch, as a string (kafkajs' `timestamp`). */
  timestamp: string;
}

/** A message's key or value as the bytes Kafka would store (a string as UTF-8). */
export function toBytes(value: Buffer | string | null | undefined): Buffer | null {
  if (value === null || value === undefined) return null;
  return Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
}

/** kafkajs headers as stored pairs; an undefined value is dropped, as kafkajs drops it. */
export function encodeHeaders(headers: IHeaders | undefined): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) pairs.push([name, (toBytes(one) ?? Buffer.alloc(0)).toString('base64')]);
  }
  return pairs;
}

/** Stored pairs as a consumer gets them from kafkajs: each value a Buffer, a repeated name a list of them. */
export function decodeHeaders(pairs: [string, string][]): IHeaders {
  const headers: Record<string, Buffer | Buffer[]> = {};
  for (const [name, base64] of pairs) {
    const value = Buffer.from(base64, 'base64');
    const seen = headers[name];
    if (seen === undefined) headers[name] = value;
    else headers[name] = Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return headers;
}

/** A stored record as kafkajs hands it to `eachMessage` / `eachBatch`. */
export function toKafkaMessage(record: StoredRecord): KafkaMessage {
  return {
    key: record.key,
    value: record.value,
    timestamp: record.timestamp,
    attributes: 0,
    offset: record.offset,
    headers: decodeHeaders(record.headers),
  };
}
