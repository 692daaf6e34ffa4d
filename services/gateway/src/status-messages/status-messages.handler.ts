import { timestampDate } from '@bufbuild/protobuf/wkt';
import { notificationPurposeMapping, type StatusMessageSettings } from '@pengaduan/contracts';
import { Clock, ServiceError } from '@pengaduan/runtime';
import { isStatusMessagePurpose } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog } from '../account-security-log/account-security-log';
import { changeOfficeSetting, type OfficeSettingContext } from '../account-security-log/office-setting-change';
import type { AuthenticatedUser, OfficerRole } from '../auth/authenticated-user';
import { NotificationClient } from '../upstream/clients';
import type { StatusMessagesDto, StatusMessageSwitchDto } from './status-messages.dto';

/** Who reads the office's status-message settings: the head of office, and Admin Tikkim, who answers the reporters (as the texts, docs/adr/0050). */
export const STATUS_MESSAGE_READERS: readonly OfficerRole[] = ['KEPALA_KANTOR', 'ADMIN_TIKKIM'];
/** Who changes them: the head of office (docs/adr/0054). */
export const STATUS_MESSAGE_EDITORS: readonly OfficerRole[] = ['KEPALA_KANTOR'];

/** The admin log's target of every change: the office's one setting. */
const LOG_TARGET = 'status-messages';

/** Who asks, from where, with which Idempotency-Key and If-Match. */
export type StatusMessagesContext = OfficeSettingContext;

function forbidden(what: string): ServiceError {
  return new ServiceError('forbidden', 'STATUS_MESSAGES.FORBIDDEN_ROLE', `only the head of office ${what} the office's status messages`);
}

/**
 * Which status messages the office sends its reporters (docs/adr/0054): notification keeps the
 * settings and checks every change; the gateway checks the role and records each change in the
 * office's administration log (ADR 0042) with each switch before and after.
 */
@Injectable()
export class StatusMessagesHandler {
  constructor(
    private readonly notification: NotificationClient,
    private readonly log: AccountSecurityLog,
    private readonly clock: Clock,
  ) {}

  async get(user: AuthenticatedUser, correlationId: string): Promise<StatusMessagesDto> {
    if (!STATUS_MESSAGE_READERS.includes(user.role)) throw forbidden('and Admin Tikkim read');
    const { settings } = await this.notification.call('getStatusMessages', { officeCode: user.officeCode }, correlationId);
    return settingsDto(settings);
  }

  async set(context: StatusMessagesContext, items: readonly StatusMessageSwitchDto[]): Promise<StatusMessagesDto> {
    return changeOfficeSetting(this.log, this.clock, context, {
      kind: 'STATUS_MESSAGES_CHANGED',
      target: LOG_TARGET,
      editors: STATUS_MESSAGE_EDITORS,
      forbidden: () => forbidden('changes'),
      write: async (upstream) => {
        // The DTO admitted status messages only.
        const switches = items.map((s) => ({ purpose: notificationPurposeMapping.toProto(isStatusMessagePurpose(s.purpose) ? s.purpose : 'STATUS_CONFIRMED'), enabled: s.enabled }));
        const answer = await this.notification.call('setStatusMessages', { ...upstream, switches }, context.correlationId);
        return { changed: answer.changed, before: () => settingsDto(answer.previous), after: settingsDto(answer.settings) };
      },
      change: changeOf,
    });
  }
}

/** The admin log's before and after of each switch that changed. */
function changeOf(before: StatusMessagesDto, after: StatusMessagesDto): Record<string, { before?: unknown; after?: unknown }> {
  const was = new Map(before.items.map((s) => [s.purpose, s.enabled]));
  return Object.fromEntries(after.items.filter((s) => was.get(s.purpose) !== s.enabled).map((s) => [s.purpose, { before: was.get(s.purpose), after: s.enabled }]));
}

function settingsDto(s: StatusMessageSettings | undefined): StatusMessagesDto {
  if (!s) throw new ServiceError('unavailable', 'SERVICE.UNAVAILABLE', 'notification answered no settings');
  return {
    items: s.switches.map((x) => ({ purpose: notificationPurposeMapping.fromProto(x.purpose), enabled: x.enabled })),
    version: s.version,
    ...(s.changedAt ? { changedAt: timestampDate(s.changedAt).toISOString() } : {}),
  };
}
