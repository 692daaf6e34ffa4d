import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../http/idempotency-key';
import { ApiProblemResponses } from '../http/problem.dto';
import { ComplaintNotes, NOTE_READ_ONLY } from './complaint-notes';
import { AddNoteBody, NoteDto, NotesDto } from './notes.dto';

/** The office's internal notes on a complaint (docs/adr/0046): officers only, never the complainant. */
@ApiTags('assignment')
@ApiBearerAuth(BEARER_AUTH)
@ApiParam({ name: 'id', format: 'uuid', description: 'The complaint' })
@Controller(`${API_PREFIX}/complaints`)
export class NotesHttpController {
  constructor(private readonly notes: ComplaintNotes) {}

  @Get(':id/notes')
  @ApiOperation({ summary: "The office's internal notes on the complaint, oldest first, each with who wrote it and when (any officer of the office)" })
  @ApiOkResponse({ type: NotesDto })
  @ApiProblemResponses([401, 'No valid access token'], [404, "No such complaint in the officer's office (COMPLAINT.NOT_FOUND)"])
  async list(@Param('id', ComplaintIdPipe) id: string, @CurrentUser() user: AuthenticatedUser): Promise<NotesDto> {
    return { items: await this.notes.list(user, id) };
  }

  @Post(':id/notes')
  @HttpCode(HttpStatus.CREATED)
  @ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'One per note; a retry with the same key answers the note the first recorded' })
  @ApiOperation({ summary: `Adds an internal note, screened by intake for the complainant's contact; every officer of the office but ${NOTE_READ_ONLY.join(', ')} (read only)` })
  @ApiCreatedResponse({ type: NoteDto })
  @ApiProblemResponses(
    [400, "The text is missing, too long, or gives the complainant's contact away (COMPLAINT.PERSONAL_DATA naming `text`); the Idempotency-Key is missing"],
    [401, 'No valid access token'],
    [403, `${NOTE_READ_ONLY.join(', ')} reads the notes only (NOTE.FORBIDDEN_ROLE)`],
    [404, "No such complaint in the officer's office (COMPLAINT.NOT_FOUND)"],
    [422, 'The Idempotency-Key was used for another note (IDEMPOTENCY.KEY_REUSED)'],
    [503, 'intake, which screens the note, is not reachable; retry with the same Idempotency-Key'],
  )
  add(
    @Param('id', ComplaintIdPipe) id: string,
    @Body() body: AddNoteBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @CorrelationId() correlationId: string,
  ): Promise<NoteDto> {
    return this.notes.add(user, id, body.text, key, correlationId);
  }
}
