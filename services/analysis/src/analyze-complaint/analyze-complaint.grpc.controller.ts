import type { MessageInitShape } from '@bufbuild/protobuf';
import { severityMapping, substantiationMapping, type AnalyzeComplaintRequest, type AnalyzeComplaintResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import { sopValueOf } from '../lib/proto-enum';
import { AnalyzeComplaintHandler } from './analyze-complaint.handler';

/** `AnalysisService.AnalyzeComplaint`: maps the gRPC request to the command and back; no rules here. */
@Injectable()
export class AnalyzeComplaintGrpcController {
  constructor(private readonly handler: AnalyzeComplaintHandler) {}

  async analyzeComplaint(request: AnalyzeComplaintRequest, correlationId: string): Promise<MessageInitShape<typeof AnalyzeComplaintResponseSchema>> {
    const outcome = await this.handler.execute({
      ...checkCommandContext(request.context),
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
