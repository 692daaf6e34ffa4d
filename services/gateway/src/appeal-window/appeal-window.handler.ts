import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { AppealWindow } from '@pengaduan/contracts';
import { Clock, ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog } from '../account-security-log/account-security-log';
import { changeOfficeSetting, type OfficeSettingContext } from '../account-security-log/office-setting-change';
import type { AuthenticatedUser, OfficerRole } from '../auth/authenticated-user';
import { IntakeClient } from '../upstream/clients';
import type { AppealWindowDto } from './appeal-window.dto';

/** Who reads the office's appeal window: the head of office, and Admin Tikkim, who records ratings and appeals told by phone. */
export const APPEAL_WINDOW_READERS: readonly OfficerRole[] = ['KEPALA_KANTOR', 'ADMIN_TIKKIM'];
/** Who sets it: the head of office (docs/adr/0053). */
export const APPEAL_WINDOW_EDITORS: readonly OfficerRole[] = ['KEPALA_KANTOR'];

/** The admin log's target of every change: the office's one window. */
const LOG_TARGET = 'appeal-window';

/** Who asks, from where, with which Idempotency-Key and If-Match. */
export type AppealWindowContext = OfficeSettingContext;

/**
 * The office's appeal window (docs/adr/0053): intake keeps it and checks every change (it decides
 * ratings and appeals with it); the gateway checks the role and records each change in the
 * office's administration log (ADR 0042) with the days before and after.
 */
@Injectable()
export class AppealWindowHandler {
  constructor(
    private readonly intake: IntakeClient,
    private readonly log: AccountSecurityLog,
    private readonly clock: Clock,
  ) {}

  async get(user: AuthenticatedUser, correlationId: string): Promise<AppealWindowDto> {
    if (!APPEAL_WINDOW_READERS.includes(user.role)) throw forbidden('and Admin Tikkim read');
    return windowDto((await this.intake.call('getAppealWindow', { officeCode: user.officeCode }, correlationId)).window);
  }

  async set(context: AppealWindowContext, days: number): Promise<AppealWindowDto> {
    return changeOfficeSetting(this.log, this.clock, context, {
      kind: 'APPEAL_WINDOW_CHANGED',
      target: LOG_TARGET,
      editors: APPEAL_WINDOW_EDITORS,
      forbidden: () => forbidden('sets'),
      write: async (upstream) => {
        const answer = await this.intake.call('setAppealWindow', { ...upstream, days }, context.correlationId);
        return { changed: answer.changed, before: () => windowDto(answer.previous), after: windowDto(answer.window) };
      },
      change: (before, after) => ({ days: { before: before.days, after: after.days } }),
    });
  }
}

function forbidden(what: string): ServiceError {
  return new ServiceError('forbidden', 'APPEAL_WINDOW.FORBIDDEN_ROLE', `only the head of office ${what} the office's appeal window`);
}

function windowDto(w: AppealWindow | undefined): AppealWindowDto {
  if (!w) throw new ServiceError('unavailable', 'SERVICE.UNAVAILABLE', 'intake answered no appeal window');
  return { days: w.days, version: w.version, ...(w.changedAt ? { changedAt: timestampDate(w.changedAt).toISOString() } : {}) };
}
