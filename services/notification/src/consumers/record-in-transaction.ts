import { COMPLAINT_EVENTS_TOPIC, type EventEnvelope, type SopEnvelopeContext } from '@pengaduan/contracts';
import { appendToOutbox } from '@pengaduan/messaging';
import { decide, evolve, type ComplaintState, type SopCommand, type SopError, type SopEvent } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';

/**
 * Decides a command notification gives on its own (a system actor) while it consumes an
 * event, and commits state, outbox and own-inbox rows in the consumer's transaction, the way
 * `ComplaintCommandExecutor` does for a request. (The executor opens its own transaction and
 * waits for the complaint to be committed, so it cannot run inside the consumer's.)
 */
export async function recordInConsumerTransaction(
  tx: EntityManager,
  args: {
    complaintId: string;
    command: SopCommand;
    now: Date;
    /** The envelope attributes; `office` comes from the stored state. */
    context: Omit<SopEnvelopeContext, 'office' | 'subject'>;
    /** The consumer group whose inbox must skip these events when they come back from the topic. */
    consumerGroup: string;
    toEnvelope: (event: SopEvent, context: SopEnvelopeContext) => EventEnvelope;
  },
): Promise<{ ok: true; envelopes: EventEnvelope[] } | { ok: false; error: SopError }> {
  const [row] = (await tx.query('SELECT office_code, state, version FROM complaint_state WHERE complaint_id = $1 FOR UPDATE', [
    args.complaintId,
  ])) as { office_code: string; state: ComplaintState; version: number }[];
  if (!row) throw new Error(`complaint ${args.complaintId} has no state in this schema`);
  const decision = decide(args.command, row.state, args.now);
  if (!decision.ok) return { ok: false, error: decision.error };

  const state = decision.events.reduce(evolve, row.state);
  await tx.query('UPDATE complaint_state SET status = $2, state = $3, version = $4, updated_at = now() WHERE complaint_id = $1', [
    args.complaintId,
    state.status,
    JSON.stringify(state),
    row.version + decision.events.length,
  ]);
  const context: SopEnvelopeContext = { ...args.context, subject: args.complaintId, office: row.office_code };
  const envelopes = decision.events.map((event) => args.toEnvelope(event, context));
  await appendToOutbox(tx, envelopes);
  for (const e of envelopes) {
    await tx.query(
      `INSERT INTO inbox (consumer_group, event_id, event_type, subject, topic, partition, kafka_offset, started_attempts, finished_attempts, processed_at)
       VALUES ($1, $2, $3, $4, $5, -1, -1, 0, 0, now())`,
      [args.consumerGroup, e.id, e.type, e.subject, COMPLAINT_EVENTS_TOPIC],
    );
  }
  return { ok: true, envelopes };
}
