import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { decide, evolve, type ComplaintState, type SopCommand } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { ComplaintRecord } from '../persistence/entities';

/**
 * The state libs/sop leads `command` to, or `undefined` when it refuses the command. A
 * command's `build` runs before ComplaintCommandExecutor asks libs/sop; with this it writes
 * intake's own rows (and runs intake's own checks) only for a command that will be recorded,
 * and leaves a refusal (403, 409, 400) to the executor, in libs/sop's order.
 */
export function stateAfter(command: SopCommand, state: ComplaintState, now: Date): ComplaintState | undefined {
  const decision = decide(command, state, now);
  return decision.ok ? decision.events.reduce(evolve, state) : undefined;
}

/** Intake's row of the complaint, locked for the transaction. */
export async function lockComplaint(tx: EntityManager, complaintId: string): Promise<ComplaintRecord> {
  const complaint = await tx.findOne(ComplaintRecord, { where: { id: complaintId }, lock: { mode: 'pessimistic_write' } });
  if (!complaint) throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `complaint ${complaintId} not found`);
  return complaint;
}

/**
 * Runs `work`, naming libs/sop's command fields in a 400 by the request's names
 * (`originalComplaintId` is the request's `duplicateOf`), so the caller can point at its field.
 */
export async function withRequestFieldNames<T>(work: Promise<T>, names: Readonly<Record<string, string>>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    const violations = err instanceof ServiceError ? err.details.fieldViolations : undefined;
    if (!(err instanceof ServiceError) || !violations) throw err;
    const rename = (text: string) => Object.entries(names).reduce((t, [from, to]) => t.split(from).join(to), text);
    const renamed: FieldViolation[] = violations.map((v) => ({ field: names[v.field] ?? v.field, description: rename(v.description) }));
    throw new ServiceError(err.kind, err.code, rename(err.message), { ...err.details, fieldViolations: renamed });
  }
}

/** A 400 naming every bad field. */
export function throwInvalid(violations: FieldViolation[], message: string): never {
  throw new ServiceError('invalid', 'COMPLAINT.INVALID_REQUEST', message, { fieldViolations: violations });
}
