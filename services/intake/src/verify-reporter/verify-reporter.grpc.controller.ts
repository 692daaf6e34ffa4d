import type { MessageInitShape } from '@bufbuild/protobuf';
import type { VerifyReporterRequest, VerifyReporterResponseSchema } from '@pengaduan/contracts';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { VerifyReporterHandler } from './verify-reporter.handler';

/** `IntakeService.VerifyReporter`: maps the request and the answer; no rules here. */
@Controller()
export class VerifyReporterGrpcController {
  constructor(private readonly handler: VerifyReporterHandler) {}

  @GrpcMethod('IntakeService', 'VerifyReporter')
  async verifyReporter(@Payload() request: VerifyReporterRequest): Promise<MessageInitShape<typeof VerifyReporterResponseSchema>> {
    const result = await this.handler.execute({ trackingNumber: request.trackingNumber, verifier: request.verifier });
    return result.matched ? { matched: true, complaintId: result.complaintId } : { matched: false };
  }
}
