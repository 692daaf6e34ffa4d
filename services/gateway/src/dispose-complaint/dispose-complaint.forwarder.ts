import { dispositionInstructionMapping } from '@pengaduan/contracts';
import { Injectable } from '@nestjs/common';
import type { DispositionResultDto } from '../complaint-commands/command-result.dto';
import type { ComplaintCommandInput } from '../complaint-commands/complaint-command';
import { ComplaintCommandRunner } from '../complaint-commands/complaint-command.runner';
import { DispositionClient } from '../upstream/clients';
import type { DisposeComplaintBody } from './dispose-complaint.dto';

/** SOP step 3, by disposition: the disposition sheet is issued with its number. */
@Injectable()
export class DisposeComplaintForwarder {
  constructor(
    private readonly runner: ComplaintCommandRunner,
    private readonly disposition: DispositionClient,
  ) {}

  execute(input: ComplaintCommandInput<DisposeComplaintBody>): Promise<DispositionResultDto> {
    const { body } = input;
    return this.runner.run({
      ...input,
      send: async (context) => {
        const response = await this.disposition.call(
          'disposeComplaint',
          {
            context,
            lines: body.lines.map((line, i) => ({
              sectionCode: line.sectionCode,
              instructions: line.instructions.map((x, j) => dispositionInstructionMapping.toProto(x, `lines[${i}].instructions[${j}]`)),
              note: line.note,
            })),
            note: body.note,
          },
          input.correlationId,
        );
        return { outcome: response.outcome, extra: { sheetNumber: response.sheetNumber } };
      },
      // libs/sop names the lines `sheet.entries`.
      restFieldOf: (field) => field.replace(/^sheet\.entries/, 'lines'),
    });
  }
}
