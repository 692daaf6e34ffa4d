import { timestampDate } from '@bufbuild/protobuf/wkt';
import { messageTemplateVariantMapping, notificationPurposeMapping, outboundChannelMapping, type MessageTemplate, type MessageTemplateChange } from '@pengaduan/contracts';
import { Clock, ServiceError } from '@pengaduan/runtime';
import { checkMessageTemplateRequest, type MessageTemplateVariant } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog } from '../account-security-log/account-security-log';
import { grpcActorOf, type AuthenticatedUser, type OfficerRole } from '../auth/authenticated-user';
import { requestIdOf } from '../complaint-commands/request-id';
import { NotificationClient } from '../upstream/clients';
import type { MessageTemplateDto, MessageTemplateListDto } from './message-templates.dto';

/** Who reads the office's texts: the head of office, and Admin Tikkim, who answers the reporters (docs/adr/0050). */
export const MESSAGE_TEMPLATE_READERS: readonly OfficerRole[] = ['KEPALA_KANTOR', 'ADMIN_TIKKIM'];
/** Who words them: the head of office, as the rest of the office's administration (ADR 0042). */
export const MESSAGE_TEMPLATE_EDITORS: readonly OfficerRole[] = ['KEPALA_KANTOR'];

/** Who asks, from where, with which Idempotency-Key and If-Match. */
export interface TemplateCommandContext {
  user: AuthenticatedUser;
  requestKey: string;
  correlationId: string;
  clientAddress: string;
  expectedVersion?: number;
}

/** The text a command is about, as the path and body name it (unchecked). */
export interface TemplateTarget {
  purpose: string;
  channel: string;
  variant?: string;
}

/** A command's answer: the text now, and its version for the ETag. */
export interface TemplateAnswer {
  template: MessageTemplateDto;
  version: number;
}

function forbidden(what: string): ServiceError {
  return new ServiceError('forbidden', 'MESSAGE_TEMPLATE.FORBIDDEN_ROLE', `only the head of office ${what} the office's message texts`);
}

/**
 * The office's texts of the messages to reporters (docs/adr/0050): notification keeps them and
 * checks every change; the gateway checks the role, refuses a text libs/sop's check refuses
 * before it forwards, and records each change in the office's administration log (ADR 0042)
 * with the text before and after.
 */
@Injectable()
export class MessageTemplatesHandler {
  constructor(
    private readonly notification: NotificationClient,
    private readonly log: AccountSecurityLog,
    private readonly clock: Clock,
  ) {}

  async list(user: AuthenticatedUser, correlationId: string): Promise<MessageTemplateListDto> {
    if (!MESSAGE_TEMPLATE_READERS.includes(user.role)) throw forbidden('and Admin Tikkim read');
    const { templates } = await this.notification.call('listMessageTemplates', { officeCode: user.officeCode }, correlationId);
    return { items: templates.map(templateDto) };
  }

  set(context: TemplateCommandContext, target: TemplateTarget, body: string): Promise<TemplateAnswer> {
    return this.change(context, target, body);
  }

  reset(context: TemplateCommandContext, target: TemplateTarget): Promise<TemplateAnswer> {
    return this.change(context, target, null);
  }

  private async change(context: TemplateCommandContext, target: TemplateTarget, body: string | null): Promise<TemplateAnswer> {
    const { user } = context;
    if (!MESSAGE_TEMPLATE_EDITORS.includes(user.role)) throw forbidden('changes');
    const variant = target.variant ?? 'STANDARD';
    const checked = checkMessageTemplateRequest({ purpose: target.purpose, variant, channel: target.channel, body });
    if (!('kind' in checked)) {
      // The text's own rules have a code of their own; a purpose, variant or channel unknown is a request as any other.
      const code = checked.violations.every((v) => v.field === 'body') ? 'MESSAGE_TEMPLATE.TEXT_REFUSED' : 'REQUEST.INVALID';
      throw new ServiceError('invalid', code, 'the change cannot be made; see errors', { fieldViolations: [...checked.violations] });
    }
    const { kind, channel } = checked;
    const logTarget = `template:${kind.purpose}:${channel}${kind.variant === 'STANDARD' ? '' : `:${kind.variant}`}`;
    const recorded = await this.log.recordedAs(user.id, context.requestKey, 'MESSAGE_TEMPLATE_CHANGED', logTarget);
    const request = {
      officeCode: user.officeCode,
      purpose: notificationPurposeMapping.toProto(kind.purpose),
      variant: messageTemplateVariantMapping.toProto(kind.variant),
      channel: outboundChannelMapping.toProto(channel),
      ...(context.expectedVersion === undefined ? {} : { expectedVersion: context.expectedVersion }),
      actor: grpcActorOf(user),
      requestKey: requestIdOf(user, context.requestKey),
    };
    const { change } =
      body === null
        ? await this.notification.call('resetMessageTemplate', request, context.correlationId)
        : await this.notification.call('setMessageTemplate', { ...request, body }, context.correlationId);
    if (!change?.template) throw new ServiceError('unavailable', 'SERVICE.UNAVAILABLE', 'notification answered no text');
    const template = templateDto(change.template);
    // A retry whose first try was recorded is not recorded again; one whose first try was not (the gateway stopped in between) is.
    if (change.changed && !recorded) {
      await this.log.record({
        kind: 'MESSAGE_TEMPLATE_CHANGED',
        subject: { target: logTarget },
        at: this.clock.now(),
        clientAddress: context.clientAddress,
        actorAccountId: user.id,
        officeCode: user.officeCode,
        change: changeOf(change, template),
        requestKey: context.requestKey,
      });
    }
    return { template, version: template.version };
  }
}

/** The admin log's before and after: the text, and whether it is the built-in one when that changed. */
function changeOf(change: MessageTemplateChange, now: MessageTemplateDto): Record<string, { before?: unknown; after?: unknown }> {
  return {
    body: { before: change.previousBody, after: now.body },
    ...(change.previousBuiltIn === now.builtIn ? {} : { builtIn: { before: change.previousBuiltIn, after: now.builtIn } }),
  };
}

function templateDto(t: MessageTemplate): MessageTemplateDto {
  return {
    purpose: notificationPurposeMapping.fromProto(t.purpose),
    variant: messageTemplateVariantMapping.fromProto(t.variant) satisfies MessageTemplateVariant,
    channel: outboundChannelMapping.fromProto(t.channel),
    body: t.body,
    builtIn: t.builtIn,
    version: t.version,
    requiredPlaceholders: [...t.requiredPlaceholders],
    optionalPlaceholders: [...t.optionalPlaceholders],
    builtInBody: t.builtInBody,
    ...(t.changedAt ? { changedAt: timestampDate(t.changedAt).toISOString() } : {}),
  };
}
