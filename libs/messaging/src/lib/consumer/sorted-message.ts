import { parseEnvelope } from '@pengaduan/contracts';
import type { KafkaMessage } from 'kafkajs';
import type { ConsumedEvent, EventConsumerOptions } from './consumer-options';

/** A message as the consumer sorts it before any database work. */
export type Sorted =
  | { kind: 'apply'; message: KafkaMessage; event: ConsumedEvent }
  | { kind: 'pass'; message: KafkaMessage }
  | { kind: 'refuse'; message: KafkaMessage; reason: string; code: string; signature: boolean; fields: Record<string, unknown> };

export type Applicable = Extract<Sorted, { kind: 'apply' }>;

/** One partition's batch, as kafkajs hands it to eachBatch. */
export interface BatchContext {
  topic: string;
  partition: number;
  resolveOffset: (offset: string) => void;
  heartbeat: () => Promise<void>;
}

export const idKey = (id: string) => id.toLowerCase();
export const isApplicable = (item: Sorted | undefined): item is Applicable => item?.kind === 'apply';

/** Parse, then the type filter, then the signature: no database work for any of them. */
export function sortMessage(message: KafkaMessage, { topic, partition }: BatchContext, options: EventConsumerOptions): Sorted {
  const where = { topic, partition, offset: message.offset };
  const parsed = parseEnvelope(message.value ?? Buffer.alloc(0));
  if (!parsed.ok) {
    return { kind: 'refuse', message, reason: `malformed event: ${parsed.reason}`, code: 'EVENT.MALFORMED', signature: false, fields: { ...where, reason: parsed.reason, problems: parsed.problems } };
  }
  const env = parsed.envelope;
  if (options.accepts && !options.accepts(env.type)) {
    // Before the signature: the groups acting on this type verify it; this one only moves on.
    options.logger.trace({ ...where, eventId: env.id, eventType: env.type }, 'event of a type this group does not act on; passed over');
    return { kind: 'pass', message };
  }
  if (options.keyRing) {
    // Before the inbox: an unverified event must not claim its id (a forgery reusing a real
    // event's id would otherwise make the real one look already handled).
    const check = options.keyRing.verify(env);
    if (!check.ok) {
      const fields = { ...where, eventId: env.id, eventType: env.type, source: env.source, code: check.code, reason: check.reason };
      return { kind: 'refuse', message, reason: check.reason, code: check.code, signature: true, fields };
    }
  }
  return { kind: 'apply', message, event: { ...parsed, topic, partition, offset: message.offset } };
}
