import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { RetentionPolicy } from '@pengaduan/contracts';
import { Clock, ServiceError } from '@pengaduan/runtime';
import type { RetentionKind } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog } from '../account-security-log/account-security-log';
import { changeOfficeSetting, type OfficeSettingContext } from '../account-security-log/office-setting-change';
import { grpcActorOf, type AuthenticatedUser, type OfficerRole } from '../auth/authenticated-user';
import { IntakeClient } from '../upstream/clients';
import type { RetentionPeriodDto, RetentionPolicyDto } from './retention-policy.dto';

/** Who reads the office's retention periods: the head of office, and the auditor (docs/adr/0057). */
export const RETENTION_POLICY_READERS: readonly OfficerRole[] = ['KEPALA_KANTOR', 'AUDITOR'];
/** Who sets them: the head of office. */
export const RETENTION_POLICY_EDITORS: readonly OfficerRole[] = ['KEPALA_KANTOR'];

/** The admin log's target of every change: the office's one policy. */
const LOG_TARGET = 'retention-policy';

/** Who asks, from where, with which Idempotency-Key and If-Match. */
export type RetentionPolicyContext = OfficeSettingContext;

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
    return changeOfficeSetting(this.log, this.clock, context, {
      kind: 'RETENTION_POLICY_CHANGED',
      target: LOG_TARGET,
      editors: RETENTION_POLICY_EDITORS,
      forbidden: () => forbidden('sets'),
      write: async (upstream) => {
        // intake answers the policy after the change only: the one before is read first.
        const before = await this.get(context.user, context.correlationId);
        const answer = await this.intake.call('setRetentionPolicy', { ...upstream, policies }, context.correlationId);
        return { changed: answer.changed, before: () => before, after: policyDto(answer.policy) };
      },
      change: (before, after) => Object.fromEntries(after.policies.map((p) => [p.kind, { before: before.policies.find((b) => b.kind === p.kind)?.days ?? null, after: p.days }])),
    });
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
