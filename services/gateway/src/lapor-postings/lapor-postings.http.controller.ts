import { timestampDate } from '@bufbuild/protobuf/wkt';
import { ServiceError } from '@pengaduan/runtime';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { CALL_TASK_ROLES } from '../call-tasks/call-tasks.http.controller';
import { ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { complaintNotFound } from '../complaint-commands/complaint-command.runner';
import { ComplaintViewQueries } from '../complaint-views/complaint-views.queries';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { ApiProblemResponses } from '../http/problem.dto';
import { NotificationClient } from '../upstream/clients';
import { LaporPostingListDto, LaporPostingTextDto, ListLaporPostingsQuery, MAX_LAPOR_POSTINGS_LIMIT } from './lapor-postings.dto';
import { LaporPostingsQuery } from './lapor-postings.query';

/** The same officers as the call tasks: whom libs/sop lets record step 8's delivery. */
function mayWorkPostings(user: AuthenticatedUser): void {
  if (!CALL_TASK_ROLES.includes(user.role)) throw new ServiceError('forbidden', 'CALL_TASK.FORBIDDEN_ROLE', 'only admin tikkim works the call and posting tasks');
}

/** `GET /api/v1/lapor-postings` and `…/{id}/text`: the answers to post on SP4N-LAPOR!, for Admin Tikkim (docs/adr/0055). */
@ApiTags('call-tasks')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/lapor-postings`)
export class LaporPostingsHttpController {
  constructor(
    private readonly query: LaporPostingsQuery,
    private readonly views: ComplaintViewQueries,
    private readonly notification: NotificationClient,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "The office's LAPOR! complaints whose follow-up information awaits its posting on SP4N-LAPOR!, oldest first; recorded by POST …/delivery-confirmation with method LAPOR_POSTED. ADMIN_TIKKIM",
  })
  @ApiOkResponse({ type: LaporPostingListDto })
  @ApiProblemResponses([400, 'A query parameter is not valid'], [401, 'No valid access token'], [403, 'Only Admin Tikkim works the call and posting tasks (CALL_TASK.FORBIDDEN_ROLE)'], [503, 'The read model is not reachable'])
  async list(@Query() query: ListLaporPostingsQuery, @CurrentUser() user: AuthenticatedUser): Promise<LaporPostingListDto> {
    mayWorkPostings(user);
    const limit = query.limit ?? MAX_LAPOR_POSTINGS_LIMIT;
    const offset = query.offset ?? 0;
    const { items, total } = await this.query.of(user.officeCode, { limit, offset });
    return { items, total, limit, offset };
  }

  @Get(':id/text')
  @ApiOperation({
    summary:
      'The follow-up information of a complaint of the office exactly as written (step 7), with its LAPOR! report number: the answer Admin Tikkim copies and posts on SP4N-LAPOR!. ADMIN_TIKKIM',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The complaint' })
  @ApiOkResponse({ type: LaporPostingTextDto })
  @ApiProblemResponses(
    [400, 'The id is not a UUID'],
    [401, 'No valid access token'],
    [403, 'Only Admin Tikkim works the call and posting tasks (CALL_TASK.FORBIDDEN_ROLE)'],
    [404, 'No such complaint in the office (COMPLAINT.NOT_FOUND), or no follow-up information written yet (DOCUMENT.NOT_FOUND)'],
    [503, 'notification is not reachable'],
  )
  async text(@Param('id', ComplaintIdPipe) id: string, @CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string): Promise<LaporPostingTextDto> {
    mayWorkPostings(user);
    const view = await this.views.inOffice(id, user.officeCode);
    if (!view) throw complaintNotFound(id);
    const written = await this.notification.call('getFollowUpInformation', { complaintId: id, officeCode: user.officeCode }, correlationId);
    return {
      complaintId: id,
      trackingNumber: view.trackingNumber,
      laporReportNumber: view.laporReportNumber,
      text: written.text,
      writtenAt: written.writtenAt ? timestampDate(written.writtenAt).toISOString() : '',
    };
  }
}
