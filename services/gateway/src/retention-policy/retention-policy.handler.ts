import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { RetentionPolicy } from '@pengaduan/contracts';
import { Clock, ServiceError } from '@pengaduan/runtime';
import type { RetentionKind } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog } from '../account-security-log/account-security-log';
import { grpcActorOf, type AuthenticatedUser, type OfficerRole } from '../auth/authenticated-user';
import { requestIdOf } from '../complaint-commands/request-id';
import { IntakeClient } from '../upstream/clients';
import type { RetentionPeriodDto, RetentionPolicyDto } from './retention-policy.dto';

/** Who reads the office's retention periods: the head of office, and the auditor (docs/adr/0057). */
export const RETENTION_POLICY_READERS: readonly OfficerRole[] = ['KEPALA_KANTOR', 'AUDITOR'];
/** Who sets them: the head of office. */
export const RETENTION_POLICY_EDITORS: readonly OfficerRole[] = ['KEPALA_KANTOR'];

/** The admin log's target of every change: the office's one policy. */
const LOG_TARGET = 'retention-policy';

/** Who asks, from where, with which Idempotency-Key and If-Match. */
export interface RetentionPolicyContext {
  user: AuthenticatedUser;
  requestKey: string;
  correlationId: string;
  clientAddress: string;
  expectedVersion?: number;
}

/**
 * The office's retention periods per kind of record (docs/adr/0057): intake keeps them, checks
 * every change and its retention job erases by them; the gateway checks the role, takes the office
 * from the token, and records each change in the office's administration log (ADR 0042).
 */
@Injectable()
export class RetentionPolicyHandler {
  constructor(
    private readonly intake: IntakeClient,
    private readonly log: AccountSecurityLog,
    private readonly clock: Clock,
  ) {}

  async get(user: AuthenticatedUser, correlationId: string): Promise<RetentionPolicyDto> {
    if (!RETENTION_POLICY_READERS.includes(user.role)) throw forbidden('and the auditor read');
    return policyDto((await this.intake.call('getRetentionPolicy', { officeCode: user.officeCode, actor: grpcActorOf(user) }, correlationId)).policy);
  }

  async set(context: RetentionPolicyContext, policies: RetentionPeriodDto[]): Promise<RetentionPolicyDto> {
    const { user, requestKey } = context;
    if (!RETENTION_POLICY_EDITORS.includes(user.role)) throw forbidden('sets');
    const recorded = await this.log.recordedAs(user.id, requestKey, 'RETENTION_POLICY_CHANGED', LOG_TARGET);
    const expected = context.expectedVersion === undefined ? {} : { expectedVersion: context.expectedVersion };
    const before = await this.get(user, context.correlationId);
    const answer = await this.intake.call(
      'setRetentionPolicy',
      { officeCode: user.officeCode, ...expected, policies, actor: grpcActorOf(user), requestKey: requestIdOf(user, requestKey) },
      context.correlationId,
    );
    const after = policyDto(answer.policy);
    // A retry whose first try was recorded is not recorded again; one whose first try was not is.
    if (answer.changed && !recorded) {
      await this.log.record({
        kind: 'RETENTION_POLICY_CHANGED',
        subject: { target: LOG_TARGET },
        at: this.clock.now(),
        clientAddress: context.clientAddress,
        actorAccountId: user.id,
        officeCode: user.officeCode,
        change: Object.fromEntries(after.policies.map((p) => [p.kind, { before: before.policies.find((b) => b.kind === p.kind)?.days ?? null, after: p.days }])),
        requestKey,
      });
    }
    return after;
  }
}

function forbidden(what: string): ServiceError {
  return new ServiceError('forbidden', 'RETENTION_POLICY.FORBIDDEN_ROLE', `only the head of office ${what} the office's retention periods`);
}

function policyDto(p: RetentionPolicy | undefined): RetentionPolicyDto {
  if (!p) throw new ServiceError('unavailable', 'SERVICE.UNAVAILABLE', 'intake answered no retention policy');
  return {
    policies: p.policies.map((x) => ({ kind: x.kind as RetentionKind, days: x.days })),
    version: p.version,
    ...(p.changedAt ? { changedAt: timestampDate(p.changedAt).toISOString() } : {}),
  };
}
