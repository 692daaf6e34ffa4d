import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  slaPolicyFromWire,
  slaPolicyToWire,
  SlaPolicySchema,
  type GetOfficeSlaPolicyRequest,
  type GetOfficeSlaPolicyResponseSchema,
  type OfficeSlaPolicySchema,
  type SetOfficeSlaPolicyRequest,
  type SetOfficeSlaPolicyResponseSchema,
} from '@pengaduan/contracts';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { OfficePolicyVersion } from './office-policies';
import { OfficeSlaPolicyHandler } from './office-sla-policy.handler';

/** `SlaMonitorService.GetOfficeSlaPolicy|SetOfficeSlaPolicy`: maps the requests to the handler and back; no rules here. */
@Controller()
export class OfficeSlaPolicyGrpcController {
  constructor(private readonly handler: OfficeSlaPolicyHandler) {}

  @GrpcMethod('SlaMonitorService', 'GetOfficeSlaPolicy')
  async getOfficeSlaPolicy(@Payload() request: GetOfficeSlaPolicyRequest): Promise<MessageInitShape<typeof GetOfficeSlaPolicyResponseSchema>> {
    return { current: officeSlaPolicyMessage(await this.handler.get(request.officeCode)) };
  }

  @GrpcMethod('SlaMonitorService', 'SetOfficeSlaPolicy')
  async setOfficeSlaPolicy(@Payload() request: SetOfficeSlaPolicyRequest): Promise<MessageInitShape<typeof SetOfficeSlaPolicyResponseSchema>> {
    const { current, changed, previous } = await this.handler.set({
      officeCode: request.officeCode,
      expectedVersion: request.expectedVersion,
      policy: slaPolicyFromWire(request.policy ?? create(SlaPolicySchema)),
      changedBy: request.actor?.userId ?? '',
      requestKey: request.requestId,
    });
    return { current: officeSlaPolicyMessage(current), changed, previous: slaPolicyToWire(previous) };
  }
}

function officeSlaPolicyMessage(v: OfficePolicyVersion): MessageInitShape<typeof OfficeSlaPolicySchema> {
  return {
    officeCode: v.officeCode,
    policy: slaPolicyToWire(v.policy),
    version: v.version,
    isDefault: v.isDefault,
    ...(v.changedBy ? { changedBy: v.changedBy } : {}),
    ...(v.changedAt ? { changedAt: timestampFromDate(v.changedAt) } : {}),
  };
}
