import { ServiceError } from '@pengaduan/runtime';
import { Body, Controller, Get, HttpCode, HttpStatus, Injectable, Param, Post, Query, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ForOperators } from '../auth/auth.guard';
import type { AuthenticatedUser, OfficerRole } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../http/idempotency-key';
import { ApiProblemResponses } from '../http/problem.dto';
import { DeadLetters } from './dead-letters';
import { DeadLetterListDto, ListDeadLettersQuery, MAX_DEAD_LETTERS_LIMIT, RedriveGroupBody, RedriveResultDto } from './dead-letters.dto';

/** Who reads and re-drives the consumer groups' dead letters: the platform operators (docs/adr/0043). */
export const DEAD_LETTER_ROLES: readonly OfficerRole[] = ['OPERATOR'];

const KEY = ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'One per re-drive; a retry with the same key answers the first result and sends nothing again' });
const FORBIDDEN: [number, string] = [403, 'Only a platform operator handles dead letters (DEAD_LETTER.FORBIDDEN_ROLE)'];

/** Refuses every role but the operator's before the id or the body is looked at (guards run before pipes). */
@Injectable()
class OperatorsOnly implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getResponse<Response>().locals['user'] as AuthenticatedUser | undefined;
    if (!user || !DEAD_LETTER_ROLES.includes(user.role)) throw new ServiceError('forbidden', 'DEAD_LETTER.FORBIDDEN_ROLE', 'only a platform operator handles dead letters');
    return true;
  }
}

/**
 * `/api/v1/dead-letters`: the events each consumer group gave up on (its DLQ, as the gateway's
 * follower reads it), and re-drives that put them back for that group only. Platform-wide, not
 * per office: an operator sees what failed and why, never a complaint's content.
 */
@ApiTags('dead-letters')
@ApiBearerAuth(BEARER_AUTH)
@ForOperators()
@UseGuards(OperatorsOnly)
@Controller(`${API_PREFIX}/dead-letters`)
export class DeadLettersHttpController {
  constructor(private readonly deadLetters: DeadLetters) {}

  @Get()
  @ApiOperation({ summary: "The consumer groups' dead-lettered events (event id, type, complaint id, reason, error code, attempts, when, re-driven by whom), oldest first, and how many wait in each group. OPERATOR" })
  @ApiOkResponse({ type: DeadLetterListDto })
  @ApiProblemResponses([400, 'A query parameter is not valid'], [401, 'No valid access token'], FORBIDDEN, [503, 'The database is not reachable'])
  list(@Query() query: ListDeadLettersQuery): Promise<DeadLetterListDto> {
    return this.deadLetters.list({ group: query.group, state: query.state ?? 'waiting', limit: query.limit ?? MAX_DEAD_LETTERS_LIMIT, offset: query.offset ?? 0 });
  }

  @Post('redrive')
  @HttpCode(HttpStatus.OK)
  @KEY
  @ApiOperation({ summary: "Re-drive every waiting dead letter of a group that re-driving can help, after a fix: each goes back on that group's re-drive topic only, recorded. OPERATOR" })
  @ApiOkResponse({ type: RedriveResultDto })
  @ApiProblemResponses(
    [400, 'The Idempotency-Key or the group is not valid (DEAD_LETTER.UNKNOWN_GROUP, naming group)'],
    [401, 'No valid access token'],
    FORBIDDEN,
    [503, 'The database or Kafka is not reachable; try again with the same Idempotency-Key'],
  )
  redriveGroup(@Body() body: RedriveGroupBody, @CurrentUser() user: AuthenticatedUser, @IdempotencyKey() key: string): Promise<RedriveResultDto> {
    return this.deadLetters.redriveGroup(user, key, body.group);
  }

  @Post(':id/redrive')
  @HttpCode(HttpStatus.OK)
  @KEY
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: "Re-drive one dead letter after a fix: it goes back on its group's re-drive topic only, recorded; if it fails again it is listed anew. OPERATOR" })
  @ApiOkResponse({ type: RedriveResultDto })
  @ApiProblemResponses(
    [400, 'The id or the Idempotency-Key is not valid'],
    [401, 'No valid access token'],
    FORBIDDEN,
    [404, 'No dead letter has this id (DEAD_LETTER.NOT_FOUND)'],
    [409, 'It was re-driven already, or refused before any attempt (DEAD_LETTER.ALREADY_REDRIVEN, DEAD_LETTER.NOT_REDRIVABLE)'],
    [503, 'The database or Kafka is not reachable; try again with the same Idempotency-Key'],
  )
  redriveOne(@Param('id', ComplaintIdPipe) id: string, @CurrentUser() user: AuthenticatedUser, @IdempotencyKey() key: string): Promise<RedriveResultDto> {
    return this.deadLetters.redriveOne(user, key, id);
  }
}
