import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCOUNT_SECURITY_EVENT_KINDS } from '../account-security-log/account-security-log';
import { PageQuery } from '../http/page-query';

/** Longest page of the administration log, and its length when the caller does not say. */
export const MAX_ADMIN_LOG_LIMIT = 200;
export const DEFAULT_ADMIN_LOG_LIMIT = 50;

/** `GET /admin-log`. */
export class AdminLogQuery extends PageQuery(MAX_ADMIN_LOG_LIMIT, DEFAULT_ADMIN_LOG_LIMIT) {}

export class AdminLogEntryDto {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ enum: ACCOUNT_SECURITY_EVENT_KINDS, example: 'SECTION_RENAMED' })
  kind!: string;

  @ApiProperty({ example: 'kepala.kantor', description: 'The administrator who did it' })
  actorUsername!: string;

  @ApiPropertyOptional({ example: 'seksi.inteldakim', description: 'The account concerned' })
  username?: string;

  @ApiPropertyOptional({ example: 'section:INTELDAKIM', description: 'What the entry is about when no account' })
  target?: string;

  @ApiPropertyOptional({
    example: { name: { before: 'Seksi Intelijen', after: 'Seksi Inteldakim' } },
    description: 'The fields changed, before and after (never a password)',
  })
  change?: Record<string, { before?: unknown; after?: unknown }>;
}

export class AdminLogPageDto {
  @ApiProperty({ type: [AdminLogEntryDto], description: 'Newest first' })
  items!: AdminLogEntryDto[];

  @ApiProperty({ description: 'How many entries the log has in all' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}
