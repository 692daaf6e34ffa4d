import { Clock, ServiceError } from '@pengaduan/runtime';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ComplaintSearch } from '../complaint-views/complaint-search';
import { ComplaintViewQueries } from '../complaint-views/complaint-views.queries';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { ApiProblemResponses } from '../http/problem.dto';
import { ExportComplaintsQuery, type ExportFormat } from './complaint-export.dto';
import { complaintsCsv, complaintsXlsx } from './complaint-export.table';

/** Most complaints one export holds; more is refused with SEARCH.EXPORT_TOO_LARGE (docs/adr/0045). */
const MAX_EXPORT_ROWS = 5_000;

const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * `GET /api/v1/complaints/export`: the complaint list with the same filters as a file to
 * download. Registered before the complaint views, whose `/complaints/{id}` would take "export"
 * for an id.
 */
@ApiTags('complaints')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/complaints`)
export class ComplaintExportHttpController {
  constructor(
    private readonly search: ComplaintSearch,
    private readonly queries: ComplaintViewQueries,
    private readonly clock: Clock,
  ) {}

  @Get('export')
  @ApiOperation({ summary: `The office's complaints the filters of GET /complaints select, newest received first, as a CSV or XLSX file (at most ${MAX_EXPORT_ROWS})` })
  @ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  @ApiResponse({ status: 200, description: 'The file, as an attachment (Content-Disposition) named pengaduan-<office>-<date>.<format>' })
  @ApiProblemResponses(
    [400, `A query parameter is not valid (REQUEST.INVALID naming it), or more than ${MAX_EXPORT_ROWS} complaints match (SEARCH.EXPORT_TOO_LARGE: narrow the filters)`],
    [401, 'No valid access token'],
    [503, 'The read model is not reachable, or intake (for q) is not'],
  )
  async export(@Query() query: ExportComplaintsQuery, @CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string): Promise<StreamableFile> {
    const criteria = await this.search.criteriaOf(query, user, correlationId);
    const { items, total } = await this.queries.forExport(user.officeCode, criteria, MAX_EXPORT_ROWS);
    if (total > MAX_EXPORT_ROWS) {
      throw new ServiceError('invalid', 'SEARCH.EXPORT_TOO_LARGE', `${total} complaints match; one export holds at most ${MAX_EXPORT_ROWS}: narrow the filters`, { rows: total, maxRows: MAX_EXPORT_ROWS });
    }
    const now = this.clock.now();
    const body = query.format === 'xlsx' ? await complaintsXlsx(items, now) : complaintsCsv(items);
    const name = `pengaduan-${user.officeCode}-${now.toISOString().slice(0, 10)}.${query.format}`;
    return new StreamableFile(body, { type: CONTENT_TYPES[query.format], disposition: `attachment; filename="${name}"`, length: body.length });
  }
}
