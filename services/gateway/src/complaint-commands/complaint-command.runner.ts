import type { MessageInitShape } from '@bufbuild/protobuf';
import type { CommandContextSchema, CommandOutcome } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { grpcActorOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { ComplaintViewQueries } from '../complaint-views/complaint-views.queries';
import type { CommandResultDto } from './command-result.dto';
import { requestIdOf } from './request-id';

/** One command of an officer on a complaint, as a use case hands it to the runner. */
export interface ComplaintCommandCall<R extends object> {
  complaintId: string;
  user: AuthenticatedUser;
  idempotencyKey: string;
  correlationId: string;
  /** The version the client named in `If-Match` (docs/adr/0033). */
  ifMatch?: number;
  /** Sends the command with this context to the owning service; answers its outcome and the command's own fields. */
  send: (context: MessageInitShape<typeof CommandContextSchema>) => Promise<{ outcome: CommandOutcome | undefined; extra?: R }>;
  /** The REST body's name of a field the service (libs/sop) names otherwise, e.g. `sheet.entries[0]` → `lines[0]`. */
  restFieldOf?: (field: string) => string;
}

/**
 * Runs an officer's command on a complaint against the service that owns the step:
 * 1. scope: the complaint is in the gateway's view and in the officer's office, else 404 (never
 *    403: another office's complaint is not revealed to exist);
 * 2. the command goes out with the officer as actor, the Idempotency-Key scoped to the officer
 *    as request id, the client's `If-Match` as the expected version, and as the minimum version
 *    the larger of the gateway's last answer on the complaint and its view of it (docs/adr/0033):
 *    the service waits until it has applied that much, so a client acting on an answer or on a
 *    view is never refused for being early; the SOP's rules are the service's, by libs/sop;
 * 3. the answer's version is remembered for the next command on the complaint; an answer whose
 *    events moved no version waits, bounded, until the read model has applied them.
 */
@Injectable()
export class ComplaintCommandRunner {
  constructor(private readonly views: ComplaintViewQueries) {}

  async run<R extends object>(call: ComplaintCommandCall<R>): Promise<CommandResultDto & R> {
    const { complaintId, user } = call;
    const known = await this.views.versionsInOffice(complaintId, user.officeCode);
    if (!known) throw complaintNotFound(complaintId);
    const atLeast = Math.max(known.viewVersion ?? 0, known.answeredVersion ?? 0);
    const context: MessageInitShape<typeof CommandContextSchema> = {
      requestId: requestIdOf(user, call.idempotencyKey),
      complaintId,
      actor: grpcActorOf(user),
      ...(call.ifMatch !== undefined ? { expectedVersion: call.ifMatch } : {}),
      ...(atLeast > 0 ? { minVersion: atLeast } : {}),
    };
    let answer: Awaited<ReturnType<typeof call.send>>;
    try {
      answer = await call.send(context);
    } catch (err) {
      throw call.restFieldOf ? withRestFields(err, call.restFieldOf) : err;
    }
    const { outcome, extra } = answer;
    if (!outcome) throw new Error('the service answered a command without its outcome');
    if (outcome.version !== undefined) await this.views.rememberAnswered(complaintId, user.officeCode, outcome.version);
    // Events that moved no version (a call about the acknowledgement, docs/adr/0051) have no
    // version for the client to wait on: the answer waits, bounded, until the read model has them.
    if (outcome.eventIds.length > 0 && outcome.version !== undefined && outcome.version <= atLeast) await this.views.applied(complaintId, outcome.eventIds);
    return {
      id: outcome.complaintId,
      status: outcome.status,
      eventIds: [...outcome.eventIds],
      ...(outcome.version !== undefined ? { version: outcome.version } : {}),
      ...(extra ?? ({} as R)),
    };
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
