import { ContractViolation } from './contract-violation';

/** Who caused an event: an officer (user id and `libs/sop` role) or a service acting on its own. */
export type EventActor =
  | { readonly kind: 'user'; readonly userId: string; readonly role: string }
  | { readonly kind: 'system'; readonly service: string };

const ROLE = /^[A-Z][A-Z0-9_]*$/;
const USER_ID = /^\S+$/;
const SERVICE = /^[a-z0-9][a-z0-9._/-]*$/;

/**
 * Formats the envelope's `actor` extension: `<ROLE>:<userId>` for an officer
 * (`KEPALA_KANTOR:7c1e…`), `system:<service>` otherwise (`system:sla-monitor`).
 *
 * @throws {@link ContractViolation} when the role is not UPPER_SNAKE, the user id is empty or
 *   has white space, or the service name is not lowercase
 */
export function formatActor(actor: EventActor): string {
  const formatted = actorToString(actor);
  if (parseActor(formatted) === undefined) {
    throw new ContractViolation('invalid actor', [`actor: cannot format ${JSON.stringify(actor)}`]);
  }
  return formatted;
}

/**
 * Parses the envelope's `actor` extension (see {@link formatActor}).
 *
 * @returns the actor, or `undefined` when the string is not well-formed
 */
export function parseActor(actor: string): EventActor | undefined {
  if (typeof actor !== 'string') return undefined;
  const colon = actor.indexOf(':');
  if (colon < 0) return undefined;
  const head = actor.slice(0, colon);
  const tail = actor.slice(colon + 1);
  if (head === 'system') return SERVICE.test(tail) ? { kind: 'system', service: tail } : undefined;
  return ROLE.test(head) && USER_ID.test(tail) ? { kind: 'user', userId: tail, role: head } : undefined;
}

/** Formats without checking; {@link formatActor} is the public, checking one. @internal */
export function actorToString(actor: EventActor): string {
  return actor.kind === 'system' ? `system:${actor.service}` : `${actor.role}:${actor.userId}`;
}
