import { ComplaintCommandExecutor, type CommandOutcome } from '@pengaduan/messaging';
import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { CALL_ATTEMPT_OUTCOMES, FIELD_RULES, type CallAttemptOutcome } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { IntakeDirectoryClient } from '../channels/intake-reporter-directory';
import type { RecordCallAttemptCommand } from './record-call-attempt.command';

const OPERATION = 'RecordCallAttempt';

/**
 * SOP step 8, a call that did not reach the reporter (docs/adr/0044): records
 * `complaint.call-attempted` (try again at `retryAt`), or `complaint.delivery-abandoned` and
 * `complaint.closed` (give up for `reason`), by libs/sop `recordCallAttempt`, which also refuses
 * a retry time that is not ahead. Before giving up, intake screens the reason for the reporter's
 * contact (docs/adr/0023). Idempotent by request id.
 */
@Injectable()
export class RecordCallAttemptHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly intake: IntakeDirectoryClient,
  ) {}

  async execute(command: RecordCallAttemptCommand): Promise<CommandOutcome> {
    const { outcome, retryAt, reason } = validate(command);
    if (reason !== undefined) {
      // The reason travels in complaint.delivery-abandoned: intake refuses it if it gives the reporter away.
      const texts = [{ field: 'reason', text: reason }];
      await this.intake.call('screenOfficerText', { complaintId: command.complaintId, officeCode: command.actorOffice, texts }, command.correlationId);
    }
    const { result: _none, ...done } = await this.executor.execute({
      operation: OPERATION,
      context: command,
      request: { complaintId: command.complaintId, actor: command.actor, outcome, retryAt, reason },
      command: () => ({
        type: 'recordCallAttempt',
        actor: command.actor,
        outcome,
        ...(retryAt === undefined ? {} : { retryAt }),
        ...(reason === undefined ? {} : { reason }),
      }),
    });
    return done;
  }
}

/** The request's data, checked: the outcome, and the retry time or the reason it needs. */
function validate(c: RecordCallAttemptCommand): { outcome: CallAttemptOutcome; retryAt?: string; reason?: string } {
  const v: FieldViolation[] = [];
  const outcome = CALL_ATTEMPT_OUTCOMES.find((o) => o === c.outcome);
  if (!outcome) v.push({ field: 'outcome', description: `must be one of ${CALL_ATTEMPT_OUTCOMES.join(', ')}` });
  const retryAt = c.retryAt && !Number.isNaN(c.retryAt.getTime()) ? c.retryAt.toISOString() : undefined;
  if (outcome === 'NOT_REACHABLE' && !retryAt) v.push({ field: 'retryAt', description: 'required: when to call again' });
  const reason = c.reason?.trim() || undefined;
  const { maxLength } = FIELD_RULES.callGiveUpReason;
  if (outcome === 'GIVE_UP' && !reason) v.push({ field: 'reason', description: 'required: why no further attempt is made' });
  if (reason && reason.length > maxLength) v.push({ field: 'reason', description: `at most ${maxLength} characters` });
  if (v.length > 0 || !outcome) {
    throw new ServiceError('invalid', 'REQUEST.INVALID', 'the call attempt cannot be recorded', { fieldViolations: v });
  }
  return outcome === 'NOT_REACHABLE' ? { outcome, retryAt } : { outcome, reason };
}
