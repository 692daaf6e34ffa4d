import { ServiceRuntime } from '@pengaduan/messaging';
import { Clock, ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { checkOfficeSlaPolicy, FIELD_RULES, sameSlaPolicy, type SlaPolicy } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { OfficePolicies, type OfficePolicyVersion } from './office-policies';

/** A head of office's change of the office's policy, as the gateway sends it (it checked the role). */
export interface SetOfficeSlaPolicy {
  officeCode: string;
  expectedVersion: number;
  /** The policy as sent, in libs/sop's shape; checked here. */
  policy: unknown;
  /** The head of office's user id. */
  changedBy: string;
  requestKey: string;
}

/** What a change did: the policy in force now, whether it changed, the one before. */
export interface OfficeSlaPolicyChange {
  current: OfficePolicyVersion;
  changed: boolean;
  previous: SlaPolicy;
}

/**
 * The head of office reads and sets the office's SLA policy and working calendar (docs/adr/0049).
 * The rules are libs/sop's (`checkOfficeSlaPolicy`). A change names the version it was made on
 * (409 `SLA_POLICY.VERSION_CONFLICT` when the policy has moved since); the policy already in
 * force changes nothing; the same request key again answers the version it made, another
 * policy under it is 422 `IDEMPOTENCY.KEY_REUSED`. Deadlines already running keep the policy
 * copied onto them; those started from the change on are computed with the new one.
 */
@Injectable()
export class OfficeSlaPolicyHandler {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly policies: OfficePolicies,
    private readonly clock: Clock,
  ) {}

  async get(officeCode: string): Promise<OfficePolicyVersion> {
    checkFields({ officeCode });
    return this.policies.current(this.runtime.dataSource.manager, officeCode);
  }

  async set(request: SetOfficeSlaPolicy): Promise<OfficeSlaPolicyChange> {
    checkFields(request);
    const checked = checkOfficeSlaPolicy(request.policy, this.clock.now());
    if (!checked.ok) throw new ServiceError('invalid', checked.code, 'the SLA policy breaks its rules; see the fields', { fieldViolations: [...checked.violations] });
    const policy = checked.policy;
    return this.runtime.dataSource.transaction(async (tx) => {
      await this.policies.lock(tx, request.officeCode);
      const earlier = await this.policies.byRequest(tx, request.requestKey);
      if (earlier) {
        if (earlier.officeCode !== request.officeCode || !sameSlaPolicy(earlier.policy, policy)) {
          throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this request id was used for another SLA policy');
        }
        return { current: earlier, changed: true, previous: await this.policies.before(tx, request.officeCode, earlier.version) };
      }
      const current = await this.policies.current(tx, request.officeCode);
      if (sameSlaPolicy(current.policy, policy)) return { current, changed: false, previous: current.policy };
      if (request.expectedVersion !== current.version) {
        throw new ServiceError('conflict', 'SLA_POLICY.VERSION_CONFLICT', `the office's SLA policy is at version ${current.version}, not ${request.expectedVersion}`, { version: current.version });
      }
      const next = await this.policies.record(tx, request.officeCode, policy, { changedBy: request.changedBy, source: 'HEAD_OF_OFFICE', at: this.clock.now(), requestKey: request.requestKey });
      return { current: next, changed: true, previous: current.policy };
    });
  }
}

function checkFields(fields: { officeCode: string; changedBy?: string; requestKey?: string }): void {
  const v: FieldViolation[] = [];
  if (!FIELD_RULES.officeCode.pattern.test(fields.officeCode)) v.push({ field: 'officeCode', description: `must be ${FIELD_RULES.officeCode.description}` });
  if (fields.changedBy !== undefined && fields.changedBy.trim() === '') v.push({ field: 'actor.userId', description: 'required' });
  const key = fields.requestKey;
  if (key !== undefined && (key.length < FIELD_RULES.requestId.minLength || key.length > FIELD_RULES.requestId.maxLength)) {
    v.push({ field: 'requestId', description: `${FIELD_RULES.requestId.minLength} to ${FIELD_RULES.requestId.maxLength} characters` });
  }
  if (v.length > 0) throw new ServiceError('invalid', 'REQUEST.INVALID', 'the request is not valid as sent', { fieldViolations: v });
}
