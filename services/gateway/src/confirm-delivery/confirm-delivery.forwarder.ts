import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { deliveryMethodMapping } from '@pengaduan/contracts';
import { Injectable } from '@nestjs/common';
import type { CommandResultDto } from '../complaint-commands/command-result.dto';
import type { ComplaintCommandInput } from '../complaint-commands/complaint-command';
import { ComplaintCommandRunner } from '../complaint-commands/complaint-command.runner';
import { NotificationClient } from '../upstream/clients';
import type { ConfirmDeliveryBody } from './confirm-delivery.dto';

/** SOP step 8, by notification: the delivery is recorded and the complaint closed (SELESAI). */
@Injectable()
export class ConfirmDeliveryForwarder {
  constructor(
    private readonly runner: ComplaintCommandRunner,
    private readonly notification: NotificationClient,
  ) {}

  execute(input: ComplaintCommandInput<ConfirmDeliveryBody>): Promise<CommandResultDto> {
    const { body } = input;
    return this.runner.run({
      ...input,
      send: async (context) => ({
        outcome: (
          await this.notification.call(
            'confirmDelivery',
            { context, method: deliveryMethodMapping.toProto(body.method, 'method'), deliveredAt: timestampFromDate(new Date(body.deliveredAt)), note: body.note },
            input.correlationId,
          )
        ).outcome,
      }),
    });
  }
}
