import type { MessageInitShape } from '@bufbuild/protobuf';
import { followUpDecisionMapping, type DecideFollowUpRequest, type DecideFollowUpResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import { sopValueOf } from '../lib/proto-enum';
import { DecideFollowUpHandler } from './decide-follow-up.handler';

/** `AnalysisService.DecideFollowUp`: maps the gRPC request to the command and back; no rules here. */
@Injectable()
export class DecideFollowUpGrpcController {
  constructor(private readonly handler: DecideFollowUpHandler) {}

  async decideFollowUp(request: DecideFollowUpRequest, correlationId: string): Promise<MessageInitShape<typeof DecideFollowUpResponseSchema>> {
    const outcome = await this.handler.execute({
      ...checkCommandContext(request.context),
      correlationId,
      decision: sopValueOf(followUpDecisionMapping, request.decision),
      reason: request.reason,
    });
    return { outcome: outcomeMessage(outcome) };
  }
}
