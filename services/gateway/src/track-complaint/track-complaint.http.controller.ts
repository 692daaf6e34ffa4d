import { Body, Controller, Header, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/auth.guard';
import { API_PREFIX } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { ApiProblemResponses } from '../http/problem.dto';
import { clientAddressOf } from '../public-rate-limits/client-address';
import { TrackComplaintBody, TrackedComplaintDto } from './track-complaint.dto';
import { TrackComplaintHandler } from './track-complaint.handler';

/** `POST /api/v1/public/tracking`: no login; the verifier in the body, never in the URL (logs, history). */
@ApiTags('public')
@Controller(`${API_PREFIX}/public`)
export class TrackComplaintHttpController {
  constructor(private readonly handler: TrackComplaintHandler) {}

  @Post('tracking')
  @Public()
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'A reporter follows their complaint by its tracking number (no login)',
    description:
      'The verifier proves the complaint is yours: the last four digits of the phone number or the e-mail address you gave with it, ' +
      'or the tracking PIN the acknowledgement told a reporter who gave neither. ' +
      'The answer shows the SOP step the complaint is in and when each step was done, never its content. Limited per client address ' +
      '(10 attempts per 15 minutes by default, whichever numbers) and per client address and tracking number (5 wrong verifiers per hour); ' +
      'a number that took many wrong verifiers from everywhere (20 per hour) allows each address one wrong verifier for the rest of the hour. ' +
      'Guesses from other addresses never lock the reporter out.',
  })
  @ApiOkResponse({ type: TrackedComplaintDto })
  @ApiProblemResponses(
    [400, 'trackingNumber or verifier missing or malformed (each bad field named in errors)'],
    [404, 'No complaint matches the tracking number and verifier (the same answer for an unknown number and a wrong verifier)'],
    [429, 'Too many attempts from this address, or too many wrong verifiers from it on this tracking number; Retry-After says when to try again'],
    [503, 'intake or the database is not reachable'],
  )
  track(@Body() body: TrackComplaintBody, @Req() req: Request, @CorrelationId() correlationId: string): Promise<TrackedComplaintDto> {
    return this.handler.execute({ body, clientAddress: clientAddressOf(req), correlationId });
  }
}
