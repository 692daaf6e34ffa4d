import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Channel, DeliveryMethod, NotificationPurpose, type ConfirmDeliveryRequest, type ConfirmDeliveryResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext } from '@pengaduan/messaging';
import { CorrelationId } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ConfirmDeliveryHandler } from './confirm-delivery.handler';

/** `NotificationService.ConfirmDelivery`: maps the gRPC request to the command and back; no rules here. */
@Controller()
export class ConfirmDeliveryGrpcController {
  constructor(private readonly handler: ConfirmDeliveryHandler) {}

  @GrpcMethod('NotificationService', 'ConfirmDelivery')
  async confirmDelivery(@Payload() request: ConfirmDeliveryRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof ConfirmDeliveryResponseSchema>> {
    const ctx = checkCommandContext(request.context, correlationId);
    const outcome = await this.handler.execute({
      ...ctx,
      // Enum names without their prefix are libs/sop's names; the handler checks them.
      method: DeliveryMethod[request.method] ?? String(request.method),
      deliveredAt: request.deliveredAt ? timestampDate(request.deliveredAt) : undefined,
      note: request.note,
      channel: request.channel === undefined ? undefined : (Channel[request.channel] ?? String(request.channel)),
      ...(request.purpose === undefined ? {} : { purpose: NotificationPurpose[request.purpose] ?? String(request.purpose) }),
      correlationId,
    });
    return { outcome };
  }
}
