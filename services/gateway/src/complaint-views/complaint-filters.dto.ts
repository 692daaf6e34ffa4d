import { CHANNELS, COMPLAINT_STATUSES, FIELD_RULES } from '@pengaduan/sop';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CLASSIFICATION_CODES } from '../confirm-complaint/confirm-complaint.dto';
import { IsDateTime } from '../http/is-date-time';
import { TRACKING_NUMBER } from '../read-model/tracking-number';

// A mixin must take a constructor of `any[]` (TS2545); nothing is passed through it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type QueryClass = new (...args: any[]) => object;

/**
 * The filters of the complaint search (docs/adr/0045), every one optional, added to a query
 * class: the list's (with its page) and the export's (without) take the same ones.
 */
export function ComplaintFilters<B extends QueryClass>(Base: B) {
  class ComplaintFilters extends Base {
    @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
    @IsOptional()
    @IsIn(COMPLAINT_STATUSES)
    status?: string;

    @ApiPropertyOptional({ enum: CHANNELS })
    @IsOptional()
    @IsIn(CHANNELS)
    channel?: string;

    @ApiPropertyOptional({ enum: CLASSIFICATION_CODES, description: 'Permen PAN 5/2009 classification, as confirmed (or as the analysis revised it)' })
    @IsOptional()
    @IsIn(CLASSIFICATION_CODES)
    classificationCode?: string;

    @ApiPropertyOptional({ example: FIELD_RULES.sectionCode.example, pattern: FIELD_RULES.sectionCode.pattern.source, description: 'Complaints dispositioned to this section' })
    @IsOptional()
    @IsString()
    @Matches(FIELD_RULES.sectionCode.pattern, { message: `section must be ${FIELD_RULES.sectionCode.description}` })
    section?: string;

    @ApiPropertyOptional({ example: 'BLP-2026-000123', description: 'The complaint with this tracking number (0 or 1 item)' })
    @IsOptional()
    @IsString()
    @Matches(TRACKING_NUMBER, { message: 'trackingNumber must look like BLP-2026-000123' })
    trackingNumber?: string;

    @ApiPropertyOptional({ format: 'date-time', example: '2026-03-01T00:00:00+07:00', description: 'Received at or after' })
    @IsOptional()
    @IsDateTime()
    from?: string;

    @ApiPropertyOptional({ format: 'date-time', example: '2026-04-01T00:00:00+07:00', description: 'Received before; later than from' })
    @IsOptional()
    @IsDateTime()
    to?: string;

    @ApiPropertyOptional({
      maxLength: FIELD_RULES.searchWords.maxLength,
      description:
        "Words in the complainant's messages (full-text, Indonesian stemming, read as a web search: \"quoted phrase\", or, -excluded), the confirmed summary or the tracking number. Never logged",
    })
    @IsOptional()
    @IsString()
    @Length(FIELD_RULES.searchWords.minLength, FIELD_RULES.searchWords.maxLength)
    q?: string;
  }
  return ComplaintFilters;
}
