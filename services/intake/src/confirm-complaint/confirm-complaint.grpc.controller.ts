import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ConfirmComplaintRequest, ConfirmComplaintResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import { ConfirmComplaintHandler } from './confirm-complaint.handler';

/** `IntakeService.ConfirmComplaint`: maps the gRPC request to the command and back; no rules here. */
@Injectable()
export class ConfirmComplaintGrpcController {
  constructor(private readonly handler: ConfirmComplaintHandler) {}

  async confirmComplaint(request: ConfirmComplaintRequest, correlationId: string): Promise<MessageInitShape<typeof ConfirmComplaintResponseSchema>> {
    const outcome = await this.handler.execute({
      ...checkCommandContext(request.context),
      correlationId,
      classificationCode: request.classificationCode,
      summary: request.summary,
      anonymous: request.anonymous,
      confidential: request.confidential,
    });
    return { outcome: outcomeMessage(outcome) };
  }
}
