import type { CommandContext as CommandContextMessage } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { FIELD_RULES, isRole, type Actor } from '@pengaduan/sop';
import { validate as isUuid } from 'uuid';

/**
 * Who runs a command on which complaint, and how it is deduplicated and traced: the one shape
 * of every command context, whether a gRPC request carried it (checkCommandContext) or a
 * service acts on its own (a channel message, a delivery receipt).
 */
export interface CommandContext {
  /**
   * The idempotency key of a client's command (the gRPC request id); for a service acting on
   * its own, what caused the command (the channel message, the receipt). The events' causation id.
   */
  requestId: string;
  complaintId: string;
  /** The officer, or the service acting on its own (libs/sop's system actor). */
  actor: Actor;
  /** The officer's office (commands on another office's complaint answer NOT_FOUND). */
  actorOffice?: string;
  /** The officer as a document the command produces signs it (name and NIP), when the gateway sent them. */
  signatory?: OfficerSignatory;
  /** The versions the caller named (docs/adr/0033). */
  versions?: VersionCondition;
  correlationId: string;
}

/** The versions a command names (docs/adr/0033); both optional. */
export interface VersionCondition {
  /** The version the client last saw (`If-Match`): wait until applied; refused (412) when the complaint is past it. */
  expected?: number;
  /** A version to have applied before deciding; never a conflict. */
  atLeast?: number;
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
 * Reads the context every command RPC carries, with the call's correlation id. A missing or
 * malformed officer is UNAUTHENTICATED (the gateway always sends one); a bad complaint id or
 * request id is INVALID_ARGUMENT naming the field.
 */
export function checkCommandContext(ctx: CommandContextMessage | undefined, correlationId: string): CommandContext {
  const actor = ctx?.actor;
  if (!ctx || !actor?.userId || !isRole(actor.role)) {
    throw new ServiceError('unauthenticated', 'AUTH.NO_ACTOR', 'the request names no valid acting officer');
  }
  const violations = [];
  if (!ctx.requestId || ctx.requestId.length > FIELD_RULES.requestId.maxLength) violations.push({ field: 'requestId', description: `required, at most ${FIELD_RULES.requestId.maxLength} characters` });
  if (!isUuid(ctx.complaintId)) violations.push({ field: 'complaintId', description: 'must be a UUID' });
  if (violations.length > 0) throw new ServiceError('invalid', 'REQUEST.INVALID', 'the command context is invalid', { fieldViolations: violations });
  return {
    requestId: ctx.requestId,
    complaintId: ctx.complaintId,
    actor: { kind: 'user', userId: actor.userId, role: actor.role, ...(actor.sectionCode ? { sectionCode: actor.sectionCode } : {}) },
    ...(actor.officeCode ? { actorOffice: actor.officeCode } : {}),
    ...(signatoryOf(actor) ? { signatory: signatoryOf(actor) } : {}),
    ...(ctx.expectedVersion !== undefined || ctx.minVersion !== undefined
      ? { versions: { ...(ctx.expectedVersion !== undefined ? { expected: ctx.expectedVersion } : {}), ...(ctx.minVersion !== undefined ? { atLeast: ctx.minVersion } : {}) } }
      : {}),
    correlationId,
  };
}

/**
 * What a client's command asks, as its idempotency key is checked against: everything but the
 * key itself, the trace and the versions named (a retry may name newer ones).
 */
export function requestOf<C extends Partial<CommandContext>>(command: C): Omit<C, 'requestId' | 'correlationId' | 'versions'> {
  const { requestId: _requestId, correlationId: _correlationId, versions: _versions, ...request } = command;
  return request;
}
