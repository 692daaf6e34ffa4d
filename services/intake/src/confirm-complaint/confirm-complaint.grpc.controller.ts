import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ConfirmComplaintRequest, ConfirmComplaintResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import { CorrelationId } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ConfirmComplaintHandler } from './confirm-complaint.handler';

/** `IntakeService.ConfirmComplaint`: maps the gRPC request to the command and back; no rules here. */
@Controller()
export class ConfirmComplaintGrpcController {
  constructor(private readonly handler: ConfirmComplaintHandler) {}

  @GrpcMethod('IntakeService', 'ConfirmComplaint')
  async confirmComplaint(@Payload() request: ConfirmComplaintRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof ConfirmComplaintResponseSchema>> {
    const outcome = await this.handler.execute({
      ...checkCommandContext(request.context, correlationId),
      correlationId,
      classificationCode: request.classificationCode,
      summary: request.summary,
      anonymous: request.anonymous,
      confidential: request.confidential,
    });
    return { outcome: outcomeMessage(outcome) };
  }
}
