import { applyDecorators, Body, Controller, createParamDecorator, Get, HttpCode, HttpStatus, Param, Post, Put, Res, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { MESSAGE_CHANNELS, NOTIFICATION_PURPOSES } from '@pengaduan/sop';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { IfMatchVersion, versionTag } from '../http/entity-tags';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../http/idempotency-key';
import { ApiProblemResponses } from '../http/problem.dto';
import { clientAddressOf } from '../public-rate-limits/client-address';
import { MessageTemplateDto, MessageTemplateListDto, MessageTemplatePath, ResetMessageTemplateBody, SetMessageTemplateBody } from './message-templates.dto';
import { MessageTemplatesHandler, type TemplateAnswer, type TemplateCommandContext, type TemplateTarget } from './message-templates.handler';

const CHANGE_PROBLEMS: [number, string][] = [
  [400, 'The text breaks a rule of message texts (MESSAGE_TEMPLATE.TEXT_REFUSED, naming body and the rule); the purpose, variant, channel or a header is not valid (REQUEST.INVALID, each named)'],
  [401, 'No valid access token'],
  [403, 'Only the head of office words the texts (MESSAGE_TEMPLATE.FORBIDDEN_ROLE)'],
  [409, 'The text was changed since the If-Match version (MESSAGE_TEMPLATE.VERSION_CONFLICT)'],
  [422, 'The Idempotency-Key was used for another command (IDEMPOTENCY.KEY_REUSED)'],
  [503, 'notification or the database is not reachable'],
];

/** What both changes of a text have: its path, Idempotency-Key, If-Match, the text as answer (ETag: its version), the refusals. */
const CHANGE = applyDecorators(
  ApiParam({ name: 'purpose', enum: NOTIFICATION_PURPOSES }),
  ApiParam({ name: 'channel', enum: MESSAGE_CHANNELS }),
  ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'One per change; the same key again answers the same and records nothing more' }),
  ApiHeader({ name: 'If-Match', required: false, description: 'The version the officer last saw, e.g. "3": a text changed since is 409 MESSAGE_TEMPLATE.VERSION_CONFLICT' }),
  ApiOkResponse({ type: MessageTemplateDto, description: 'The text now in force; ETag: its version' }),
  ApiProblemResponses(...CHANGE_PROBLEMS),
);

/** Who changes a text, under which correlation id, from which address. */
interface Caller {
  user: AuthenticatedUser;
  correlationId: string;
  clientAddress: string;
}

/** The officer the auth guard authenticated, the correlation id the middleware settled, the client address. */
const TemplateCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const http = ctx.switchToHttp();
  const locals = http.getResponse<Response>().locals;
  const user = locals['user'] as AuthenticatedUser | undefined;
  const correlationId = locals['correlationId'] as string | undefined;
  if (!user || !correlationId) throw new Error('no officer or correlation id: the AuthGuard or the correlation middleware is not installed');
  return { user, correlationId, clientAddress: clientAddressOf(http.getRequest<Request>()) };
});

/**
 * `/api/v1/message-templates` (docs/adr/0050): the office's texts of the messages to reporters
 * per purpose and channel; the head of office words and resets them.
 */
@ApiTags('message-templates')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/message-templates`)
export class MessageTemplatesHttpController {
  constructor(private readonly handler: MessageTemplatesHandler) {}

  @Get()
  @ApiOperation({ summary: "The office's texts in force, every purpose × variant × channel (built-in ones marked). KEPALA_KANTOR, ADMIN_TIKKIM" })
  @ApiOkResponse({ type: MessageTemplateListDto })
  @ApiProblemResponses([401, 'No valid access token'], [403, 'Only the head of office and Admin Tikkim read them (MESSAGE_TEMPLATE.FORBIDDEN_ROLE)'], [503, 'notification is not reachable'])
  list(@CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string): Promise<MessageTemplateListDto> {
    return this.handler.list(user, correlationId);
  }

  @Put(':purpose/:channel')
  @CHANGE
  @ApiOperation({ summary: "The head of office words one text; it is used from the next message sent. WhatsApp's approved templates (outside its 24-hour window) stay as approved. KEPALA_KANTOR" })
  async set(
    @Param() path: MessageTemplatePath,
    @Body() body: SetMessageTemplateBody,
    @IdempotencyKey() requestKey: string,
    @IfMatchVersion() expectedVersion: number | undefined,
    @TemplateCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MessageTemplateDto> {
    return tagged(res, await this.handler.set(contextOf(caller, requestKey, expectedVersion), targetOf(path, body), body.body));
  }

  @Post(':purpose/:channel/reset')
  @HttpCode(HttpStatus.OK)
  @CHANGE
  @ApiOperation({ summary: 'The head of office goes back to the built-in text (nothing recorded when it is in force already). KEPALA_KANTOR' })
  async reset(@Param() path: MessageTemplatePath, @Body() body: ResetMessageTemplateBody, @IdempotencyKey() key: string, @IfMatchVersion() version: number | undefined, @TemplateCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<MessageTemplateDto> {
    return tagged(res, await this.handler.reset(contextOf(caller, key, version), targetOf(path, body)));
  }
}

function targetOf(path: MessageTemplatePath, body: { variant?: string }): TemplateTarget {
  return { purpose: path.purpose, channel: path.channel, ...(body.variant ? { variant: body.variant } : {}) };
}

function contextOf(caller: Caller, requestKey: string, expectedVersion: number | undefined): TemplateCommandContext {
  return { ...caller, requestKey, ...(expectedVersion === undefined ? {} : { expectedVersion }) };
}

function tagged(res: Response, answer: TemplateAnswer): MessageTemplateDto {
  res.setHeader('ETag', versionTag(answer.version));
  return answer.template;
}
