import { Body, Controller, createParamDecorator, HttpCode, HttpStatus, Post, Res, type ExecutionContext } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { API_PREFIX } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { ApiProblemResponses } from '../http/problem.dto';
import { invalidRequest } from '../http/validation';
import { RegisterComplaintHandler } from './register-complaint.handler';
import { ComplaintRegisteredDto, RegisterComplaintBody } from './register-complaint.dto';

const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** The caller's `Idempotency-Key` header: absent, or 1-200 characters. */
const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const key = ctx.switchToHttp().getRequest<Request>().header(IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw invalidRequest([{ field: IDEMPOTENCY_KEY_HEADER, description: `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` }]);
  }
  return key;
});

/** `POST /api/v1/complaints`: maps the request to the command and the result to 201 + Location. */
@ApiTags('complaints')
@Controller(`${API_PREFIX}/complaints`)
export class RegisterComplaintHttpController {
  constructor(private readonly handler: RegisterComplaintHandler) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Register a complaint received by phone, on paper (web) or in person' })
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description: `1-${MAX_IDEMPOTENCY_KEY_LENGTH} characters. A retry with the same key and body answers the first result and registers nothing; without one, every request registers a complaint.`,
  })
  @ApiCreatedResponse({
    type: ComplaintRegisteredDto,
    headers: { Location: { description: 'The complaint view: /api/v1/complaints/{id}', schema: { type: 'string' } } },
  })
  @ApiProblemResponses(
    [400, 'A field, the Idempotency-Key or the JSON is not valid (each bad field named in errors)'],
    [401, 'No acting officer'],
    [403, 'The officer may not register complaints for this office'],
    [422, 'The Idempotency-Key was already used for a different request'],
    [503, 'intake is not reachable; retry with the same Idempotency-Key'],
  )
  async register(
    @Body() body: RegisterComplaintBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ComplaintRegisteredDto> {
    const registered = await this.handler.execute({ body, idempotencyKey, correlationId });
    response.location(`/${API_PREFIX}/complaints/${registered.id}`);
    return registered;
  }
}
