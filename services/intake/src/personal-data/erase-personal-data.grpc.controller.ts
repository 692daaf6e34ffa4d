import type { MessageInitShape } from '@bufbuild/protobuf';
import { erasureReasonMapping, type ErasePersonalDataRequest, type ErasePersonalDataResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import { CorrelationId } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ErasePersonalDataHandler } from './erase-personal-data.handler';

/** `IntakeService.ErasePersonalData` (docs/adr/0057): maps the request to the command and back; no rules here. */
@Controller()
export class ErasePersonalDataGrpcController {
  constructor(private readonly handler: ErasePersonalDataHandler) {}

  @GrpcMethod('IntakeService', 'ErasePersonalData')
  async erasePersonalData(@Payload() request: ErasePersonalDataRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof ErasePersonalDataResponseSchema>> {
    const reason = request.reason ? erasureReasonMapping.fromProto(request.reason, 'reason') : undefined;
    const outcome = await this.handler.execute({ ...checkCommandContext(request.context, correlationId), correlationId, reason });
    return { outcome: outcomeMessage(outcome) };
  }
}
