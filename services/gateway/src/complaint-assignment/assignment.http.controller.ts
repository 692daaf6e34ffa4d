import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../http/idempotency-key';
import { ApiProblemResponses } from '../http/problem.dto';
import { AssignComplaintBody, AssignmentDto } from './assignment.dto';
import { ASSIGNERS, ComplaintAssignments } from './complaint-assignments';

const KEY = ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'One per command; a retry with the same key answers the first result and records nothing again' });
const COMMON: [number, string][] = [
  [400, 'The Idempotency-Key or the body is missing or not valid (each bad field named)'],
  [401, 'No valid access token'],
  [404, "No such complaint in the officer's office (COMPLAINT.NOT_FOUND)"],
  [422, 'The Idempotency-Key was used for another request (IDEMPOTENCY.KEY_REUSED)'],
];

/** Who is on a complaint (docs/adr/0046): office work organisation, the gateway's own, no SOP event. */
@ApiTags('assignment')
@ApiBearerAuth(BEARER_AUTH)
@ApiParam({ name: 'id', format: 'uuid', description: 'The complaint' })
@Controller(`${API_PREFIX}/complaints`)
export class AssignmentHttpController {
  constructor(private readonly assignments: ComplaintAssignments) {}

  @Get(':id/assignment')
  @ApiOperation({ summary: 'Who is on the complaint at its current step, and every claim, assignment and release before (any officer of the office)' })
  @ApiOkResponse({ type: AssignmentDto })
  @ApiProblemResponses([401, 'No valid access token'], [404, "No such complaint in the officer's office (COMPLAINT.NOT_FOUND)"])
  current(@Param('id', ComplaintIdPipe) id: string, @CurrentUser() user: AuthenticatedUser): Promise<AssignmentDto> {
    return this.assignments.current(user, id);
  }

  @Post(':id/claim')
  @HttpCode(HttpStatus.OK)
  @KEY
  @ApiOperation({ summary: "The officer takes the complaint: only while it waits on their role (a section officer's: their section) at its current step, and no colleague is on it" })
  @ApiOkResponse({ type: AssignmentDto })
  @ApiProblemResponses(...COMMON, [409, 'ASSIGNMENT.NOT_WAITING_ON_YOU: the complaint does not wait on your role now; ASSIGNMENT.TAKEN: a colleague is on it'])
  claim(@Param('id', ComplaintIdPipe) id: string, @CurrentUser() user: AuthenticatedUser, @IdempotencyKey() key: string): Promise<AssignmentDto> {
    return this.assignments.claim(user, id, key);
  }

  @Post(':id/assignment')
  @HttpCode(HttpStatus.OK)
  @KEY
  @ApiOperation({ summary: `${ASSIGNERS.join(', ')} puts an active officer of the office whose role the complaint waits on now on it (replacing whoever was)` })
  @ApiOkResponse({ type: AssignmentDto })
  @ApiProblemResponses(...COMMON, [403, `Only ${ASSIGNERS.join(', ')} assigns (ASSIGNMENT.FORBIDDEN_ROLE)`])
  assign(@Param('id', ComplaintIdPipe) id: string, @Body() body: AssignComplaintBody, @CurrentUser() user: AuthenticatedUser, @IdempotencyKey() key: string): Promise<AssignmentDto> {
    return this.assignments.assign(user, id, body.userId, key);
  }

  @Post(':id/release')
  @HttpCode(HttpStatus.OK)
  @KEY
  @ApiOperation({ summary: `Takes the assignee off the complaint: the assignee themselves or ${ASSIGNERS.join(', ')}; nothing changes when no one is on it` })
  @ApiOkResponse({ type: AssignmentDto })
  @ApiProblemResponses(...COMMON, [409, `A colleague is on it and you are not ${ASSIGNERS.join(', ')} (ASSIGNMENT.NOT_YOURS)`])
  release(@Param('id', ComplaintIdPipe) id: string, @CurrentUser() user: AuthenticatedUser, @IdempotencyKey() key: string): Promise<AssignmentDto> {
    return this.assignments.release(user, id, key);
  }
}
