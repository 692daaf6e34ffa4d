import { appealDecisionMapping } from '@pengaduan/contracts';
import { Injectable } from '@nestjs/common';
import type { CommandResultDto } from '../complaint-commands/command-result.dto';
import type { ComplaintCommandInput } from '../complaint-commands/complaint-command';
import { ComplaintCommandRunner } from '../complaint-commands/complaint-command.runner';
import { DispositionClient, IntakeClient } from '../upstream/clients';
import type { AppealComplaintBody, RateComplaintBody, ReviewAppealBody } from './complaint-feedback.dto';

/** After closing (docs/adr/0053): the rating and the appeal by intake, the head's review by disposition. */
@Injectable()
export class ComplaintFeedbackForwarder {
  constructor(
    private readonly runner: ComplaintCommandRunner,
    private readonly intake: IntakeClient,
    private readonly disposition: DispositionClient,
  ) {}

  rate(input: ComplaintCommandInput<RateComplaintBody>): Promise<CommandResultDto> {
    const { body } = input;
    return this.runner.run({
      ...input,
      send: async (context) => ({ outcome: (await this.intake.call('rateComplaint', { context, rating: body.rating, comment: body.comment }, input.correlationId)).outcome }),
    });
  }

  appeal(input: ComplaintCommandInput<AppealComplaintBody>): Promise<CommandResultDto> {
    return this.runner.run({
      ...input,
      send: async (context) => ({ outcome: (await this.intake.call('appealComplaint', { context, reason: input.body.reason }, input.correlationId)).outcome }),
    });
  }

  reviewAppeal(input: ComplaintCommandInput<ReviewAppealBody>): Promise<CommandResultDto> {
    const { body } = input;
    return this.runner.run({
      ...input,
      send: async (context) => ({
        outcome: (await this.disposition.call('reviewAppeal', { context, decision: appealDecisionMapping.toProto(body.decision, 'decision'), reason: body.reason }, input.correlationId)).outcome,
      }),
    });
  }
}
