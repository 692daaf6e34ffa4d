import { COMPLAINT_EVENTS_TOPIC, toSopEvent, type EventType } from '@pengaduan/contracts';
import { evolve, initialState, isComplaintEventType, type ComplaintState, type SopEvent, versionAfter } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import type { ConsumedEvent, EventHandler } from '../consumer';
import { PermanentError } from '../errors';
import { loadState, saveState } from './state-repository';

/**
 * Folds one consumed event into the complaint's state (the consumer's handler). SLA events
 * leave it unchanged. An event that does not apply to the state it finds throws, so the
 * consumer retries and then dead-letters it: an illegal history is never silently absorbed.
 */
export async function applyComplaintEvent(event: ConsumedEvent, tx: EntityManager): Promise<SopEvent | undefined> {
  let sopEvent: SopEvent | undefined;
  try {
    sopEvent = toSopEvent(event);
  } catch (err) {
    throw new PermanentError('EVENT.UNMAPPABLE', (err as Error).message, { cause: err });
  }
  if (!sopEvent) return undefined;
  const complaintId = event.envelope.subject;
  const row = await loadState(tx, complaintId, true);
  let next: ComplaintState;
  try {
    next = evolve(row?.state ?? initialState(), sopEvent);
  } catch (err) {
    // Events of one complaint share a partition, so its history arrives whole and in order:
    // an event that does not fit is an illegal history, and retrying cannot change that.
    throw new PermanentError('EVENT.NOT_APPLICABLE', `${event.envelope.type} ${event.envelope.id} does not apply to complaint ${complaintId} in ${row?.state.status ?? 'no state'}: ${(err as Error).message}`, { cause: err });
  }
  const version = !row ? versionAfter(0, [sopEvent]) : row.version === null ? null : versionAfter(row.version, [sopEvent]);
  await saveState(tx, complaintId, row?.office_code ?? event.envelope.office, next, version);
  return sopEvent;
}

/**
 * The consumer every command service runs to keep its complaint states current. By default it
 * acts on the state machine's events only (`complaint.*`): `sla.*` events change no state, and a
 * burst of them (thousands of deadlines falling due in one minute) must not queue a transaction
 * each in front of the complaint events a command waits for. A consumer whose `extra` handler
 * wants every event (the gateway's read model) says so with `accepts`.
 */
export function complaintStateConsumer(groupId: string, extra?: EventHandler, accepts: (type: EventType) => boolean = isComplaintEventType) {
  return {
    groupId,
    topics: [COMPLAINT_EVENTS_TOPIC],
    accepts,
    handler: async (event: ConsumedEvent, tx: EntityManager) => {
      await applyComplaintEvent(event, tx);
      await extra?.(event, tx);
    },
  };
}
