import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { versionTag } from '../http/entity-tags';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey, MAX_IDEMPOTENCY_KEY_LENGTH } from '../http/idempotency-key';
import { ApiProblemResponses } from '../http/problem.dto';
import { RegisterComplaintForwarder } from './register-complaint.forwarder';
import { ComplaintRegisteredDto, RegisterComplaintBody } from './register-complaint.dto';

/** `POST /api/v1/complaints`: maps the request to the command and the result to 201 + Location. */
@ApiTags('complaints')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/complaints`)
export class RegisterComplaintHttpController {
  constructor(private readonly forwarder: RegisterComplaintForwarder) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Register a complaint received by phone, on paper (web), in person or through SP4N-LAPOR! (SOP step 1; Admin Tikkim)',
    description: "The complaint is registered for the officer's own office. Only ADMIN_TIKKIM may register (libs/sop, checked by intake).",
  })
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description: `1-${MAX_IDEMPOTENCY_KEY_LENGTH} characters, unique per complaint you register. A retry with the same key and body answers the first result and registers nothing; without one, every request registers a complaint.`,
  })
  @ApiCreatedResponse({
    type: ComplaintRegisteredDto,
    headers: { Location: { description: 'The complaint view: /api/v1/complaints/{id}', schema: { type: 'string' } } },
  })
  @ApiProblemResponses(
    [400, 'A field, the Idempotency-Key or the JSON is not valid (each bad field named in errors)'],
    [401, 'No valid access token'],
    [403, "The officer's role may not register complaints (only ADMIN_TIKKIM), or officeCode is not the officer's office"],
    [409, 'COMPLAINT.LAPOR_NUMBER_TAKEN: a complaint with this LAPOR! report number is already registered in the office'],
    [422, 'The Idempotency-Key was already used for a different request'],
    [503, 'intake is not reachable; retry with the same Idempotency-Key'],
  )
  async register(
    @Body() body: RegisterComplaintBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey({ optional: true }) idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ComplaintRegisteredDto> {
    const registered = await this.forwarder.execute({ body, user, idempotencyKey, correlationId });
    response.location(`/${API_PREFIX}/complaints/${registered.id}`);
    response.setHeader('ETag', versionTag(registered.version));
    return registered;
  }
}
