import type { MessageInitShape } from '@bufbuild/protobuf';
import type { VerifyReporterRequest, VerifyReporterResponseSchema } from '@pengaduan/contracts';
import { Injectable } from '@nestjs/common';
import { VerifyReporterHandler } from './verify-reporter.handler';

/** `IntakeService.VerifyReporter`: maps the request and the answer; no rules here. */
@Injectable()
export class VerifyReporterGrpcController {
  constructor(private readonly handler: VerifyReporterHandler) {}

  async verifyReporter(request: VerifyReporterRequest, _correlationId: string): Promise<MessageInitShape<typeof VerifyReporterResponseSchema>> {
    const result = await this.handler.execute({ trackingNumber: request.trackingNumber, verifier: request.verifier });
    return result.matched ? { matched: true, complaintId: result.complaintId } : { matched: false };
  }
}
