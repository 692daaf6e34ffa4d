import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { CommandResultDto } from '../complaint-commands/command-result.dto';
import { ApiComplaintCommand, ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { API_PREFIX } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { IfMatchVersion } from '../http/entity-tags';
import { IdempotencyKey } from '../http/idempotency-key';
import { AppealComplaintBody, RateComplaintBody, ReviewAppealBody } from './complaint-feedback.dto';
import { ComplaintFeedbackForwarder } from './complaint-feedback.forwarder';

/** After closing (docs/adr/0053): the reporter's rating and appeal, and the head of office's review. */
@ApiTags('SOP steps')
@Controller(`${API_PREFIX}/complaints`)
export class ComplaintFeedbackHttpController {
  constructor(private readonly forwarder: ComplaintFeedbackForwarder) {}

  @Post(':id/rating')
  @ApiComplaintCommand(
    "Record the reporter's rating of a closed complaint, given by phone or in person (Admin Tikkim; docs/adr/0053)",
    'CLOSED, once per closing. A rating of 2 or less within the office’s appeal window (default 14 days) also opens an appeal: CLOSED → APPEALED. Not for a dismissed message.',
  )
  @ApiOkResponse({ type: CommandResultDto })
  rate(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: RateComplaintBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey: string,
    @IfMatchVersion() ifMatch: number | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<CommandResultDto> {
    return this.forwarder.rate({ complaintId, body, user, idempotencyKey, ifMatch, correlationId });
  }

  @Post(':id/appeal')
  @ApiComplaintCommand("Record the reporter's appeal of a closed complaint (Admin Tikkim; docs/adr/0053)", 'CLOSED → APPEALED, within the office’s appeal window after closing (409 after it). Not for a dismissed message.')
  @ApiOkResponse({ type: CommandResultDto })
  appeal(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: AppealComplaintBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey: string,
    @IfMatchVersion() ifMatch: number | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<CommandResultDto> {
    return this.forwarder.appeal({ complaintId, body, user, idempotencyKey, ifMatch, correlationId });
  }

  @Post(':id/appeal-review')
  @ApiComplaintCommand(
    'Review an appeal (head of office; docs/adr/0053)',
    'APPEALED → CONFIRMED (REDISPOSE: a new disposition), SECTION_PROCESSED (REANALYZE: a new analysis) or APPEAL_UPHELD (UPHOLD with a reason: the reporter is told again, steps 7-8).',
  )
  @ApiOkResponse({ type: CommandResultDto })
  reviewAppeal(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: ReviewAppealBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey: string,
    @IfMatchVersion() ifMatch: number | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<CommandResultDto> {
    return this.forwarder.reviewAppeal({ complaintId, body, user, idempotencyKey, ifMatch, correlationId });
  }
}
