import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The furthest a list may be paged into. */
const MAX_OFFSET = 1_000_000;

/**
 * The `limit` and `offset` of a list's query string: at most `maxLimit` items a page, and
 * `defaultLimit` when the caller does not say. A list's query class extends it.
 */
export function PageQuery(maxLimit: number, defaultLimit = maxLimit) {
  class Page {
    @ApiPropertyOptional({ minimum: 1, maximum: maxLimit, default: defaultLimit })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(maxLimit)
    limit?: number;

    @ApiPropertyOptional({ minimum: 0, default: 0 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(0)
    @Max(MAX_OFFSET)
    offset?: number;
  }
  return Page;
}
