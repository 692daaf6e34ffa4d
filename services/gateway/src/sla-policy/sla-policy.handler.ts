import { timestampDate } from '@bufbuild/protobuf/wkt';
import { slaPolicyFromWire, slaPolicyToWire, type OfficeSlaPolicy } from '@pengaduan/contracts';
import { Clock, ServiceError } from '@pengaduan/runtime';
import { parseSlaPolicy, slaPolicyChange, SOP_CLOCK_HOURS, type SlaPolicy } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog } from '../account-security-log/account-security-log';
import { grpcActorOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { requestIdOf } from '../complaint-commands/request-id';
import { invalidRequest } from '../http/validation';
import { SlaMonitorClient } from '../upstream/clients';
import { ACCOUNT_ADMINISTRATOR_ROLE } from '../users/office-administration';
import type { SlaPolicyBody, SlaPolicyViewDto } from './sla-policy.dto';

/** Who changes the policy, from where, with which key, on which version they read (If-Match). */
export interface SlaPolicyChangeContext {
  admin: AuthenticatedUser;
  requestKey: string;
  expectedVersion: number | undefined;
  clientAddress: string;
  correlationId: string;
}

/** The administration log's target of a policy change (ADR 0042: what an entry about no account is about). */
export const SLA_POLICY_TARGET = 'sla-policy';

/**
 * The office's SLA policy and working calendar (docs/adr/0049). sla-monitor owns it (the
 * versions, the history, the rules of libs/sop); every officer of the office reads it, the head
 * of office (the office's administrator, ADR 0042) changes it, naming the version read, and each
 * change is recorded in the office's administration log with what changed, before and after.
 */
@Injectable()
export class SlaPolicyHandler {
  constructor(
    private readonly slaMonitor: SlaMonitorClient,
    private readonly log: AccountSecurityLog,
    private readonly clock: Clock,
  ) {}

  async read(user: AuthenticatedUser, correlationId: string): Promise<SlaPolicyViewDto> {
    const { current } = await this.slaMonitor.call('getOfficeSlaPolicy', { officeCode: user.officeCode }, correlationId);
    return viewOf(current);
  }

  async change(context: SlaPolicyChangeContext, body: SlaPolicyBody): Promise<SlaPolicyViewDto & { changed: boolean }> {
    const { admin, requestKey, expectedVersion, correlationId } = context;
    if (admin.role !== ACCOUNT_ADMINISTRATOR_ROLE) throw new ServiceError('forbidden', 'SLA_POLICY.FORBIDDEN_ROLE', `only the ${ACCOUNT_ADMINISTRATOR_ROLE} of an office sets its SLA policy`);
    if (expectedVersion === undefined) throw invalidRequest([{ field: 'If-Match', description: 'is required: the ETag of the policy you read (GET /api/v1/sla-policy), e.g. "3"' }]);
    const recorded = await this.log.recordedAs(admin.id, requestKey, 'SLA_POLICY_CHANGED', SLA_POLICY_TARGET);
    const answer = await this.slaMonitor.call(
      'setOfficeSlaPolicy',
      { officeCode: admin.officeCode, expectedVersion, policy: slaPolicyToWire(body as SlaPolicy), actor: grpcActorOf(admin), requestId: requestIdOf(admin, requestKey) },
      correlationId,
    );
    const view = viewOf(answer.current);
    // A retry whose first try was recorded is not recorded again; one whose first try was not (the gateway stopped in between) is.
    if (answer.changed && !recorded) {
      const change = slaPolicyChange(policyOf(answer.previous), view.policy as SlaPolicy);
      await this.log
        .record({ kind: 'SLA_POLICY_CHANGED', subject: { target: SLA_POLICY_TARGET }, at: this.clock.now(), clientAddress: context.clientAddress, actorAccountId: admin.id, officeCode: admin.officeCode, change, requestKey })
        .catch(alreadyRecorded);
    }
    return { ...view, changed: answer.changed };
  }
}

function viewOf(current: OfficeSlaPolicy | undefined): SlaPolicyViewDto {
  if (!current) throw new ServiceError('unavailable', 'SERVICE.UNAVAILABLE', 'sla-monitor answered no policy');
  return {
    officeCode: current.officeCode,
    version: current.version,
    isDefault: current.isDefault,
    ...(current.changedAt ? { changedAt: timestampDate(current.changedAt).toISOString() } : {}),
    policy: policyOf(current.policy) as unknown as SlaPolicyBody,
    sopHours: { ...SOP_CLOCK_HOURS } as Record<string, number>,
  };
}

/** A policy sla-monitor answered, in libs/sop's shape. */
function policyOf(wire: OfficeSlaPolicy['policy']): SlaPolicy {
  const parsed = parseSlaPolicy(wire ? slaPolicyFromWire(wire) : {});
  if (!parsed.ok) throw new ServiceError('unavailable', 'SERVICE.UNAVAILABLE', `sla-monitor answered a policy that does not parse: ${parsed.problems.join('; ')}`);
  return parsed.policy;
}

/** The same request, retried at once, recorded it first (the key is unique per administrator): nothing to add. */
function alreadyRecorded(err: unknown): void {
  if ((err as { code?: string }).code !== '23505') throw err;
}
