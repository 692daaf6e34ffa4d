import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { GetOfficeProfileResponse, OfficeProfile } from '@pengaduan/contracts';
import { Clock, ServiceError } from '@pengaduan/runtime';
import { changedOfficeProfileFields, officeProfileFieldsOf, type OfficeProfileFields } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog } from '../account-security-log/account-security-log';
import { grpcActorOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { requestIdOf } from '../complaint-commands/request-id';
import { invalidRequest } from '../http/validation';
import { IntakeClient } from '../upstream/clients';
import { administersAccounts } from '../users/office-administration';
import type { OfficeProfileBody, OfficeProfileDto } from './office-profile.dto';

/** What the administration log names the office's profile by (one per office: the office is the entry's). */
export const OFFICE_PROFILE_TARGET = 'office-profile';

/** Who asks, from where, with which Idempotency-Key and If-Match version. */
export interface OfficeProfileChangeContext {
  user: AuthenticatedUser;
  requestKey: string;
  /** The version named in If-Match; required, asked after the role. */
  expectedVersion: number | undefined;
  correlationId: string;
  clientAddress: string;
}

/**
 * The office's profile (docs/adr/0048): intake owns it; every officer of the office reads it, the
 * head of office (ADR 0042's administrator) changes it, and the gateway records each change in
 * the office's administration log with each field before and after. A retry with the same
 * Idempotency-Key is answered as the first time by intake and recorded once (or, if the first
 * attempt failed after intake, recorded now).
 */
@Injectable()
export class OfficeProfileHandler {
  constructor(
    private readonly intake: IntakeClient,
    private readonly log: AccountSecurityLog,
    private readonly clock: Clock,
  ) {}

  async read(user: AuthenticatedUser, correlationId: string): Promise<OfficeProfileDto> {
    return dtoOf(await this.intake.call('getOfficeProfile', { officeCode: user.officeCode }, correlationId));
  }

  async change(context: OfficeProfileChangeContext, body: OfficeProfileBody): Promise<OfficeProfileDto> {
    const { user } = context;
    if (!administersAccounts(user)) throw new ServiceError('forbidden', 'OFFICE_PROFILE.FORBIDDEN_ROLE', "only the head of office changes the office's profile");
    if (context.expectedVersion === undefined) {
      throw invalidRequest([{ field: 'If-Match', description: 'is required: the ETag of GET /api/v1/office-profile (e.g. "0"), so that a change made meanwhile is not overwritten' }]);
    }
    const recorded = await this.log.recordedAs(user.id, context.requestKey, 'OFFICE_PROFILE_CHANGED', OFFICE_PROFILE_TARGET);
    const answer = await this.intake.call(
      'updateOfficeProfile',
      {
        actor: grpcActorOf(user),
        requestId: requestIdOf(user, context.requestKey),
        expectedVersion: context.expectedVersion,
        fields: { ...body, phone: body.phone ?? '', email: body.email ?? '', website: body.website ?? '' },
      },
      context.correlationId,
    );
    if (answer.changed && !recorded) {
      await this.log.record({
        kind: 'OFFICE_PROFILE_CHANGED',
        subject: { target: OFFICE_PROFILE_TARGET },
        at: this.clock.now(),
        clientAddress: context.clientAddress,
        actorAccountId: user.id,
        officeCode: user.officeCode,
        change: changeOf(answer.previous, answer.profile),
        requestKey: context.requestKey,
      });
    }
    return dtoOf(answer);
  }
}

/** The editable part of a profile on the wire; an empty phone, e-mail or website is none. */
function fieldsOf(p: OfficeProfile | undefined): OfficeProfileFields {
  if (!p) throw new ServiceError('unavailable', 'SERVICE.UNAVAILABLE', 'intake answered no office profile');
  return officeProfileFieldsOf(p);
}

/** The admin log's `change`: each field that changed, before and after (null: none). */
function changeOf(before: OfficeProfile | undefined, after: OfficeProfile | undefined): Record<string, { before: unknown; after: unknown }> {
  const [b, a] = [fieldsOf(before), fieldsOf(after)];
  return Object.fromEntries(changedOfficeProfileFields(b, a).map((field) => [field, { before: b[field] ?? null, after: a[field] ?? null }]));
}

function dtoOf(answer: Pick<GetOfficeProfileResponse, 'profile' | 'version' | 'source' | 'changedAt'>): OfficeProfileDto {
  return {
    officeCode: answer.profile?.code ?? '',
    version: answer.version,
    source: answer.source,
    ...(answer.changedAt ? { changedAt: timestampDate(answer.changedAt).toISOString() } : {}),
    ...fieldsOf(answer.profile),
  };
}
