import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { GetRetentionPolicyRequest, GetRetentionPolicyResponseSchema, RetentionPolicySchema, SetRetentionPolicyRequest, SetRetentionPolicyResponseSchema } from '@pengaduan/contracts';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RetentionPolicies, type RetentionPolicy } from './retention-policy';

/** `IntakeService.GetRetentionPolicy`, `SetRetentionPolicy` (docs/adr/0057): maps the gRPC messages; no rules here. */
@Controller()
export class RetentionPolicyGrpcController {
  constructor(private readonly policies: RetentionPolicies) {}

  @GrpcMethod('IntakeService', 'GetRetentionPolicy')
  async get(@Payload() request: GetRetentionPolicyRequest): Promise<MessageInitShape<typeof GetRetentionPolicyResponseSchema>> {
    return { policy: policyMessage(await this.policies.get(request.officeCode, actorOf(request.actor))) };
  }

  @GrpcMethod('IntakeService', 'SetRetentionPolicy')
  async set(@Payload() request: SetRetentionPolicyRequest): Promise<MessageInitShape<typeof SetRetentionPolicyResponseSchema>> {
    const change = await this.policies.set({
      officeCode: request.officeCode,
      ...(request.expectedVersion === undefined ? {} : { expectedVersion: request.expectedVersion }),
      policies: request.policies.map((p) => ({ kind: p.kind, days: p.days })),
      actor: actorOf(request.actor),
      requestKey: request.requestKey,
    });
    return { policy: policyMessage(change.policy), changed: change.changed };
  }
}

function actorOf(actor: GetRetentionPolicyRequest['actor']): { userId: string; role: string; officeCode?: string } {
  return { userId: actor?.userId ?? '', role: actor?.role ?? '', ...(actor?.officeCode ? { officeCode: actor.officeCode } : {}) };
}

function policyMessage(p: RetentionPolicy): MessageInitShape<typeof RetentionPolicySchema> {
  return { policies: p.policies, version: p.version, ...(p.changedAt ? { changedAt: timestampFromDate(p.changedAt) } : {}) };
}
