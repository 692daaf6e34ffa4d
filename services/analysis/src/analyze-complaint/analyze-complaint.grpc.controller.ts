import type { MessageInitShape } from '@bufbuild/protobuf';
import { type AnalyzeComplaintRequest, type AnalyzeComplaintResponseSchema, severityMapping, sopValueOf, substantiationMapping } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import { CorrelationId } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { AnalyzeComplaintHandler } from './analyze-complaint.handler';

/** `AnalysisService.AnalyzeComplaint`: maps the gRPC request to the command and back; no rules here. */
@Controller()
export class AnalyzeComplaintGrpcController {
  constructor(private readonly handler: AnalyzeComplaintHandler) {}

  @GrpcMethod('AnalysisService', 'AnalyzeComplaint')
  async analyzeComplaint(@Payload() request: AnalyzeComplaintRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof AnalyzeComplaintResponseSchema>> {
    const outcome = await this.handler.execute({
      ...checkCommandContext(request.context, correlationId),
      correlationId,
      findings: request.findings,
      substantiated: sopValueOf(substantiationMapping, request.substantiated),
      classificationCode: request.classificationCode,
      severity: sopValueOf(severityMapping, request.severity),
      recommendation: request.recommendation,
    });
    return { outcome: outcomeMessage(outcome) };
  }
}
