import type { MessageInitShape } from '@bufbuild/protobuf';
import type { TransferComplaintRequest, TransferComplaintResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import { CorrelationId } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { TransferComplaintHandler } from './transfer-complaint.handler';

/** `IntakeService.TransferComplaint`: maps the gRPC request to the command and back; no rules here. */
@Controller()
export class TransferComplaintGrpcController {
  constructor(private readonly handler: TransferComplaintHandler) {}

  @GrpcMethod('IntakeService', 'TransferComplaint')
  async transferComplaint(@Payload() request: TransferComplaintRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof TransferComplaintResponseSchema>> {
    const result = await this.handler.execute({
      ...checkCommandContext(request.context, correlationId),
      correlationId,
      targetOfficeCode: request.targetOfficeCode,
      ...(request.note === undefined ? {} : { note: request.note }),
    });
    return {
      outcome: outcomeMessage(result),
      newComplaintId: result.newComplaintId,
      newTrackingNumber: result.newTrackingNumber,
      newStatus: result.newStatus,
      targetOfficeCode: result.targetOfficeCode,
    };
  }
}
