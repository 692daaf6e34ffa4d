import type { MessageInitShape } from '@bufbuild/protobuf';
import type { RecordReporterFeedbackRequest, RecordReporterFeedbackResponseSchema } from '@pengaduan/contracts';
import { outcomeMessage } from '@pengaduan/messaging';
import { CorrelationId, ServiceError } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { VerifyReporterHandler } from '../verify-reporter/verify-reporter.handler';
import { ComplaintFeedbackHandler } from './complaint-feedback.handler';

/** intake acting on the reporter's word from the tracking page (docs/adr/0053). */
const REPORTER_THROUGH_INTAKE = { kind: 'system', service: 'intake' } as const;

/**
 * `IntakeService.RecordReporterFeedback` (docs/adr/0053): the reporter's rating or appeal from the
 * tracking page. intake checks the verifier itself, as for tracking, and records the command as
 * its own; an unknown number and a wrong verifier are the same NOT_FOUND. No rules here.
 */
@Controller()
export class ReporterFeedbackGrpcController {
  constructor(
    private readonly verify: VerifyReporterHandler,
    private readonly feedback: ComplaintFeedbackHandler,
  ) {}

  @GrpcMethod('IntakeService', 'RecordReporterFeedback')
  async record(@Payload() request: RecordReporterFeedbackRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof RecordReporterFeedbackResponseSchema>> {
    const found = await this.verify.execute({ trackingNumber: request.trackingNumber, verifier: request.verifier });
    if (!found.matched) throw new ServiceError('not-found', 'TRACKING.NOT_FOUND', 'no complaint matches this tracking number and verifier');
    const context = { requestId: request.requestId, complaintId: found.complaintId, actor: REPORTER_THROUGH_INTAKE, correlationId };
    const outcome = request.appeal
      ? await this.feedback.appeal({ ...context, reason: request.text })
      : await this.feedback.rate({ ...context, rating: request.rating, comment: request.text });
    return { outcome: outcomeMessage(outcome) };
  }
}
