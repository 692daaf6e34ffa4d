import { Clock } from '@pengaduan/runtime';
import { availableActions, callPurposes, mayFire } from '@pengaduan/sop';
import { Controller, Get, Headers, HttpStatus, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { minVersionOf, noneMatch, viewTag } from '../http/entity-tags';
import { sopActorOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { complaintNotFound } from '../complaint-commands/complaint-command.runner';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { ApiProblemResponses } from '../http/problem.dto';
import { currentStepOf, withMonitoredDue } from '../read-model/current-step';
import {
  ComplaintDetailDto,
  ComplaintListDto,
  DEFAULT_LIST_LIMIT,
  ListComplaintsQuery,
  TimelineDto,
  toComplaintView,
  toOutputs,
  toTimelineEntry,
} from './complaint-view.dto';
import { ComplaintSearch } from './complaint-search';
import { ComplaintViewQueries } from './complaint-views.queries';

/**
 * `GET /api/v1/complaints[/{id}[/timeline]]`: reads the read model, which follows the complaint
 * stream within moments. Only the officer's office: another office's complaint is not found.
 */
@ApiTags('complaints')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/complaints`)
export class ComplaintViewsHttpController {
  constructor(
    private readonly queries: ComplaintViewQueries,
    private readonly search: ComplaintSearch,
    private readonly clock: Clock,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'One complaint: its view, current step, what this officer may do now, and the SOP outputs so far' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({
    name: 'minVersion',
    required: false,
    description: 'Wait (up to about 3 s) until the view shows at least this version of the complaint, e.g. the version a command just answered; 409 COMPLAINT.NOT_CAUGHT_UP with Retry-After if it does not come',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a view already held: 304 when it is still the same' })
  @ApiOkResponse({ type: ComplaintDetailDto, description: 'The view; its ETag is "<version>.<digest>"' })
  @ApiResponse({ status: 304, description: 'The view is the one If-None-Match names' })
  @ApiProblemResponses(
    [400, 'id is not a UUID, or minVersion is not a whole number from 1'],
    [401, 'No valid access token'],
    [404, "No such complaint in the officer's office (yet: a complaint just registered appears within moments)"],
    [409, 'COMPLAINT.NOT_CAUGHT_UP: the view did not reach minVersion within the wait; retry after Retry-After seconds'],
    [503, 'The read model is not reachable'],
  )
  async byId(
    @Param('id', ComplaintIdPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Query('minVersion') rawMinVersion: unknown,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto | undefined> {
    const minVersion = minVersionOf(rawMinVersion);
    const found = minVersion === undefined ? await this.queries.withState(id, user.officeCode) : await this.queries.withStateAt(id, user.officeCode, minVersion);
    if (!found) throw complaintNotFound(id);
    const [outputs, deadlines] = await Promise.all([this.queries.outputs(id), this.queries.openDeadlinesOf([id])]);
    const view: ComplaintDetailDto = {
      ...toComplaintView(found.view, deadlines, this.clock.now(), found.version),
      currentStep: withMonitoredDue(currentStepOf(found.state, user.sectionCode), deadlines),
      availableActions: [...availableActions(found.state, sopActorOf(user))],
      // The notices a call may be about now, for whom libs/sop lets record a call (docs/adr/0051).
      callPurposes: mayFire(sopActorOf(user), 'recordCallAttempt') ? [...callPurposes(found.state)] : [],
      outputs: toOutputs(outputs),
    };
    if (found.version === null) return view;
    const tag = viewTag(found.version, view);
    res.setHeader('ETag', tag);
    if (noneMatch(ifNoneMatch, tag)) {
      res.status(HttpStatus.NOT_MODIFIED);
      return undefined;
    }
    return view;
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Every event of a complaint, once, in order: type, time, actor, a short line' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: TimelineDto })
  @ApiProblemResponses([400, 'id is not a UUID'], [401, 'No valid access token'], [404, "No such complaint in the officer's office"], [503, 'The read model is not reachable'])
  async timeline(@Param('id', ComplaintIdPipe) id: string, @CurrentUser() user: AuthenticatedUser): Promise<TimelineDto> {
    if (!(await this.queries.inOffice(id, user.officeCode))) throw complaintNotFound(id);
    return { events: (await this.queries.timeline(id)).map(toTimelineEntry) };
  }

  @Get()
  @ApiOperation({ summary: "The office's complaints, newest received first, filtered and searched (docs/adr/0045)" })
  @ApiOkResponse({ type: ComplaintListDto })
  @ApiProblemResponses(
    [400, 'A query parameter is not valid (REQUEST.INVALID naming it), or to is not later than from'],
    [401, 'No valid access token'],
    [503, 'The read model is not reachable, or intake (for q) is not'],
  )
  async list(@Query() query: ListComplaintsQuery, @CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string): Promise<ComplaintListDto> {
    const limit = query.limit ?? DEFAULT_LIST_LIMIT;
    const offset = query.offset ?? 0;
    const criteria = await this.search.criteriaOf(query, user, correlationId);
    const { items, total, versions } = await this.queries.list(user.officeCode, criteria, { limit, offset });
    const deadlines = await this.queries.openDeadlinesOf(items.map((v) => v.id));
    const now = this.clock.now();
    return { items: items.map((v) => toComplaintView(v, deadlines, now, versions.get(v.id) ?? null)), total, limit, offset };
  }
}
