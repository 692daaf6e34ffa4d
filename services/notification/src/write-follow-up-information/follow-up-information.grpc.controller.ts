import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { GetFollowUpInformationRequest, GetFollowUpInformationResponseSchema } from '@pengaduan/contracts';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { FollowUpInformationQuery } from './follow-up-information.query';

/** `NotificationService.GetFollowUpInformation` (docs/adr/0055): maps the gRPC messages; no rules here. */
@Controller()
export class FollowUpInformationGrpcController {
  constructor(private readonly query: FollowUpInformationQuery) {}

  @GrpcMethod('NotificationService', 'GetFollowUpInformation')
  async get(@Payload() request: GetFollowUpInformationRequest): Promise<MessageInitShape<typeof GetFollowUpInformationResponseSchema>> {
    const written = await this.query.newest(request.complaintId, request.officeCode);
    return { informationId: written.informationId, text: written.text, writtenAt: timestampFromDate(written.writtenAt) };
  }
}
