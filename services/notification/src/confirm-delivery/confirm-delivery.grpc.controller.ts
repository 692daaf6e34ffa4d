import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Channel, DeliveryMethod, type ConfirmDeliveryRequest, type ConfirmDeliveryResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import { ConfirmDeliveryHandler } from './confirm-delivery.handler';

/** `NotificationService.ConfirmDelivery`: maps the gRPC request to the command and back; no rules here. */
@Injectable()
export class ConfirmDeliveryGrpcController {
  constructor(private readonly handler: ConfirmDeliveryHandler) {}

  async confirmDelivery(request: ConfirmDeliveryRequest, correlationId: string): Promise<MessageInitShape<typeof ConfirmDeliveryResponseSchema>> {
    const ctx = checkCommandContext(request.context);
    const outcome = await this.handler.execute({
      ...ctx,
      // Enum names without their prefix are libs/sop's names; the handler checks them.
      method: DeliveryMethod[request.method] ?? String(request.method),
      deliveredAt: request.deliveredAt ? timestampDate(request.deliveredAt) : undefined,
      note: request.note,
      channel: request.channel === undefined ? undefined : (Channel[request.channel] ?? String(request.channel)),
      correlationId,
    });
    return { outcome };
  }
}
