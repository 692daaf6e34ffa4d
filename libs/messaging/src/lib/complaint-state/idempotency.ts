import { ServiceError } from '@pengaduan/runtime';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** Everything that identifies a request, hashed to detect a reused idempotency key. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * Takes the request id for this transaction, or returns the answer already given for it. A
 * concurrent request with the same id waits on the row until the first commits; the same id
 * for another operation or another request is refused (IDEMPOTENCY.KEY_REUSED).
 */
export async function claimRequest(tx: EntityManager, operation: string, requestId: string, hash: string): Promise<object | undefined> {
  const inserted = (await tx.query(
    `INSERT INTO command_idempotency (request_id, operation, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (request_id) DO NOTHING RETURNING request_id`,
    [requestId, operation, hash],
  )) as unknown[];
  if (inserted.length === 1) return undefined;
  const [existing] = (await tx.query('SELECT operation, request_hash, response FROM command_idempotency WHERE request_id = $1', [requestId])) as {
    operation: string;
    request_hash: string;
    response: object | null;
  }[];
  if (existing.operation !== operation || existing.request_hash !== hash || !existing.response) {
    throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this idempotency key was already used for a different request');
  }
  return existing.response;
}

/** Stores the answer a retry of the claimed request gets. */
export async function answerRequest(tx: EntityManager, requestId: string, answer: object): Promise<void> {
  await tx.query('UPDATE command_idempotency SET response = $2 WHERE request_id = $1', [requestId, JSON.stringify(answer)]);
}
