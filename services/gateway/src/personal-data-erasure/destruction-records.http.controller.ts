import { timestampDate } from '@bufbuild/protobuf/wkt';
import { ServiceError } from '@pengaduan/runtime';
import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { grpcActorOf, type AuthenticatedUser, type OfficerRole } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { ApiProblemResponses } from '../http/problem.dto';
import { IntakeClient } from '../upstream/clients';

/** Who reads the office's destruction records (docs/adr/0057): as intake's DESTRUCTION_RECORD_READERS. */
export const DESTRUCTION_RECORD_READERS: readonly OfficerRole[] = ['KEPALA_KANTOR', 'ADMIN_TIKKIM', 'AUDITOR'];

export class DestructionRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'BAP/BLP/2028/000001' }) number!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'Complaints whose complainant’s personal data it lists as destroyed' }) complaintCount!: number;
  @ApiProperty({ description: 'SHA-256 (hex) of the PDF' }) sha256!: string;
  @ApiProperty({ example: '/api/v1/destruction-records/0190…/berita-acara.pdf' }) url!: string;
}

export class DestructionRecordListDto {
  @ApiProperty({ type: [DestructionRecordDto] }) items!: DestructionRecordDto[];
}

function forbidden(): ServiceError {
  return new ServiceError('forbidden', 'COMPLAINT.FORBIDDEN_ROLE', 'only the head of office, admin tikkim and the auditor read destruction records');
}

/** `/api/v1/destruction-records`: the berita acara pemusnahan the retention job wrote for the officer's office (docs/adr/0057). */
@ApiTags('Personal data')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/destruction-records`)
export class DestructionRecordsHttpController {
  constructor(private readonly intake: IntakeClient) {}

  @Get()
  @ApiOperation({ summary: "The office's destruction records (berita acara pemusnahan), newest first. KEPALA_KANTOR, ADMIN_TIKKIM, AUDITOR" })
  @ApiOkResponse({ type: DestructionRecordListDto })
  @ApiProblemResponses([401, 'No valid access token'], [403, 'Another role (COMPLAINT.FORBIDDEN_ROLE)'], [503, 'intake is not reachable'])
  async list(@CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string): Promise<DestructionRecordListDto> {
    if (!DESTRUCTION_RECORD_READERS.includes(user.role)) throw forbidden();
    const answer = await this.intake.call('listDestructionRecords', { actor: grpcActorOf(user) }, correlationId);
    return {
      items: answer.records.map((r) => ({
        id: r.id,
        number: r.number,
        createdAt: r.createdAt ? timestampDate(r.createdAt).toISOString() : '',
        complaintCount: r.complaintCount,
        sha256: r.sha256,
        url: `/${API_PREFIX}/destruction-records/${r.id}/berita-acara.pdf`,
      })),
    };
  }

  @Get(':id/berita-acara.pdf')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'One destruction record as a PDF: tracking numbers, what was destroyed, dates; never personal data. KEPALA_KANTOR, ADMIN_TIKKIM, AUDITOR' })
  @ApiOkResponse({ description: 'The PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblemResponses([400, 'id is not a UUID'], [401, 'No valid access token'], [403, 'Another role (COMPLAINT.FORBIDDEN_ROLE)'], [404, "No record of the officer's office has this id (DESTRUCTION_RECORD.NOT_FOUND)"], [503, 'intake is not reachable'])
  async pdf(@Param('id', ComplaintIdPipe) id: string, @CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    if (!DESTRUCTION_RECORD_READERS.includes(user.role)) throw forbidden();
    const file = await this.intake.call('getDestructionRecord', { actor: grpcActorOf(user), id }, correlationId);
    res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '-')}"`, 'Cache-Control': 'private, no-store' });
    return new StreamableFile(Buffer.from(file.content));
  }
}
