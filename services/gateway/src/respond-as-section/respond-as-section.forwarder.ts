import { Injectable } from '@nestjs/common';
import type { CommandResultDto } from '../complaint-commands/command-result.dto';
import type { ComplaintCommandInput } from '../complaint-commands/complaint-command';
import { ComplaintCommandRunner } from '../complaint-commands/complaint-command.runner';
import { DispositionClient } from '../upstream/clients';
import type { RespondAsSectionBody } from './respond-as-section.dto';

/**
 * SOP step 3, by disposition: the officer's section responds to the disposition. The section
 * is the one of the officer's account; disposition (libs/sop) refuses an officer of another
 * role or of a section not awaited.
 */
@Injectable()
export class RespondAsSectionForwarder {
  constructor(
    private readonly runner: ComplaintCommandRunner,
    private readonly disposition: DispositionClient,
  ) {}

  execute(input: ComplaintCommandInput<RespondAsSectionBody>): Promise<CommandResultDto> {
    return this.runner.run({
      ...input,
      send: async (context) => ({
        outcome: (
          await this.disposition.call('respondAsSection', { context, sectionCode: input.user.sectionCode ?? '', response: input.body.response }, input.correlationId)
        ).outcome,
      }),
    });
  }
}
