import * as sop from '@pengaduan/sop';
import { formatActor, parseActor, type EventActor } from '../actor';
import type { EventEnvelope } from '../envelope';
import { violation } from './mapping-violation';

/** The envelope actor of a libs/sop actor (its `sectionCode` travels in `actorsection`). */
export function toEventActor(actor: sop.Actor): EventActor {
  return actor.kind === 'system'
    ? { kind: 'system', service: actor.service }
    : { kind: 'user', userId: actor.userId, role: actor.role };
}

/**
 * Who did it, as the envelope's `actor` names it and every record kept beside the events does
 * (`disposed_by`, `analyzed_by`, `decided_by`, `issued_by`, `written_by`): `ADMIN_TIKKIM:u-17`
 * for an officer, `system:intake` for a service. The one label of an actor.
 */
export function actorLabel(actor: sop.Actor): string {
  return formatActor(toEventActor(actor));
}

/**
 * The libs/sop actor of an envelope: its `actor` (see {@link parseActor}) and `actorsection`.
 *
 * @throws {@link ContractViolation} when `actor` is malformed, names a role libs/sop does not
 *   define, or a system actor comes with an `actorsection`
 */
export function toSopActor(envelope: Pick<EventEnvelope, 'actor' | 'actorsection'>): sop.Actor {
  const parsed = parseActor(envelope.actor);
  if (parsed === undefined) throw violation(`actor: ${JSON.stringify(envelope.actor)} is not "<ROLE>:<userId>" or "system:<service>"`);
  const section = envelope.actorsection;
  if (parsed.kind === 'system') {
    if (section !== undefined) throw violation(`actorsection: a system actor (${envelope.actor}) acts for no section`);
    return { kind: 'system', service: parsed.service };
  }
  if (!sop.isRole(parsed.role)) throw violation(`actor: ${parsed.role} is not a libs/sop role (${sop.ROLES.join(', ')})`);
  return { kind: 'user', userId: parsed.userId, role: parsed.role, ...(section === undefined ? {} : { sectionCode: section }) };
}
