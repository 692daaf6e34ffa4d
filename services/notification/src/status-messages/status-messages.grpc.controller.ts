import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  NotificationPurpose,
  notificationPurposeMapping,
  type GetStatusMessagesRequest,
  type ListComplaintStatusMessagesRequest,
  type ListComplaintStatusMessagesResponseSchema,
  type GetStatusMessagesResponseSchema,
  type SetStatusMessagesRequest,
  type SetStatusMessagesResponseSchema,
  type StatusMessageSettingsSchema,
} from '@pengaduan/contracts';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ComplaintStatusMessages } from './complaint-status-messages';
import { StatusMessages, type StatusMessageSettings } from './status-messages';

/** `NotificationService.GetStatusMessages`, `SetStatusMessages`, `ListComplaintStatusMessages` (docs/adr/0054): maps the gRPC messages; no rules here. */
@Controller()
export class StatusMessagesGrpcController {
  constructor(
    private readonly settings: StatusMessages,
    private readonly sent: ComplaintStatusMessages,
  ) {}

  @GrpcMethod('NotificationService', 'ListComplaintStatusMessages')
  async list(@Payload() request: ListComplaintStatusMessagesRequest): Promise<MessageInitShape<typeof ListComplaintStatusMessagesResponseSchema>> {
    const messages = await this.sent.of(request.complaintId, request.officeCode);
    return {
      messages: messages.map((m) => ({
        notificationId: m.notificationId,
        purpose: notificationPurposeMapping.toProto(m.purpose),
        channel: m.channel,
        outcome: m.outcome,
        queuedAt: timestampFromDate(m.queuedAt),
        ...(m.sentAt ? { sentAt: timestampFromDate(m.sentAt) } : {}),
        ...(m.deliveredAt ? { deliveredAt: timestampFromDate(m.deliveredAt) } : {}),
        ...(m.readAt ? { readAt: timestampFromDate(m.readAt) } : {}),
      })),
    };
  }

  @GrpcMethod('NotificationService', 'GetStatusMessages')
  async get(@Payload() request: GetStatusMessagesRequest): Promise<MessageInitShape<typeof GetStatusMessagesResponseSchema>> {
    return { settings: settingsMessage(await this.settings.get(request.officeCode)) };
  }

  @GrpcMethod('NotificationService', 'SetStatusMessages')
  async set(@Payload() request: SetStatusMessagesRequest): Promise<MessageInitShape<typeof SetStatusMessagesResponseSchema>> {
    const change = await this.settings.set({
      officeCode: request.officeCode,
      ...(request.expectedVersion === undefined ? {} : { expectedVersion: request.expectedVersion }),
      // Enum names without their prefix are libs/sop's names; the store checks them.
      switches: request.switches.map((s) => ({ purpose: NotificationPurpose[s.purpose] ?? String(s.purpose), enabled: s.enabled })),
      actor: { userId: request.actor?.userId ?? '', role: request.actor?.role ?? '', ...(request.actor?.officeCode ? { officeCode: request.actor.officeCode } : {}) },
      requestKey: request.requestKey,
    });
    return { settings: settingsMessage(change.settings), changed: change.changed, previous: settingsMessage(change.previous) };
  }
}

function settingsMessage(s: StatusMessageSettings): MessageInitShape<typeof StatusMessageSettingsSchema> {
  return {
    switches: s.switches.map((x) => ({ purpose: notificationPurposeMapping.toProto(x.purpose), enabled: x.enabled })),
    version: s.version,
    ...(s.changedAt ? { changedAt: timestampFromDate(s.changedAt) } : {}),
  };
}
