import type { MessageInitShape } from '@bufbuild/protobuf';
import { appealDecisionMapping, type AppealDecision as AppealDecisionPb, type ReviewAppealRequest, type ReviewAppealResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import type { AppealDecision } from '@pengaduan/sop';
import { CorrelationId } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ReviewAppealHandler } from './review-appeal.handler';

/** `DispositionService.ReviewAppeal` (docs/adr/0053): maps the gRPC request to the command and back; no rules here. */
@Controller()
export class ReviewAppealGrpcController {
  constructor(private readonly handler: ReviewAppealHandler) {}

  @GrpcMethod('DispositionService', 'ReviewAppeal')
  async reviewAppeal(@Payload() request: ReviewAppealRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof ReviewAppealResponseSchema>> {
    const outcome = await this.handler.execute({
      ...checkCommandContext(request.context, correlationId),
      correlationId,
      decision: toDecision(request.decision),
      ...(request.reason === undefined ? {} : { reason: request.reason }),
    });
    return { outcome: outcomeMessage(outcome) };
  }
}

/** `undefined` for `APPEAL_DECISION_UNSPECIFIED` or a number this version does not know (libs/sop names the field). */
function toDecision(decision: AppealDecisionPb): AppealDecision | undefined {
  try {
    return appealDecisionMapping.fromProto(decision, 'decision');
  } catch {
    return undefined;
  }
}
