import { COMPLAINT_EVENTS_TOPIC, serializeEnvelope, type EventEnvelope } from '@pengaduan/contracts';
import { schemaOf } from '@pengaduan/persistence';
import type { EntityManager } from 'typeorm';
import { OutboxMessage } from './entities';

/** The NOTIFY channel on which a schema's relay is woken. */
export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
}

/**
 * Writes events to the outbox inside the caller's transaction (`manager` must be the
 * transaction's entity manager): they are published if and only if the transaction commits.
 * The NOTIFY is delivered at commit, waking the relay at once.
 */
export async function appendToOutbox(
  manager: EntityManager,
  envelopes: readonly EventEnvelope[],
  topic: string = COMPLAINT_EVENTS_TOPIC,
): Promise<void> {
  if (envelopes.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('appendToOutbox needs the entity manager of an open transaction');
  }
  const rows = envelopes.map((env) =>
    manager.create(OutboxMessage, {
      eventId: env.id,
      eventType: env.type,
      topic,
      messageKey: env.subject,
      body: serializeEnvelope(env).toString('utf8'),
      headers: { 'content-type': 'application/cloudevents+json; charset=utf-8', 'ce_type': env.type },
    }),
  );
  await manager.insert(OutboxMessage, rows);
  const schema = schemaOf(manager.connection);
  await manager.query('SELECT pg_notify($1, $2)', [outboxChannel(schema), String(rows.length)]);
}
