import type { MessageInitShape } from '@bufbuild/protobuf';
import { dismissalReasonMapping, DismissalReason as DismissalReasonPb, type DismissComplaintRequest, type DismissComplaintResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import type { DismissalReason } from '@pengaduan/sop';
import { CorrelationId } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { DismissComplaintHandler } from './dismiss-complaint.handler';

/** `IntakeService.DismissComplaint`: maps the gRPC request to the command and back; no rules here. */
@Controller()
export class DismissComplaintGrpcController {
  constructor(private readonly handler: DismissComplaintHandler) {}

  @GrpcMethod('IntakeService', 'DismissComplaint')
  async dismissComplaint(@Payload() request: DismissComplaintRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof DismissComplaintResponseSchema>> {
    const outcome = await this.handler.execute({
      ...checkCommandContext(request.context, correlationId),
      correlationId,
      reason: toReason(request.reason),
      duplicateOf: request.duplicateOf,
      belongsTo: request.belongsTo,
      note: request.note,
    });
    return { outcome: outcomeMessage(outcome) };
  }
}

/** `undefined` for `DISMISSAL_REASON_UNSPECIFIED` or a number this version does not know (the handler names the field). */
function toReason(reason: DismissalReasonPb): DismissalReason | undefined {
  try {
    return dismissalReasonMapping.fromProto(reason, 'reason');
  } catch {
    return undefined;
  }
}
