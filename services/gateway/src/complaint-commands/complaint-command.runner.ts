import type { MessageInitShape } from '@bufbuild/protobuf';
import type { CommandContextSchema, CommandOutcome } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { grpcActorOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { ComplaintViewQueries } from '../complaint-views/complaint-views.queries';
import type { CommandResultDto } from './command-result.dto';
import { requestIdOf } from './request-id';

/** How long a command waits for its service to catch up with the gateway's view, and how it backs off. */
export interface CatchUpPolicy {
  /** Total time to keep retrying (about 3 s). */
  withinMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_CATCH_UP: CatchUpPolicy = { withinMs: 3_000, initialDelayMs: 100, maxDelayMs: 800 };
export const CATCH_UP_POLICY = Symbol('CATCH_UP_POLICY');

/** Seconds a client is told to wait before retrying a command its service had not caught up on. */
export const NOT_CAUGHT_UP_RETRY_AFTER_SECONDS = 2;

/** One command of an officer on a complaint, as a use case hands it to the runner. */
export interface ComplaintCommandCall<R extends object> {
  complaintId: string;
  user: AuthenticatedUser;
  idempotencyKey: string;
  correlationId: string;
  /** Sends the command with this context to the owning service; answers its outcome and the command's own fields. */
  send: (context: MessageInitShape<typeof CommandContextSchema>) => Promise<{ outcome: CommandOutcome | undefined; extra?: R }>;
  /** The REST body's name of a field the service (libs/sop) names otherwise, e.g. `sheet.entries[0]` → `lines[0]`. */
  restFieldOf?: (field: string) => string;
}

/**
 * Runs an officer's command on a complaint against the service that owns the step:
 * 1. scope: the complaint is in the gateway's view and in the officer's office, else 404 (never
 *    403: another office's complaint is not revealed to exist);
 * 2. the command goes out with the officer as actor and the Idempotency-Key, scoped to the
 *    officer, as request id; the SOP's rules (role, transition, data) are the service's, by libs/sop;
 * 3. the services read the complaint stream at their own pace: when the service answers that it
 *    does not know the complaint, or refuses it from a state the complaint has already left in
 *    the gateway's view, the runner retries with backoff for about 3 s (the same request id, so
 *    nothing happens twice) and then answers 409 `COMPLAINT.NOT_CAUGHT_UP` with Retry-After.
 */
@Injectable()
export class ComplaintCommandRunner {
  constructor(
    private readonly views: ComplaintViewQueries,
    @Optional() @Inject(CATCH_UP_POLICY) private readonly policy: CatchUpPolicy = DEFAULT_CATCH_UP,
  ) {}

  async run<R extends object>(call: ComplaintCommandCall<R>): Promise<CommandResultDto & R> {
    const { complaintId, user } = call;
    if (!(await this.views.inOffice(complaintId, user.officeCode))) throw complaintNotFound(complaintId);
    const context = { requestId: requestIdOf(user, call.idempotencyKey), complaintId, actor: grpcActorOf(user) };
    const giveUpAt = Date.now() + this.policy.withinMs;
    let delay = this.policy.initialDelayMs;
    for (;;) {
      let answer: Awaited<ReturnType<typeof call.send>>;
      try {
        answer = await call.send(context);
      } catch (err) {
        const behind = await this.serviceIsBehind(err, complaintId, user.officeCode);
        if (!behind) throw call.restFieldOf ? withRestFields(err, call.restFieldOf) : err;
        const remaining = giveUpAt - Date.now();
        if (remaining <= 0) throw notCaughtUp(complaintId, behind.viewStatus);
        await new Promise((resolve) => setTimeout(resolve, Math.min(delay, remaining)));
        delay = Math.min(delay * 2, this.policy.maxDelayMs);
        continue;
      }
      const { outcome, extra } = answer;
      if (!outcome) throw new Error('the service answered a command without its outcome');
      return { id: outcome.complaintId, status: outcome.status, eventIds: [...outcome.eventIds], ...(extra ?? ({} as R)) };
    }
  }

  /**
   * Whether the service's refusal only means it has not consumed what the gateway's view shows:
   * it does not know the complaint, or its state is one the complaint was in before its
   * current one. Answers the view's status then.
   */
  private async serviceIsBehind(err: unknown, complaintId: string, officeCode: string): Promise<{ viewStatus: string } | undefined> {
    if (!(err instanceof ServiceError)) return undefined;
    const isUnknown = err.kind === 'not-found' && err.code === 'COMPLAINT.NOT_FOUND';
    const isIllegal = err.kind === 'conflict' && err.code === 'COMPLAINT.ILLEGAL_TRANSITION' && typeof err.details.state === 'string';
    if (!isUnknown && !isIllegal) return undefined;
    const view = await this.views.inOffice(complaintId, officeCode);
    if (!view) return undefined;
    if (isUnknown) return { viewStatus: view.status };
    const serviceState = err.details.state as string;
    if (serviceState === view.status) return undefined;
    return (await this.views.earlierStatuses(complaintId)).includes(serviceState) ? { viewStatus: view.status } : undefined;
  }
}

/** The service's field errors under the REST body's names. */
function withRestFields(err: unknown, restFieldOf: (field: string) => string): unknown {
  if (!(err instanceof ServiceError) || !err.details.fieldViolations) return err;
  const fieldViolations = err.details.fieldViolations.map((v) => ({ field: restFieldOf(String(v.field)), description: v.description }));
  return new ServiceError(err.kind, err.code, err.message, { ...err.details, fieldViolations });
}

export function complaintNotFound(id: string): ServiceError {
  return new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `there is no complaint ${id} in your office (a complaint just registered appears within moments)`);
}

function notCaughtUp(id: string, viewStatus: string): ServiceError {
  return new ServiceError(
    'conflict',
    'COMPLAINT.NOT_CAUGHT_UP',
    `the service that handles this step has not caught up with complaint ${id} yet; retry shortly with the same Idempotency-Key`,
    { state: viewStatus, retryAfterSeconds: NOT_CAUGHT_UP_RETRY_AFTER_SECONDS },
  );
}
