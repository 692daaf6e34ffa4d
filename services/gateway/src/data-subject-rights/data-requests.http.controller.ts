import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { DataRequest, DataRequestTimelineEntrySchema } from '@pengaduan/contracts';
import { Clock, ServiceError } from '@pengaduan/runtime';
import { dataRequestStanding } from '@pengaduan/sop';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { grpcActorOf, type AuthenticatedUser, type OfficerRole } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { requestIdOf } from '../complaint-commands/request-id';
import { ComplaintViewQueries } from '../complaint-views/complaint-views.queries';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../http/idempotency-key';
import { ApiProblemResponses } from '../http/problem.dto';
import { IntakeClient } from '../upstream/clients';
import { DataRequestDto, DataRequestListDto, HandOverDataRequestBody, RegisterDataRequestBody } from './data-subject-rights.dto';

/** Who reads the office's personal-data requests: Admin Tikkim, who serves them, and the head of office, who answers for them. */
export const DATA_REQUEST_READERS: readonly OfficerRole[] = ['ADMIN_TIKKIM', 'KEPALA_KANTOR'];
/** Who registers them, downloads their exports and hands them over (docs/adr/0056). */
export const DATA_REQUEST_WORKERS: readonly OfficerRole[] = ['ADMIN_TIKKIM'];

const NOT_ADMIN: [number, string] = [403, 'Only Admin Tikkim serves personal-data requests (COMPLAINT.FORBIDDEN_ROLE)'];
const COMMON: [number, string][] = [
  [401, 'No valid access token'],
  [404, "No request of the officer's office has this id (DATA_REQUEST.NOT_FOUND)"],
  [503, 'intake is not reachable'],
];

function forbidden(): ServiceError {
  return new ServiceError('forbidden', 'COMPLAINT.FORBIDDEN_ROLE', 'only admin tikkim serves personal-data requests');
}

/**
 * `/api/v1/data-requests`: a complainant's access to their personal data under UU 27/2022
 * (docs/adr/0056). intake keeps the data and the requests, scoped to the officer's office.
 */
@ApiTags('data-subject-rights')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/data-requests`)
export class DataRequestsHttpController {
  constructor(
    private readonly intake: IntakeClient,
    private readonly clock: Clock,
    private readonly views: ComplaintViewQueries,
  ) {}

  @Post()
  @ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'One per request; a retry with the same key and body answers the first request' })
  @ApiOperation({ summary: 'Register an access request of the person behind a complaint, verified by their channel or in person; due 3 × 24 hours later. ADMIN_TIKKIM' })
  @ApiCreatedResponse({ type: DataRequestDto })
  @ApiProblemResponses(
    [400, 'The body is not valid (each bad field named)'],
    [401, 'No valid access token'],
    [403, 'Only Admin Tikkim (COMPLAINT.FORBIDDEN_ROLE), or the verification failed (DATA_REQUEST.NOT_VERIFIED)'],
    [404, "No complaint of the officer's office has this tracking number (COMPLAINT.NOT_FOUND)"],
    [422, 'The Idempotency-Key was used for another request (IDEMPOTENCY.KEY_REUSED)'],
    [503, 'intake is not reachable'],
  )
  async register(@Body() body: RegisterDataRequestBody, @CurrentUser() user: AuthenticatedUser, @IdempotencyKey() key: string, @CorrelationId() correlationId: string): Promise<DataRequestDto> {
    if (!DATA_REQUEST_WORKERS.includes(user.role)) throw forbidden();
    const answer = await this.intake.call(
      'registerDataRequest',
      {
        actor: grpcActorOf(user),
        requestId: requestIdOf(user, key),
        trackingNumber: body.trackingNumber,
        verification: body.verification,
        ...(body.verifier !== undefined ? { verifier: body.verifier } : {}),
        ...(body.identityDocumentKind !== undefined ? { identityDocumentKind: body.identityDocumentKind } : {}),
      },
      correlationId,
    );
    return this.toDto(answer.request);
  }

  @Get()
  @ApiOperation({ summary: "The office's access requests: open ones first by due time (with whether they are overdue), then answered ones. ADMIN_TIKKIM, KEPALA_KANTOR" })
  @ApiOkResponse({ type: DataRequestListDto })
  @ApiProblemResponses([401, 'No valid access token'], [403, 'Only Admin Tikkim and the head of office (COMPLAINT.FORBIDDEN_ROLE)'], [503, 'intake is not reachable'])
  async list(@CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string): Promise<DataRequestListDto> {
    if (!DATA_REQUEST_READERS.includes(user.role)) throw forbidden();
    const answer = await this.intake.call('listDataRequests', { actor: grpcActorOf(user) }, correlationId);
    const items = answer.requests.map((r) => this.toDto(r));
    return { items, total: items.filter((r) => r.handedOverAt === null).length };
  }

  @Get(':id/export.pdf')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The export to read: everything the platform holds about the person, assembled now; the download is recorded. ADMIN_TIKKIM' })
  @ApiOkResponse({ description: 'The PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblemResponses([400, 'id is not a UUID'], NOT_ADMIN, ...COMMON)
  pdf(@Param('id', ComplaintIdPipe) id: string, @CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.export(id, 'PDF', user, correlationId, res);
  }

  @Get(':id/export.json')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/json')
  @ApiOperation({ summary: 'The machine-readable export (format pengaduan.person-data.v1); the download is recorded. ADMIN_TIKKIM' })
  @ApiOkResponse({ description: 'The JSON file', schema: { type: 'string', format: 'binary' } })
  @ApiProblemResponses([400, 'id is not a UUID'], NOT_ADMIN, ...COMMON)
  json(@Param('id', ComplaintIdPipe) id: string, @CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.export(id, 'JSON', user, correlationId, res);
  }

  @Get(':id/export.zip')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/zip')
  @ApiOperation({ summary: 'The whole export in one file: the PDF, the JSON and every attachment’s file; the download is recorded. ADMIN_TIKKIM' })
  @ApiOkResponse({ description: 'The ZIP', schema: { type: 'string', format: 'binary' } })
  @ApiProblemResponses([400, 'id is not a UUID'], NOT_ADMIN, ...COMMON)
  zip(@Param('id', ComplaintIdPipe) id: string, @CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.export(id, 'ZIP', user, correlationId, res);
  }

  @Post(':id/handed-over')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: 'Record that the export reached the person: by whom, how, when. A retry with the same Idempotency-Key answers the first record. ADMIN_TIKKIM' })
  @ApiOkResponse({ type: DataRequestDto })
  @ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'One per hand-over; a retry with the same key and body answers the first record' })
  @ApiProblemResponses(
    [400, 'id, body or Idempotency-Key not valid, or `how` gives the person away (COMPLAINT.PERSONAL_DATA)'],
    NOT_ADMIN,
    ...COMMON,
    [409, 'It was handed over already (DATA_REQUEST.ANSWERED)'],
    [422, 'The Idempotency-Key was used for another request (IDEMPOTENCY.KEY_REUSED)'],
  )
  async handOver(
    @Param('id', ComplaintIdPipe) id: string,
    @Body() body: HandOverDataRequestBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @CorrelationId() correlationId: string,
  ): Promise<DataRequestDto> {
    if (!DATA_REQUEST_WORKERS.includes(user.role)) throw forbidden();
    const answer = await this.intake.call('handOverDataRequest', { actor: grpcActorOf(user), requestId: requestIdOf(user, key), id, how: body.how }, correlationId);
    return this.toDto(answer.request);
  }

  private async export(id: string, format: 'PDF' | 'JSON' | 'ZIP', user: AuthenticatedUser, correlationId: string, res: Response): Promise<StreamableFile> {
    if (!DATA_REQUEST_WORKERS.includes(user.role)) throw forbidden();
    // The timelines are the read model's: intake names the person's complaints, the gateway adds how each went (docs/adr/0056).
    const { complaintIds } = await this.intake.call('listDataRequestComplaints', { actor: grpcActorOf(user), id }, correlationId);
    const timeline = await this.timelinesOf(complaintIds, user.officeCode);
    const file = await this.intake.call('exportDataRequest', { actor: grpcActorOf(user), id, format, timeline }, correlationId);
    res.set({
      'Content-Type': file.mediaType,
      'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '-')}"`,
      'Cache-Control': 'private, no-store',
    });
    return new StreamableFile(Buffer.from(file.content));
  }

  /** Each complaint's timeline, of the officer's office only: when, what, the status after it, the role (never the officer). */
  private async timelinesOf(complaintIds: readonly string[], officeCode: string): Promise<MessageInitShape<typeof DataRequestTimelineEntrySchema>[]> {
    const entries: MessageInitShape<typeof DataRequestTimelineEntrySchema>[] = [];
    for (const complaintId of complaintIds) {
      if (!(await this.views.inOffice(complaintId, officeCode))) continue;
      for (const e of await this.views.timeline(complaintId)) {
        entries.push({
          complaintId,
          at: timestampFromDate(e.occurredAt),
          type: e.type,
          status: e.statusAfter,
          ...(e.actorKind === 'user' && e.actorRole ? { actorRole: e.actorRole } : {}),
          ...(e.actorKind === 'system' && e.actorService ? { actorService: e.actorService } : {}),
          summary: e.summary,
        });
      }
    }
    return entries;
  }

  private toDto(r: DataRequest | undefined): DataRequestDto {
    if (!r?.registeredAt || !r.dueAt) throw new ServiceError('unavailable', 'UPSTREAM.UNAVAILABLE', 'intake answered without the request');
    const dueAt = timestampDate(r.dueAt);
    const handedOverAt = r.handedOverAt ? timestampDate(r.handedOverAt) : null;
    const registeredAt = timestampDate(r.registeredAt);
    return {
      id: r.id,
      trackingNumber: r.trackingNumber,
      verification: r.verification,
      identityDocumentKind: r.identityDocumentKind ?? null,
      registeredBy: r.registeredBy,
      registeredAt: registeredAt.toISOString(),
      dueAt: dueAt.toISOString(),
      handedOverAt: handedOverAt?.toISOString() ?? null,
      handedOverBy: r.handedOverBy ?? null,
      handedOverHow: r.handedOverHow ?? null,
      standing: dataRequestStanding({ registeredAt, dueAt, handedOverAt }, this.clock.now()),
    };
  }
}
