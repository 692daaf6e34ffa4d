import { Clock, ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog, type AccountSecurityEventKind } from '../account-security-log/account-security-log';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { SectionDto } from '../sections/sections.http.controller';
import { DispositionClient } from '../upstream/clients';
import { assertAccountAdministrator } from '../users/office-administration';

/** Who asks, from where, under which correlation id (and, for the commands that take one, which Idempotency-Key). */
export interface SectionCommandContext {
  admin: AuthenticatedUser;
  clientAddress: string;
  correlationId: string;
  requestKey?: string;
}

/** What a section command answers: the section now and whether the command changed it. */
export interface SectionResult {
  section: SectionDto;
  changed: boolean;
}

/**
 * The head of office adds, renames and retires the office's sections (ADR 0042). Disposition
 * owns the sections (ListSections, the disposition's check); the gateway checks the role and
 * records each change in the office's administration log, with the name before and after.
 * Disposition's commands are idempotent by content: the same command again changes nothing and
 * is not recorded again.
 */
@Injectable()
export class AdministerSectionsHandler {
  constructor(
    private readonly disposition: DispositionClient,
    private readonly log: AccountSecurityLog,
    private readonly clock: Clock,
  ) {}

  async add(context: SectionCommandContext, code: string, name: string): Promise<SectionResult> {
    await this.refuseKeyOfAnotherCommand(context, 'SECTION_ADDED', code);
    const { section, changed } = await this.disposition.call('addSection', { officeCode: context.admin.officeCode, code, name }, context.correlationId);
    return this.recorded(context, 'SECTION_ADDED', { section, changed }, { name: { after: section?.name } });
  }

  async rename(context: SectionCommandContext, code: string, name: string): Promise<SectionResult> {
    assertAccountAdministrator(context.admin);
    const { section, changed, previousName } = await this.disposition.call('renameSection', { officeCode: context.admin.officeCode, code, name }, context.correlationId);
    return this.recorded(context, 'SECTION_RENAMED', { section, changed }, { name: { before: previousName, after: section?.name } });
  }

  async retire(context: SectionCommandContext, code: string): Promise<SectionResult> {
    await this.refuseKeyOfAnotherCommand(context, 'SECTION_RETIRED', code);
    const { section, changed } = await this.disposition.call('retireSection', { officeCode: context.admin.officeCode, code }, context.correlationId);
    return this.recorded(context, 'SECTION_RETIRED', { section, changed }, { retired: { before: false, after: true } });
  }

  private async recorded(
    context: SectionCommandContext,
    kind: AccountSecurityEventKind,
    outcome: { section?: { code: string; name: string; retired: boolean }; changed: boolean },
    change: Record<string, { before?: unknown; after?: unknown }>,
  ): Promise<SectionResult> {
    if (!outcome.section) throw new ServiceError('unavailable', 'SERVICE.UNAVAILABLE', 'disposition answered no section');
    const { code, name, retired } = outcome.section;
    if (outcome.changed) {
      await this.log.record({
        kind,
        subject: { target: `section:${code}` },
        at: this.clock.now(),
        clientAddress: context.clientAddress,
        actorAccountId: context.admin.id,
        officeCode: context.admin.officeCode,
        change,
        ...(context.requestKey ? { requestKey: context.requestKey } : {}),
      });
    }
    return { section: { code, name, ...(retired ? { retired: true as const } : {}) }, changed: outcome.changed };
  }

  /** 403 for another role; 422 when the Idempotency-Key already stands for another command. */
  private async refuseKeyOfAnotherCommand(context: SectionCommandContext, kind: AccountSecurityEventKind, code: string): Promise<void> {
    assertAccountAdministrator(context.admin);
    if (context.requestKey) await this.log.recordedAs(context.admin.id, context.requestKey, kind, `section:${code}`);
  }
}
