import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { outboundChannelMapping, type ResolveReporterAddressRequest, type ResolveReporterAddressResponseSchema } from '@pengaduan/contracts';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { CONTACT_RESTRICTED, ResolveReporterAddressHandler } from './resolve-reporter-address.handler';

/** `IntakeService.ResolveReporterAddress`: maps the request and the answer; no rules here. */
@Controller()
export class ResolveReporterAddressGrpcController {
  constructor(private readonly handler: ResolveReporterAddressHandler) {}

  @GrpcMethod('IntakeService', 'ResolveReporterAddress')
  async resolveReporterAddress(@Payload() request: ResolveReporterAddressRequest): Promise<MessageInitShape<typeof ResolveReporterAddressResponseSchema>> {
    const channel = outboundChannelMapping.fromProto(request.channel, 'channel');
    const address = await this.handler.execute(request.complaintId, request.reporterRef, channel, request.purpose || undefined);
    if (address === CONTACT_RESTRICTED) return { found: false, recipient: '', restricted: true };
    if (!address) return { found: false, recipient: '' };
    return {
      found: true,
      recipient: address.recipient,
      ...(address.accountId ? { accountId: address.accountId } : {}),
      ...(address.lastInboundAt ? { lastInboundAt: timestampFromDate(address.lastInboundAt) } : {}),
      ...(address.trackingPin ? { trackingPin: address.trackingPin } : {}),
    };
  }
}
