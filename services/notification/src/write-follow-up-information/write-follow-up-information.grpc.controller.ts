import type { MessageInitShape } from '@bufbuild/protobuf';
import type { WriteFollowUpInformationRequest, WriteFollowUpInformationResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import { WriteFollowUpInformationHandler } from './write-follow-up-information.handler';

/** `NotificationService.WriteFollowUpInformation`: maps the gRPC request to the command and back; no rules here. */
@Injectable()
export class WriteFollowUpInformationGrpcController {
  constructor(private readonly handler: WriteFollowUpInformationHandler) {}

  async writeFollowUpInformation(
    request: WriteFollowUpInformationRequest,
    correlationId: string,
  ): Promise<MessageInitShape<typeof WriteFollowUpInformationResponseSchema>> {
    const ctx = checkCommandContext(request.context);
    const outcome = await this.handler.execute({ ...ctx, text: request.text, correlationId });
    return { outcome };
  }
}
