import type { SopEvent } from '@pengaduan/sop';
import { formatActor } from '../actor';
import { ContractViolation } from '../contract-violation';
import { createEnvelope, type EventEnvelope } from '../envelope';
import type { SopEventExtrasArgs } from './event-extras';
import { toEventActor } from './sop-actors';
import { sopEventPayload } from './to-wire';

/** Where a libs/sop event is published: the envelope attributes it does not carry itself. */
export interface SopEnvelopeContext {
  /** The producing service, e.g. `pengaduan/intake`. */
  readonly source: string;
  /** The complaint id (the Kafka key). */
  readonly subject: string;
  /** Code of the office the complaint belongs to. */
  readonly office: string;
  /** Id of the business flow (usually the request's). */
  readonly correlationId: string;
  /** Id of the event or request that caused this one. */
  readonly causationId?: string;
  /** Event id; pass one (e.g. derived from the command's request id) to make re-creating it idempotent. */
  readonly id?: string;
}

/**
 * The envelope of a libs/sop event (as `decide` returns it): `time` = `at`, `actor` formatted
 * with {@link formatActor} (a section officer's section in `actorsection`), the payload from
 * {@link sopEventPayload}.
 *
 * @throws {@link ContractViolation} when the envelope would be invalid (see {@link createEnvelope}),
 *   or a `complaint.received` names another complaint than `ctx.subject`
 */
export function sopEventToEnvelope<E extends SopEvent>(
  event: E,
  ctx: SopEnvelopeContext,
  ...extras: SopEventExtrasArgs<E['type']>
): EventEnvelope & { type: E['type'] } {
  if (event.type === 'complaint.received' && event.data.complaintId !== ctx.subject) {
    throw new ContractViolation(`invalid ${event.type} event`, [
      `subject: ${JSON.stringify(ctx.subject)} is not the received complaint's id ${JSON.stringify(event.data.complaintId)}`,
    ]);
  }
  const actor = event.actor;
  return createEnvelope<E['type']>({
    type: event.type,
    source: ctx.source,
    subject: ctx.subject,
    office: ctx.office,
    actor: formatActor(toEventActor(actor)),
    actorSection: actor.kind === 'user' ? actor.sectionCode : undefined,
    correlationId: ctx.correlationId,
    causationId: ctx.causationId,
    id: ctx.id,
    time: new Date(event.at),
    data: sopEventPayload(event, ...extras),
  });
}
