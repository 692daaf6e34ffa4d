import { ComplaintCommandExecutor, type CommandOutcome } from '@pengaduan/messaging';
import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { CALL_ATTEMPT_OUTCOMES, FIELD_RULES, NOTIFICATION_PURPOSES, type CallAttemptOutcome, type NotificationPurpose } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { IntakeDirectoryClient } from '../channels/intake-reporter-directory';
import type { RecordCallAttemptCommand } from './record-call-attempt.command';

const OPERATION = 'RecordCallAttempt';

/**
 * A call that did not reach the reporter, about the notice the request names (step 8's
 * information when it names none): records `complaint.call-attempted` (try again at `retryAt`),
 * or `complaint.delivery-abandoned` (give up for `reason`), with `complaint.closed` when step 8's
 * information is given up (docs/adr/0044) and alone when the acknowledgement is (docs/adr/0051),
 * by libs/sop `recordCallAttempt`, which also refuses a retry time that is not ahead and a notice
 * that awaits no call. Before giving up, intake screens the reason for the reporter's contact
 * (docs/adr/0023). Idempotent by request id.
 */
@Injectable()
export class RecordCallAttemptHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly intake: IntakeDirectoryClient,
  ) {}

  async execute(command: RecordCallAttemptCommand): Promise<CommandOutcome> {
    const { purpose, outcome, retryAt, reason } = validate(command);
    if (reason !== undefined) {
      // The reason travels in complaint.delivery-abandoned: intake refuses it if it gives the reporter away.
      const texts = [{ field: 'reason', text: reason }];
      await this.intake.call('screenOfficerText', { complaintId: command.complaintId, officeCode: command.actorOffice, texts }, command.correlationId);
    }
    const { result: _none, ...done } = await this.executor.execute({
      operation: OPERATION,
      context: command,
      request: { complaintId: command.complaintId, actor: command.actor, purpose, outcome, retryAt, reason },
      command: () => ({
        type: 'recordCallAttempt',
        actor: command.actor,
        ...(purpose === undefined ? {} : { purpose }),
        outcome,
        ...(retryAt === undefined ? {} : { retryAt }),
        ...(reason === undefined ? {} : { reason }),
      }),
    });
    return done;
  }
}

/** The request's data, checked: the notice (if named), the outcome, and the retry time or the reason it needs. */
function validate(c: RecordCallAttemptCommand): { purpose?: NotificationPurpose; outcome: CallAttemptOutcome; retryAt?: string; reason?: string } {
  const v: FieldViolation[] = [];
  const purpose = c.purpose === undefined ? undefined : NOTIFICATION_PURPOSES.find((p) => p === c.purpose);
  if (c.purpose !== undefined && !purpose) v.push({ field: 'purpose', description: `must be one of ${NOTIFICATION_PURPOSES.join(', ')}` });
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
  const about = purpose === undefined ? {} : { purpose };
  return outcome === 'NOT_REACHABLE' ? { ...about, outcome, retryAt } : { ...about, outcome, reason };
}
