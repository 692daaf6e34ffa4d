import type { MessageInitShape } from '@bufbuild/protobuf';
import type { WriteFollowUpInformationRequest, WriteFollowUpInformationResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext } from '@pengaduan/messaging';
import { CorrelationId } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { WriteFollowUpInformationHandler } from './write-follow-up-information.handler';

/** `NotificationService.WriteFollowUpInformation`: maps the gRPC request to the command and back; no rules here. */
@Controller()
export class WriteFollowUpInformationGrpcController {
  constructor(private readonly handler: WriteFollowUpInformationHandler) {}

  @GrpcMethod('NotificationService', 'WriteFollowUpInformation')
  async writeFollowUpInformation(
    @Payload() request: WriteFollowUpInformationRequest,
    @CorrelationId() correlationId: string,
  ): Promise<MessageInitShape<typeof WriteFollowUpInformationResponseSchema>> {
    const ctx = checkCommandContext(request.context, correlationId);
    const outcome = await this.handler.execute({ ...ctx, text: request.text, correlationId });
    return { outcome };
  }
}
