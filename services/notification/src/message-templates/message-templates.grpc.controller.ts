import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  Channel,
  MessageTemplateVariant,
  messageTemplateVariantMapping,
  NotificationPurpose,
  notificationPurposeMapping,
  outboundChannelMapping,
  type ListMessageTemplatesRequest,
  type ListMessageTemplatesResponseSchema,
  type MessageTemplateChangeSchema,
  type MessageTemplateSchema,
  type ResetMessageTemplateRequest,
  type ResetMessageTemplateResponseSchema,
  type SetMessageTemplateRequest,
  type SetMessageTemplateResponseSchema,
} from '@pengaduan/contracts';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { MessageTemplates, type TemplateChange, type TemplateChangeRequest, type TemplateInForce } from './message-templates';

/** `NotificationService.ListMessageTemplates`, `SetMessageTemplate`, `ResetMessageTemplate` (docs/adr/0050): maps the gRPC messages; no rules here. */
@Controller()
export class MessageTemplatesGrpcController {
  constructor(private readonly templates: MessageTemplates) {}

  @GrpcMethod('NotificationService', 'ListMessageTemplates')
  async list(@Payload() request: ListMessageTemplatesRequest): Promise<MessageInitShape<typeof ListMessageTemplatesResponseSchema>> {
    return { templates: (await this.templates.list(request.officeCode)).map(templateMessage) };
  }

  @GrpcMethod('NotificationService', 'SetMessageTemplate')
  async set(@Payload() request: SetMessageTemplateRequest): Promise<MessageInitShape<typeof SetMessageTemplateResponseSchema>> {
    return { change: changeMessage(await this.templates.set({ ...changeRequest(request), body: request.body })) };
  }

  @GrpcMethod('NotificationService', 'ResetMessageTemplate')
  async reset(@Payload() request: ResetMessageTemplateRequest): Promise<MessageInitShape<typeof ResetMessageTemplateResponseSchema>> {
    return { change: changeMessage(await this.templates.reset(changeRequest(request))) };
  }
}

/** Enum names without their prefix are libs/sop's names; the store checks them. */
function changeRequest(request: SetMessageTemplateRequest | ResetMessageTemplateRequest): TemplateChangeRequest {
  return {
    officeCode: request.officeCode,
    purpose: NotificationPurpose[request.purpose] ?? String(request.purpose),
    // Not set: the purpose's one text.
    variant: request.variant === MessageTemplateVariant.UNSPECIFIED ? 'STANDARD' : (MessageTemplateVariant[request.variant] ?? String(request.variant)),
    channel: Channel[request.channel] ?? String(request.channel),
    ...(request.expectedVersion === undefined ? {} : { expectedVersion: request.expectedVersion }),
    actor: { userId: request.actor?.userId ?? '', role: request.actor?.role ?? '', ...(request.actor?.officeCode ? { officeCode: request.actor.officeCode } : {}) },
    requestKey: request.requestKey,
  };
}

function templateMessage(t: TemplateInForce): MessageInitShape<typeof MessageTemplateSchema> {
  return {
    purpose: notificationPurposeMapping.toProto(t.kind.purpose),
    variant: messageTemplateVariantMapping.toProto(t.kind.variant),
    channel: outboundChannelMapping.toProto(t.channel),
    body: t.body,
    builtIn: t.builtIn,
    version: t.version,
    requiredPlaceholders: [...t.kind.required],
    optionalPlaceholders: [...t.kind.optional],
    builtInBody: t.builtInBody,
    ...(t.changedAt ? { changedAt: timestampFromDate(t.changedAt) } : {}),
  };
}

function changeMessage(c: TemplateChange): MessageInitShape<typeof MessageTemplateChangeSchema> {
  return { template: templateMessage(c.template), changed: c.changed, previousBody: c.previousBody, previousBuiltIn: c.previousBuiltIn };
}
