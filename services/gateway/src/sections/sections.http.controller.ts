import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { ApiProblemResponses } from '../http/problem.dto';
import { DispositionClient } from '../upstream/clients';

export class SectionDto {
  @ApiProperty({ example: 'INTELDAKIM', description: 'Code, unique in the office; what a disposition line names' })
  code!: string;

  @ApiProperty({ example: 'Seksi Intelijen dan Penindakan Keimigrasian' })
  name!: string;

  @ApiPropertyOptional({ description: 'Present (true) for a retired section, listed only with includeRetired: named on old sheets, offered for no new disposition' })
  retired?: true;
}

/** `GET /sections?includeRetired=`. */
export class ListSectionsQuery {
  @ApiPropertyOptional({ default: false, description: "Also the retired sections, marked (to name them on old complaints' sheets, and for the head of office's administration)" })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeRetired?: boolean;
}

export class SectionListDto {
  @ApiProperty({ type: [SectionDto], description: 'In display order' })
  items!: SectionDto[];
}

/** The sections of the officer's office, as disposition keeps them (sections are data per office). */
@Injectable()
export class SectionsQuery {
  constructor(private readonly disposition: DispositionClient) {}

  async ofOffice(officeCode: string, correlationId: string, includeRetired = false): Promise<SectionListDto> {
    const { sections } = await this.disposition.call('listSections', { officeCode, includeRetired }, correlationId);
    return { items: sections.map((s) => ({ code: s.code, name: s.name, ...(s.retired ? { retired: true as const } : {}) })) };
  }
}

@ApiTags('sections')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/sections`)
export class SectionsHttpController {
  constructor(private readonly query: SectionsQuery) {}

  @Get()
  @ApiOperation({ summary: "The sections of the officer's office, to disposition a complaint to" })
  @ApiOkResponse({ type: SectionListDto })
  @ApiProblemResponses([400, 'includeRetired is not true or false'], [401, 'No valid access token'], [503, 'disposition is not reachable'])
  list(@Query() query: ListSectionsQuery, @CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string): Promise<SectionListDto> {
    return this.query.ofOffice(user.officeCode, correlationId, query.includeRetired === true);
  }
}
