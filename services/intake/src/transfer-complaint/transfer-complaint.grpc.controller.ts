import type { MessageInitShape } from '@bufbuild/protobuf';
import type { TransferComplaintRequest, TransferComplaintResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import { TransferComplaintHandler } from './transfer-complaint.handler';

/** `IntakeService.TransferComplaint`: maps the gRPC request to the command and back; no rules here. */
@Injectable()
export class TransferComplaintGrpcController {
  constructor(private readonly handler: TransferComplaintHandler) {}

  async transferComplaint(request: TransferComplaintRequest, correlationId: string): Promise<MessageInitShape<typeof TransferComplaintResponseSchema>> {
    const result = await this.handler.execute({
      ...checkCommandContext(request.context),
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
