import { createHash } from 'node:crypto';
import { DOCUMENT_KINDS, DOCUMENT_TITLES, isDocumentKind, type DocumentKind } from '@pengaduan/documents';
import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { Controller, Get, Injectable, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { grpcActorOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { complaintNotFound } from '../complaint-commands/complaint-command.runner';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { ApiProblemResponses } from '../http/problem.dto';
import { ComplaintViewQueries } from '../complaint-views/complaint-views.queries';
import { ComplaintDocumentsClients } from './complaint-documents.clients';
import { ComplaintDocumentListDto } from './complaint-documents.dto';

interface DocumentRefRow {
  kind: DocumentKind;
  number: string;
  sha256: string;
  recorded_at: Date;
}

/** The read model's list of a complaint's documents (the projection records each from its event). */
@Injectable()
export class ComplaintDocumentRefs {
  constructor(private readonly runtime: ServiceRuntime) {}

  async of(complaintId: string): Promise<DocumentRefRow[]> {
    const rows = (await this.runtime.dataSource.query('SELECT kind, number, sha256, recorded_at FROM complaint_document_ref WHERE complaint_id = $1', [complaintId])) as DocumentRefRow[];
    return rows.filter((r) => isDocumentKind(r.kind)).sort((a, b) => DOCUMENT_KINDS.indexOf(a.kind) - DOCUMENT_KINDS.indexOf(b.kind));
  }
}

/**
 * `GET /api/v1/complaints/{id}/documents[/{kind}]`: the SOP's documents of a complaint as PDFs.
 * The list comes from the read model; the bytes from the service that produced them, checked
 * against the hash the recording event carries before they are served.
 */
@ApiTags('complaints')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/complaints`)
export class ComplaintDocumentsHttpController {
  constructor(
    private readonly views: ComplaintViewQueries,
    private readonly refs: ComplaintDocumentRefs,
    private readonly clients: ComplaintDocumentsClients,
  ) {}

  @Get(':id/documents')
  @ApiOperation({ summary: "The complaint's SOP documents so far (Laporan Aduan … Informasi Tindak Lanjut), with their numbers and SHA-256" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ComplaintDocumentListDto })
  @ApiProblemResponses([400, 'id is not a UUID'], [401, 'No valid access token'], [404, "No such complaint in the officer's office"], [503, 'The read model is not reachable'])
  async list(@Param('id', ComplaintIdPipe) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ComplaintDocumentListDto> {
    if (!(await this.views.inOffice(id, user.officeCode))) throw complaintNotFound(id);
    const rows = await this.refs.of(id);
    return {
      documents: rows.map((r) => ({
        kind: r.kind,
        title: DOCUMENT_TITLES[r.kind].id,
        number: r.number,
        sha256: r.sha256,
        at: r.recorded_at.toISOString(),
        url: `/${API_PREFIX}/complaints/${id}/documents/${r.kind}`,
      })),
    };
  }

  @Get(':id/documents/:kind')
  @ApiOperation({ summary: 'One document as a PDF; the X-Document-SHA256 header repeats the hash its recording event carries' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'kind', enum: DOCUMENT_KINDS })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblemResponses(
    [400, 'id is not a UUID or kind is not a document kind'],
    [401, 'No valid access token'],
    [404, "No such complaint in the officer's office, or it has no such document (yet)"],
    [503, 'The producing service is not reachable'],
  )
  async get(
    @Param('id', ComplaintIdPipe) id: string,
    @Param('kind') kind: string,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    if (!isDocumentKind(kind)) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', `kind must be one of ${DOCUMENT_KINDS.join(', ')}`, {
        fieldViolations: [{ field: 'kind', description: `must be one of ${DOCUMENT_KINDS.join(', ')}` }],
      });
    }
    if (!(await this.views.inOffice(id, user.officeCode))) throw complaintNotFound(id);
    const ref = (await this.refs.of(id)).find((r) => r.kind === kind);
    if (!ref) throw new ServiceError('not-found', 'DOCUMENT.NOT_FOUND', `complaint ${id} has no ${kind} document (yet)`);
    const doc = await this.clients.of(kind).call('getDocument', { complaintId: id, kind, actor: grpcActorOf(user) }, correlationId);
    const actual = createHash('sha256').update(doc.content).digest('hex');
    // The bytes must be those the event vouches for; anything else is an integrity failure, never served.
    if (actual !== ref.sha256 || doc.sha256 !== ref.sha256) {
      throw new Error(`document ${kind} of complaint ${id}: stored bytes hash to ${actual}, the recording event carries ${ref.sha256}`);
    }
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${doc.fileName.replace(/[^A-Za-z0-9._-]/g, '-')}"`,
      'X-Document-SHA256': ref.sha256,
      'Cache-Control': 'private, no-store',
    });
    return new StreamableFile(Buffer.from(doc.content));
  }
}
