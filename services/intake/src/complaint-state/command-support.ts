import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import type { EntityManager } from 'typeorm';
import { ComplaintRecord } from '../persistence/entities';

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
  throw new ServiceError('invalid', 'REQUEST.INVALID', message, { fieldViolations: violations });
}
