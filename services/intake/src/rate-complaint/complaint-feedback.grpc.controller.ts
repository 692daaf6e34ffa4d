import type { MessageInitShape } from '@bufbuild/protobuf';
import type { AppealComplaintRequest, AppealComplaintResponseSchema, RateComplaintRequest, RateComplaintResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import { CorrelationId } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ComplaintFeedbackHandler } from './complaint-feedback.handler';

/** `IntakeService.RateComplaint` and `AppealComplaint` (docs/adr/0053): map the request to the command and back; no rules here. */
@Controller()
export class ComplaintFeedbackGrpcController {
  constructor(private readonly handler: ComplaintFeedbackHandler) {}

  @GrpcMethod('IntakeService', 'RateComplaint')
  async rateComplaint(@Payload() request: RateComplaintRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof RateComplaintResponseSchema>> {
    const outcome = await this.handler.rate({ ...checkCommandContext(request.context, correlationId), correlationId, rating: request.rating, comment: request.comment });
    return { outcome: outcomeMessage(outcome) };
  }

  @GrpcMethod('IntakeService', 'AppealComplaint')
  async appealComplaint(@Payload() request: AppealComplaintRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof AppealComplaintResponseSchema>> {
    const outcome = await this.handler.appeal({ ...checkCommandContext(request.context, correlationId), correlationId, reason: request.reason });
    return { outcome: outcomeMessage(outcome) };
  }
}
