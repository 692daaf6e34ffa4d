import { redriveTopicFor } from '@pengaduan/contracts';
import type { IHeaders, Producer } from 'kafkajs';

/** The headers `deadLetter` adds (ADR 0007); a dead-lettered message's own headers are the others. */
const DLQ_HEADERS = [
  'dlq-reason',
  'dlq-error-code',
  'dlq-original-topic',
  'dlq-original-partition',
  'dlq-original-offset',
  'dlq-consumer-group',
  'dlq-kafka-group',
  'dlq-attempts',
  'dlq-failed-at',
] as const;

/** A dead-lettered message as it is put back: the original bytes, key and headers. */
export interface DeadLetteredMessage {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers: IHeaders;
}

/**
 * Puts dead-lettered messages back for their group only, on its re-drive topic (docs/adr/0043):
 * the original bytes and key, the original headers without the DLQ's, plus `redrive-id` naming
 * the operator's recorded re-drive. Never on the complaint stream, whose log the audit verifies.
 * Sent with acks=all.
 */
export async function redrive(producer: Producer, groupId: string, redriveId: string, messages: DeadLetteredMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const dlqHeaders: ReadonlySet<string> = new Set(DLQ_HEADERS);
  await producer.send({
    topic: redriveTopicFor(groupId),
    acks: -1,
    messages: messages.map((m) => ({
      key: m.key,
      value: m.value,
      headers: { ...Object.fromEntries(Object.entries(m.headers).filter(([name]) => !dlqHeaders.has(name))), 'redrive-id': redriveId },
    })),
  });
}
