import { severityMapping, substantiationMapping } from '@pengaduan/contracts';
import { Injectable } from '@nestjs/common';
import type { CommandResultDto } from '../complaint-commands/command-result.dto';
import type { ComplaintCommandInput } from '../complaint-commands/complaint-command';
import { ComplaintCommandRunner } from '../complaint-commands/complaint-command.runner';
import { AnalysisClient } from '../upstream/clients';
import type { AnalyzeComplaintBody } from './analyze-complaint.dto';

/** SOP step 4, by analysis: the Analisis Aduan is recorded. */
@Injectable()
export class AnalyzeComplaintForwarder {
  constructor(
    private readonly runner: ComplaintCommandRunner,
    private readonly analysis: AnalysisClient,
  ) {}

  execute(input: ComplaintCommandInput<AnalyzeComplaintBody>): Promise<CommandResultDto> {
    const { body } = input;
    return this.runner.run({
      ...input,
      send: async (context) => ({
        outcome: (
          await this.analysis.call(
            'analyzeComplaint',
            {
              context,
              findings: body.findings,
              substantiated: substantiationMapping.toProto(body.substantiated, 'substantiated'),
              classificationCode: body.classificationCode,
              severity: severityMapping.toProto(body.severity, 'severity'),
              recommendation: body.recommendation,
            },
            input.correlationId,
          )
        ).outcome,
      }),
      restFieldOf: (field) => (field === 'classification' ? 'classificationCode' : field),
    });
  }
}
