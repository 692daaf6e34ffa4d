import type { CommandContext } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { isRole, type Actor } from '@pengaduan/sop';
import { validate as isUuid } from 'uuid';
import type { VersionCondition } from './complaint-state';

/** A gRPC CommandContext, checked: the officer, the complaint, the idempotency key. */
export interface CheckedCommandContext {
  requestId: string;
  complaintId: string;
  actor: Actor;
  /** The officer's office (commands on another office's complaint answer NOT_FOUND). */
  actorOffice?: string;
  /** The officer as a document the command produces signs it (name and NIP), when the gateway sent them. */
  signatory?: OfficerSignatory;
  /** The versions the caller named (docs/adr/0033). */
  versions?: VersionCondition;
}

/** The officer's name and NIP for a signature block; never in events. */
export interface OfficerSignatory {
  name: string;
  nip?: string;
}

/** The signatory an actor message names, if it names one. */
export function signatoryOf(actor: { displayName?: string; nip?: string } | undefined): OfficerSignatory | undefined {
  const name = actor?.displayName?.trim();
  if (!name) return undefined;
  const nip = actor?.nip?.trim();
  return { name, ...(nip ? { nip } : {}) };
}

/**
 * Reads the context every command RPC carries. A missing or malformed officer is
 * UNAUTHENTICATED (the gateway always sends one); a bad complaint id or request id is
 * INVALID_ARGUMENT naming the field.
 */
export function checkCommandContext(ctx: CommandContext | undefined): CheckedCommandContext {
  const actor = ctx?.actor;
  if (!ctx || !actor?.userId || !isRole(actor.role)) {
    throw new ServiceError('unauthenticated', 'AUTH.NO_ACTOR', 'the request names no valid acting officer');
  }
  const violations = [];
  if (!ctx.requestId || ctx.requestId.length > 200) violations.push({ field: 'requestId', description: 'required, at most 200 characters' });
  if (!isUuid(ctx.complaintId)) violations.push({ field: 'complaintId', description: 'must be a UUID' });
  if (violations.length > 0) throw new ServiceError('invalid', 'COMMAND.INVALID_CONTEXT', 'the command context is invalid', { fieldViolations: violations });
  return {
    requestId: ctx.requestId,
    complaintId: ctx.complaintId,
    actor: { kind: 'user', userId: actor.userId, role: actor.role, ...(actor.sectionCode ? { sectionCode: actor.sectionCode } : {}) },
    ...(actor.officeCode ? { actorOffice: actor.officeCode } : {}),
    ...(signatoryOf(actor) ? { signatory: signatoryOf(actor) } : {}),
    ...(ctx.expectedVersion !== undefined || ctx.minVersion !== undefined
      ? { versions: { ...(ctx.expectedVersion !== undefined ? { expected: ctx.expectedVersion } : {}), ...(ctx.minVersion !== undefined ? { atLeast: ctx.minVersion } : {}) } }
      : {}),
  };
}
