import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ComplaintFilters } from '../complaint-views/complaint-filters.dto';

/** The formats of an export of the complaint list. */
const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `GET /complaints/export`: the list's filters (no page) and the format (docs/adr/0045). */
export class ExportComplaintsQuery extends ComplaintFilters(class {}) {
  @ApiProperty({ enum: EXPORT_FORMATS, description: 'csv (UTF-8 with a byte order mark, comma-separated) or xlsx (one worksheet)' })
  @IsIn(EXPORT_FORMATS)
  format!: ExportFormat;
}
