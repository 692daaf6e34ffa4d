import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { ProblemMessage } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { grpcActorOf, type AuthenticatedUser, type OfficerRole } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { requestIdOf } from '../complaint-commands/request-id';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../http/idempotency-key';
import { ApiProblemResponses } from '../http/problem.dto';
import { IntakeClient } from '../upstream/clients';
import { DiscardProblemMessageBody, ListProblemMessagesQuery, MAX_PROBLEM_MESSAGES_LIMIT, ProblemMessageActionDto, ProblemMessageListDto, type ProblemMessageDto } from './problem-messages.dto';

/** Who reads the office's problem messages (docs/adr/0047); intake decides it too. */
export const PROBLEM_MESSAGE_READERS: readonly OfficerRole[] = ['ADMIN_TIKKIM', 'KEPALA_KANTOR'];
/** Who re-processes and discards them: Admin Tikkim, who receives the complaints (SOP step 1). */
export const PROBLEM_MESSAGE_WORKERS: readonly OfficerRole[] = ['ADMIN_TIKKIM'];

const KEY = ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'One per action; a retry with the same key answers the first result and does nothing again' });
const ACTION_PROBLEMS: [number, string][] = [
  [400, 'The id, the Idempotency-Key or the body is not valid (each bad field named)'],
  [401, 'No valid access token'],
  [403, 'Only Admin Tikkim works the problem messages (PROBLEM_MESSAGE.FORBIDDEN_ROLE)'],
  [404, "No problem message of the officer's office has this id (PROBLEM_MESSAGE.NOT_FOUND)"],
  [409, 'It was re-processed or discarded already (PROBLEM_MESSAGE.SETTLED)'],
  [422, 'The Idempotency-Key was used for another request (IDEMPOTENCY.KEY_REUSED)'],
  [503, 'intake is not reachable'],
];

function forbidden(): ServiceError {
  return new ServiceError('forbidden', 'PROBLEM_MESSAGE.FORBIDDEN_ROLE', 'only admin tikkim works the problem messages; the head of office reads them');
}

/**
 * `/api/v1/problem-messages`: the channel messages intake could not turn into complaints —
 * quarantined webhooks and messages set aside as FAILED — listed, re-processed and discarded
 * through intake, which keeps them (and scopes them to the officer's office).
 */
@ApiTags('problem-messages')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/problem-messages`)
export class ProblemMessagesHttpController {
  constructor(private readonly intake: IntakeClient) {}

  @Get()
  @ApiOperation({ summary: "The office's problem messages (webhooks that could not be read, channel messages set aside after failures), oldest first; never their content. ADMIN_TIKKIM, KEPALA_KANTOR" })
  @ApiOkResponse({ type: ProblemMessageListDto })
  @ApiProblemResponses([400, 'A query parameter is not valid'], [401, 'No valid access token'], [403, 'Only Admin Tikkim and the head of office read them (PROBLEM_MESSAGE.FORBIDDEN_ROLE)'], [503, 'intake is not reachable'])
  async list(@Query() query: ListProblemMessagesQuery, @CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string): Promise<ProblemMessageListDto> {
    if (!PROBLEM_MESSAGE_READERS.includes(user.role)) throw forbidden();
    const limit = query.limit ?? MAX_PROBLEM_MESSAGES_LIMIT;
    const offset = query.offset ?? 0;
    const page = await this.intake.call('listProblemMessages', { actor: grpcActorOf(user), limit, offset }, correlationId);
    return { items: page.items.map(toDto), total: page.total, limit, offset };
  }

  @Post(':id/reprocess')
  @HttpCode(HttpStatus.OK)
  @KEY
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: "Re-process one: a quarantined webhook is read again by the provider's current parser (and becomes a complaint if it reads now); a FAILED message is processed again. ADMIN_TIKKIM" })
  @ApiOkResponse({ type: ProblemMessageActionDto })
  @ApiProblemResponses(...ACTION_PROBLEMS)
  async reprocess(@Param('id', ComplaintIdPipe) id: string, @CurrentUser() user: AuthenticatedUser, @IdempotencyKey() key: string, @CorrelationId() correlationId: string): Promise<ProblemMessageActionDto> {
    if (!PROBLEM_MESSAGE_WORKERS.includes(user.role)) throw forbidden();
    const answer = await this.intake.call('reprocessProblemMessage', { actor: grpcActorOf(user), requestId: requestIdOf(user, key), id }, correlationId);
    return { outcome: answer.outcome, item: toDto(answer.item) };
  }

  @Post(':id/discard')
  @HttpCode(HttpStatus.OK)
  @KEY
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: 'Discard one with a reason: it is kept, marked DISCARDED, with who, when and why. ADMIN_TIKKIM' })
  @ApiOkResponse({ type: ProblemMessageActionDto })
  @ApiProblemResponses(...ACTION_PROBLEMS)
  async discard(
    @Param('id', ComplaintIdPipe) id: string,
    @Body() body: DiscardProblemMessageBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @CorrelationId() correlationId: string,
  ): Promise<ProblemMessageActionDto> {
    if (!PROBLEM_MESSAGE_WORKERS.includes(user.role)) throw forbidden();
    const answer = await this.intake.call('discardProblemMessage', { actor: grpcActorOf(user), requestId: requestIdOf(user, key), id, reason: body.reason }, correlationId);
    return { outcome: 'DISCARDED', item: toDto(answer.item) };
  }
}

function toDto(item: ProblemMessage | undefined): ProblemMessageDto {
  if (!item) throw new ServiceError('unavailable', 'UPSTREAM.UNAVAILABLE', 'intake answered without the problem message');
  return {
    id: item.id,
    kind: item.kind,
    provider: item.provider,
    channel: item.channel ?? null,
    receivedAt: item.receivedAt ? timestampDate(item.receivedAt).toISOString() : '',
    reason: item.reason,
    status: item.status,
    attempts: item.attempts,
  };
}
