import { COMPLAINT_EVENTS_TOPIC, type EventEnvelope, type SopEnvelopeContext } from '@pengaduan/contracts';
import { evolve, type ComplaintState, type SopEvent, versionAfter } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { appendToOutbox } from '../outbox';

/*
 * Each service's own view of every complaint's libs/sop state (`complaint_state`), folded from
 * the complaint stream with `evolve`. Events the service emits itself are applied when it
 * commits them, and marked in its inbox so they are not applied again when they come back.
 */

interface StateRow {
  office_code: string;
  state: ComplaintState;
  version: number | null;
}

/** A complaint's state as a service holds it, locked for the caller's transaction. */
export interface LockedComplaintState {
  complaintId: string;
  officeCode: string;
  state: ComplaintState;
  /** Its version (docs/adr/0033); null for a complaint recorded before versions. */
  version: number | null;
}

/** Locks a complaint's state row (`FOR UPDATE`) for a decision; undefined when the service does not know it. */
export async function lockComplaintState(tx: EntityManager, complaintId: string): Promise<LockedComplaintState | undefined> {
  const row = await loadState(tx, complaintId, true);
  return row && { complaintId, officeCode: row.office_code, state: row.state, version: row.version };
}

/**
 * Commits what `decide` returned for a locked complaint, in the caller's transaction: the
 * evolved state, the events in the outbox (built by `toEnvelope` with the envelope context)
 * and their inbox rows for the service's own state consumer, so it does not fold them twice.
 */
export async function recordDecision(
  tx: EntityManager,
  locked: LockedComplaintState,
  events: readonly SopEvent[],
  args: {
    stateConsumerGroup: string;
    context: Omit<SopEnvelopeContext, 'subject' | 'office'>;
    toEnvelope: (event: SopEvent, context: SopEnvelopeContext) => EventEnvelope;
  },
): Promise<{ state: ComplaintState; version: number | null; envelopes: EventEnvelope[] }> {
  const state = events.reduce(evolve, locked.state);
  const version = locked.version === null ? null : versionAfter(locked.version, events);
  await saveState(tx, locked.complaintId, locked.officeCode, state, version);
  const context: SopEnvelopeContext = { ...args.context, subject: locked.complaintId, office: locked.officeCode };
  const envelopes = events.map((event) => args.toEnvelope(event, context));
  await appendToOutbox(tx, envelopes);
  await markOwnEvents(tx, args.stateConsumerGroup, envelopes);
  return { state, version, envelopes };
}

/** The state row of a complaint, locked (`FOR UPDATE`) when asked; undefined when there is none. */
export async function loadState(tx: EntityManager, complaintId: string, lock: boolean): Promise<StateRow | undefined> {
  const rows = (await tx.query(
    `SELECT office_code, state, version FROM complaint_state WHERE complaint_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [complaintId],
  )) as StateRow[];
  return rows[0];
}

export async function saveState(tx: EntityManager, complaintId: string, officeCode: string, state: ComplaintState, version: number | null): Promise<void> {
  await tx.query(
    `INSERT INTO complaint_state (complaint_id, office_code, status, state, version, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (complaint_id) DO UPDATE SET status = $3, state = $4, version = $5, updated_at = now()`,
    [complaintId, officeCode, state.status, JSON.stringify(state), version],
  );
}

/** The service's own events are already applied: its state consumer must skip them. */
export async function markOwnEvents(tx: EntityManager, group: string, envelopes: readonly EventEnvelope[]): Promise<void> {
  for (const e of envelopes) {
    await tx.query(
      `INSERT INTO inbox (consumer_group, event_id, event_type, subject, topic, partition, kafka_offset, started_attempts, finished_attempts, processed_at)
       VALUES ($1, $2, $3, $4, $5, -1, -1, 0, 0, now())`,
      [group, e.id, e.type, e.subject, COMPLAINT_EVENTS_TOPIC],
    );
  }
}
