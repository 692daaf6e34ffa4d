import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { ContactRead } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { In } from 'typeorm';
import { grpcActorOf, type AuthenticatedUser, type OfficerRole } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { complaintNotFound } from '../complaint-commands/complaint-command.runner';
import { ComplaintViewQueries } from '../complaint-views/complaint-views.queries';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { ApiProblemResponses } from '../http/problem.dto';
import { invalidRequest } from '../http/validation';
import { UserAccountRecord } from '../persistence/entities';
import { IntakeClient } from '../upstream/clients';
import { type ContactReadDto, ProcessingRecordPageDto, ProcessingRecordQueryDto } from './processing-record.dto';

/** Who reads the office's processing record (docs/adr/0029); intake decides it too. */
export const PROCESSING_RECORD_ROLES: readonly OfficerRole[] = ['KEPALA_KANTOR', 'AUDITOR'];

/**
 * `GET /api/v1/processing-record`: who read which complainant's contact of the office, when,
 * why and which fields — from intake, which keeps the record beside the contacts. Never the
 * contact itself.
 */
@ApiTags('processing-record')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/processing-record`)
export class ProcessingRecordHttpController {
  constructor(
    private readonly intake: IntakeClient,
    private readonly views: ComplaintViewQueries,
    private readonly runtime: ServiceRuntime,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The office's processing record of complainants' contacts (who read which complaint's contact, when, why, which fields; refused attempts too), oldest first. KEPALA_KANTOR and AUDITOR",
  })
  @ApiOkResponse({ type: ProcessingRecordPageDto })
  @ApiProblemResponses(
    [400, 'A query parameter is not valid, or from is not earlier than to'],
    [401, 'No valid access token'],
    [403, 'Only the head of office and the auditor read the processing record (PROCESSING_RECORD.FORBIDDEN_ROLE)'],
    [404, "complaintId names no complaint of the officer's office"],
    [503, 'intake is not reachable'],
  )
  async list(@Query() query: ProcessingRecordQueryDto, @CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string): Promise<ProcessingRecordPageDto> {
    if (!PROCESSING_RECORD_ROLES.includes(user.role)) {
      throw new ServiceError('forbidden', 'PROCESSING_RECORD.FORBIDDEN_ROLE', 'only the head of office and the auditor read the processing record');
    }
    if (query.from && query.to && new Date(query.from) >= new Date(query.to)) throw invalidRequest([{ field: 'from', description: 'from must be earlier than to' }]);
    if (query.complaintId && !(await this.views.inOffice(query.complaintId, user.officeCode))) throw complaintNotFound(query.complaintId);
    const page = await this.intake.call(
      'listContactReads',
      {
        actor: grpcActorOf(user),
        ...(query.from ? { from: timestampFromDate(new Date(query.from)) } : {}),
        ...(query.to ? { to: timestampFromDate(new Date(query.to)) } : {}),
        ...(query.complaintId ? { complaintId: query.complaintId } : {}),
        pageSize: query.limit ?? 50,
        ...(query.pageToken ? { pageToken: query.pageToken } : {}),
      },
      correlationId,
    );
    const userIds = [...new Set(page.reads.flatMap((r) => (r.userId ? [r.userId] : [])))];
    const accounts = userIds.length
      ? await this.runtime.dataSource.getRepository(UserAccountRecord).find({ where: { id: In(userIds) }, select: { id: true, username: true, displayName: true } })
      : [];
    const byId = new Map(accounts.map((a) => [a.id, a]));
    return { items: page.reads.map((r) => toDto(r, byId)), nextPageToken: page.nextPageToken ?? null };
  }
}

function toDto(r: ContactRead, accounts: ReadonlyMap<string, Pick<UserAccountRecord, 'username' | 'displayName'>>): ContactReadDto {
  const account = r.userId ? accounts.get(r.userId) : undefined;
  return {
    id: r.id,
    at: r.at ? timestampDate(r.at).toISOString() : '',
    complaintId: r.complaintId,
    actor:
      r.actorKind === 'user'
        ? {
            kind: 'user',
            ...(r.userId ? { userId: r.userId } : {}),
            ...(account ? { username: account.username, displayName: account.displayName } : {}),
            ...(r.role ? { role: r.role } : {}),
            ...(r.actorOfficeCode ? { officeCode: r.actorOfficeCode } : {}),
          }
        : { kind: 'system', ...(r.service ? { service: r.service } : {}) },
    purpose: r.purpose,
    reason: r.reason ?? null,
    fields: [...r.fields],
    outcome: r.outcome === 'REFUSED' ? 'REFUSED' : 'READ',
    refusalCode: r.refusalCode ?? null,
    channel: r.channel ?? null,
  };
}
