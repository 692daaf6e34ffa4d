import { erasureReasonMapping } from '@pengaduan/contracts';
import { Injectable } from '@nestjs/common';
import type { CommandResultDto } from '../complaint-commands/command-result.dto';
import type { ComplaintCommandInput } from '../complaint-commands/complaint-command';
import { ComplaintCommandRunner } from '../complaint-commands/complaint-command.runner';
import { IntakeClient } from '../upstream/clients';
import type { PersonalDataErasureBody } from './personal-data-erasure.dto';

/** Erasure by key destruction, by intake (docs/adr/0057). */
@Injectable()
export class PersonalDataErasureForwarder {
  constructor(
    private readonly runner: ComplaintCommandRunner,
    private readonly intake: IntakeClient,
  ) {}

  execute(input: ComplaintCommandInput<PersonalDataErasureBody>): Promise<CommandResultDto> {
    return this.runner.run({
      ...input,
      send: async (context) => ({
        outcome: (await this.intake.call('erasePersonalData', { context, reason: erasureReasonMapping.toProto(input.body.reason, 'reason') }, input.correlationId)).outcome,
      }),
    });
  }
}
