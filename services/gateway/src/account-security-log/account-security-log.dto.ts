import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { USERNAME } from '../users/user-accounts';
import { ACCOUNT_SECURITY_EVENT_KINDS } from './account-security-log';

/** `GET /auth/security-log?username=&limit=`. */
export class SecurityLogQuery {
  @ApiPropertyOptional({ example: 'seksi.inteldakim', description: "KEPALA_KANTOR only: one account of the office (without it: every account's)" })
  @IsOptional()
  @Matches(USERNAME)
  username?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class SecurityLogEntryDto {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ enum: ACCOUNT_SECURITY_EVENT_KINDS })
  kind!: string;

  @ApiProperty({ example: 'seksi.inteldakim', description: 'The account concerned' })
  username!: string;

  @ApiPropertyOptional({ example: '203.0.113.7', description: 'The client address (an IPv6 address as its /64)' })
  clientAddress?: string;

  @ApiPropertyOptional({ example: 'kepala.kantor', description: 'Who did it, when not the account itself (a reset, a deactivation)' })
  actorUsername?: string;
}

export class SecurityLogDto {
  @ApiProperty({ type: [SecurityLogEntryDto], description: 'Newest first' })
  items!: SecurityLogEntryDto[];
}
