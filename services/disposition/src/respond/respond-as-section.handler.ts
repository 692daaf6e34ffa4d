import { ComplaintCommandExecutor, outcomeMessage } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { FIELD_RULES, type RespondAsSectionCommand as SopRespondAsSection } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { IntakeClient } from '../screen-officer-text/intake.client';
import type { RespondAsSectionCommand, RespondAsSectionResult } from './respond-as-section.command';

const OPERATION = 'RespondAsSection';
const MAX_RESPONSE = FIELD_RULES.sectionResponse.maxLength;

/**
 * SOP step 3, second half: a section officer answers the disposition for their section. When
 * the last dispositioned section answers, libs/sop completes the disposition in the same
 * decision (`complaint.section-responded` + `complaint.disposition-completed`, status
 * `SECTION_PROCESSED`) and the complaint goes back to Admin Tikkim. Before, intake screens the
 * response for the reporter's contact (docs/adr/0023). Idempotent by request id.
 */
@Injectable()
export class RespondAsSectionHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly intake: IntakeClient,
  ) {}

  async execute(cmd: RespondAsSectionCommand): Promise<RespondAsSectionResult> {
    // The response travels in complaint.section-responded: intake refuses it if it gives the reporter away.
    const texts = [{ field: 'response', text: cmd.response }];
    await this.intake.call('screenOfficerText', { complaintId: cmd.complaintId, officeCode: cmd.actorOffice, texts }, cmd.correlationId);
    const done = await this.executor.execute({
      operation: OPERATION,
      context: cmd,
      request: { complaintId: cmd.complaintId, actor: cmd.actor, actorOffice: cmd.actorOffice, sectionCode: cmd.sectionCode, response: cmd.response },
      command: (): SopRespondAsSection => ({ type: 'respondAsSection', actor: cmd.actor, sectionCode: cmd.sectionCode, response: cmd.response }),
      // Only a response libs/sop accepts is measured, so its refusals keep their order (403, 409, 400).
      outputs: async () => {
        if (cmd.response.length > MAX_RESPONSE) {
          throw new ServiceError('invalid', 'REQUEST.INVALID', 'the response is too long', {
            fieldViolations: [{ field: 'response', description: `at most ${MAX_RESPONSE} characters` }],
          });
        }
        return {};
      },
    });
    return { outcome: outcomeMessage(done) };
  }
}
