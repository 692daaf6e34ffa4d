import { answerRequest, claimRequest, requestHash } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import type { DataSource, EntityManager } from 'typeorm';
import type { ContactCipher, ReporterContact } from '../reporter-contact/contact-cipher';
import { readReporterContact } from '../reporter-contact/reporter-contacts';
import { refuseRevealingTexts } from '../screen-officer-text/officer-texts';

/** A data-subject command as the gateway sends it: the officer's Idempotency-Key within their account. */
export interface OnceByRequestId {
  /** Names the command in `command_idempotency`: the same key for another command is refused. */
  operation: string;
  requestId: string;
  /** What the key stands for: never personal data (it is hashed and kept). */
  request: unknown;
}

/**
 * Runs a data-subject command (docs/adr/0056) once per request id, in one transaction, through
 * intake's `command_idempotency` as every complaint command (libs/messaging `claimRequest`): the
 * same key with the same request answers the first answer and does nothing; the same key with
 * another request is 422 `IDEMPOTENCY.KEY_REUSED`. `sameAsFirst` checks on a retry what the hash
 * cannot hold (a corrected contact, which is never hashed: a digest of it would outlive its erasure).
 */
export async function onceByRequestId<A extends object>(
  dataSource: DataSource,
  command: OnceByRequestId,
  run: (tx: EntityManager) => Promise<A>,
  sameAsFirst?: (tx: EntityManager) => Promise<boolean>,
): Promise<A> {
  if (!command.requestId) throw new ServiceError('invalid', 'REQUEST.INVALID', 'the command names no request id', { fieldViolations: [{ field: 'requestId', description: 'required: the Idempotency-Key' }] });
  return dataSource.transaction(async (tx) => {
    const first = await claimRequest(tx, command.operation, command.requestId, requestHash(command.request));
    if (first) {
      if (sameAsFirst && !(await sameAsFirst(tx))) throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this idempotency key was already used for a different request');
      return first as A;
    }
    const answer = await run(tx);
    await answerRequest(tx, command.requestId, answer);
    return answer;
  });
}

/**
 * Refuses an officer's free text on the person's data (a reason, how an export was handed over)
 * that gives the person away, by the rule of every officer's text (docs/adr/0023): 400
 * `COMPLAINT.PERSONAL_DATA` naming the field. Screened against the contact intake holds and,
 * for a correction, the one it is to become.
 */
export async function screenOfficerText(manager: EntityManager, cipher: ContactCipher, reporterRef: string, text: { field: string; text: string }, also?: ReporterContact): Promise<void> {
  refuseRevealingTexts([text], await readReporterContact(manager, cipher, reporterRef));
  if (also) refuseRevealingTexts([text], also);
}
