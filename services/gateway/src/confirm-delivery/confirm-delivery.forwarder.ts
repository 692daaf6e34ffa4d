import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { deliveryMethodMapping, notificationPurposeMapping } from '@pengaduan/contracts';
import { Injectable } from '@nestjs/common';
import type { CommandResultDto } from '../complaint-commands/command-result.dto';
import type { ComplaintCommandInput } from '../complaint-commands/complaint-command';
import { ComplaintCommandRunner } from '../complaint-commands/complaint-command.runner';
import { NotificationClient } from '../upstream/clients';
import type { ConfirmDeliveryBody } from './confirm-delivery.dto';

/** By notification: step 8's delivery is recorded and the complaint closed (SELESAI), or the acknowledgement told (docs/adr/0051). */
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
            {
              context,
              method: deliveryMethodMapping.toProto(body.method, 'method'),
              deliveredAt: timestampFromDate(new Date(body.deliveredAt)),
              note: body.note,
              ...(body.purpose === undefined ? {} : { purpose: notificationPurposeMapping.toProto(body.purpose, 'purpose') }),
            },
            input.correlationId,
          )
        ).outcome,
      }),
    });
  }
}
