import type { MessageInitShape } from '@bufbuild/protobuf';
import { type DecideFollowUpRequest, type DecideFollowUpResponseSchema, followUpDecisionMapping, sopValueOf } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import { CorrelationId } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { DecideFollowUpHandler } from './decide-follow-up.handler';

/** `AnalysisService.DecideFollowUp`: maps the gRPC request to the command and back; no rules here. */
@Controller()
export class DecideFollowUpGrpcController {
  constructor(private readonly handler: DecideFollowUpHandler) {}

  @GrpcMethod('AnalysisService', 'DecideFollowUp')
  async decideFollowUp(@Payload() request: DecideFollowUpRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof DecideFollowUpResponseSchema>> {
    const outcome = await this.handler.execute({
      ...checkCommandContext(request.context, correlationId),
      correlationId,
      decision: sopValueOf(followUpDecisionMapping, request.decision),
      reason: request.reason,
    });
    return { outcome: outcomeMessage(outcome) };
  }
}
