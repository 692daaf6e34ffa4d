import { ServiceError } from '@pengaduan/runtime';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { API_PREFIX } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { invalidRequest } from '../http/validation';
import { ComplaintListDto, ComplaintViewDto, DEFAULT_LIST_LIMIT, ListComplaintsQuery, toComplaintView } from './complaint-view.dto';
import { ComplaintViewQueries } from './complaint-views.queries';

const complaintId = new ParseUUIDPipe({ exceptionFactory: () => invalidRequest([{ field: 'id', description: 'id must be a UUID' }]) });

/** `GET /api/v1/complaints[/{id}]`: reads the read model, which follows the complaint stream within moments. */
@ApiTags('complaints')
@Controller(`${API_PREFIX}/complaints`)
export class ComplaintViewsHttpController {
  constructor(private readonly queries: ComplaintViewQueries) {}

  @Get(':id')
  @ApiOperation({ summary: 'One complaint' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ComplaintViewDto })
  @ApiProblemResponses([400, 'id is not a UUID'], [404, 'No such complaint (yet: a complaint just registered appears within moments)'], [503, 'The read model is not reachable'])
  async byId(@Param('id', complaintId) id: string): Promise<ComplaintViewDto> {
    const view = await this.queries.byId(id);
    if (!view) throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `there is no complaint ${id} (a complaint just registered appears within moments)`);
    return toComplaintView(view);
  }

  @Get()
  @ApiOperation({ summary: 'The complaint with a tracking number, or the newest complaints' })
  @ApiOkResponse({ type: ComplaintListDto })
  @ApiProblemResponses([400, 'A query parameter is not valid'], [503, 'The read model is not reachable'])
  async list(@Query() query: ListComplaintsQuery): Promise<ComplaintListDto> {
    const views = query.trackingNumber
      ? await this.queries.byTrackingNumber(query.trackingNumber, query.officeCode)
      : await this.queries.newest(query.limit ?? DEFAULT_LIST_LIMIT, query.officeCode);
    return { items: views.map(toComplaintView) };
  }
}
