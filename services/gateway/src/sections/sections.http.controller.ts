import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
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
}

export class SectionListDto {
  @ApiProperty({ type: [SectionDto], description: 'In display order' })
  items!: SectionDto[];
}

/** The sections of the officer's office, as disposition keeps them (sections are data per office). */
@Injectable()
export class SectionsQuery {
  constructor(private readonly disposition: DispositionClient) {}

  async ofOffice(officeCode: string, correlationId: string): Promise<SectionListDto> {
    const { sections } = await this.disposition.call('listSections', { officeCode }, correlationId);
    return { items: sections.map((s) => ({ code: s.code, name: s.name })) };
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
  @ApiProblemResponses([401, 'No valid access token'], [503, 'disposition is not reachable'])
  list(@CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string): Promise<SectionListDto> {
    return this.query.ofOffice(user.officeCode, correlationId);
  }
}
