import { Body, Controller, Header, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/auth.guard';
import { API_PREFIX } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { IdempotencyKey } from '../http/idempotency-key';
import { ApiProblemResponses } from '../http/problem.dto';
import { clientAddressOf } from '../public-rate-limits/client-address';
import { PublicAppealBody, PublicFeedbackResultDto, PublicRatingBody } from './public-feedback.dto';
import { PublicFeedbackHandler } from './public-feedback.handler';

const PROBLEMS: [number, string][] = [
  [400, 'a field missing or malformed, or the text carries a phone number or an e-mail address (each bad field named in errors)'],
  [404, 'No complaint matches the tracking number and verifier (the same answer for an unknown number and a wrong verifier)'],
  [409, 'The complaint is not closed, this closing was already rated, it was a dismissed message, or the appeal window has passed'],
  [422, 'The Idempotency-Key was used for another request'],
  [429, 'Too many attempts from this address; Retry-After says when to try again'],
];

/** The reporter's rating and appeal on the tracking page (docs/adr/0053): no login, proved by the verifier as for tracking. */
@ApiTags('public')
@Controller(`${API_PREFIX}/public/tracking`)
export class PublicFeedbackHttpController {
  constructor(private readonly handler: PublicFeedbackHandler) {}

  @Post('rating')
  @Public()
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'A reporter rates the handling of their closed complaint (no login; docs/adr/0053)',
    description: 'Once per closing. A rating of 2 or less within the office’s appeal window (14 days from closing unless the office set another) opens an appeal that the head of office reviews. Counted like a tracking attempt.',
  })
  @ApiOkResponse({ type: PublicFeedbackResultDto })
  @ApiProblemResponses(...PROBLEMS)
  rate(@Body() body: PublicRatingBody, @IdempotencyKey() idempotencyKey: string, @Req() req: Request, @CorrelationId() correlationId: string): Promise<PublicFeedbackResultDto> {
    return this.handler.execute({ body, appeal: false, idempotencyKey, clientAddress: clientAddressOf(req), correlationId });
  }

  @Post('appeal')
  @Public()
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'A reporter appeals the answer to their closed complaint (no login; docs/adr/0053)',
    description: 'Within the office’s appeal window after closing; the head of office reviews it within 12 hours and either has the complaint handled again or upholds the answer with a reason, which you are told. Counted like a tracking attempt.',
  })
  @ApiOkResponse({ type: PublicFeedbackResultDto })
  @ApiProblemResponses(...PROBLEMS)
  appeal(@Body() body: PublicAppealBody, @IdempotencyKey() idempotencyKey: string, @Req() req: Request, @CorrelationId() correlationId: string): Promise<PublicFeedbackResultDto> {
    return this.handler.execute({ body, appeal: true, idempotencyKey, clientAddress: clientAddressOf(req), correlationId });
  }
}
