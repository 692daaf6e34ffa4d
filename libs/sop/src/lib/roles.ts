/**
 * The SOP's swimlanes, plus `AUDITOR` (added: reads and replays the record, changes nothing) and
 * `OPERATOR` (added: runs the platform, re-drives dead-lettered events; sees no complaint, no
 * contact data, and appears in no rule: docs/adr/0043). Order follows SOP.md.
 */
export const ROLES = [
  'PELAPOR',
  'ADMIN_TIKKIM',
  'KEPALA_KANTOR',
  'SEKSI_TERKAIT',
  'KEPALA_SEKSI_TI',
  'TIM_PENANGANAN',
  'AUDITOR',
  'OPERATOR',
] as const;

/** A swimlane of the SOP (see {@link ROLES}). */
export type Role = (typeof ROLES)[number];

/** An officer or a complainant acting through the platform. */
export interface UserActor {
  readonly kind: 'user';
  /** The user's id in the auth system; never a name or phone number. */
  readonly userId: string;
  readonly role: Role;
  /** The section the officer belongs to; required for `SEKSI_TERKAIT` to respond to a disposition. */
  readonly sectionCode?: string;
}

/**
 * A service acting on its own: a channel webhook in intake registering a complaint that
 * arrived by WhatsApp etc., or the notification service recording a provider's receipt.
 */
export interface SystemActor {
  readonly kind: 'system';
  /** The acting service's name, e.g. `intake`, `notification`. */
  readonly service: string;
}

/** Who fired a command (and so who is recorded on its events). */
export type Actor = UserActor | SystemActor;

/** Whether `value` is one of the {@link ROLES}. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A short human-readable name of an actor for error messages, e.g. `ADMIN_TIKKIM` or `system:intake`. */
export function describeActor(actor: Actor): string {
  return actor.kind === 'system' ? `system:${actor.service}` : actor.role;
}
