import { ComplaintCommandExecutor, outcomeMessage } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { decide, type RespondAsSectionCommand as SopRespondAsSection } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { IntakeClient } from '../screen-officer-text/intake.client';
import type { RespondAsSectionCommand, RespondAsSectionResult } from './respond-as-section.command';

const OPERATION = 'RespondAsSection';
const MAX_RESPONSE = 20_000;

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
    const { context } = cmd;
    // The response travels in complaint.section-responded: intake refuses it if it gives the reporter away.
    const texts = [{ field: 'response', text: cmd.response }];
    await this.intake.call('screenOfficerText', { complaintId: context.complaintId, officeCode: context.actorOffice, texts }, cmd.correlationId);
    const done = await this.executor.execute({
      operation: OPERATION,
      requestId: context.requestId,
      versions: context.versions,
      complaintId: context.complaintId,
      actorOffice: context.actorOffice,
      correlationId: cmd.correlationId,
      request: { complaintId: context.complaintId, actor: context.actor, actorOffice: context.actorOffice, sectionCode: cmd.sectionCode, response: cmd.response },
      build: async (state, _tx, now) => {
        const command: SopRespondAsSection = { type: 'respondAsSection', actor: context.actor, sectionCode: cmd.sectionCode, response: cmd.response };
        // Only a response libs/sop accepts is measured, so its refusals keep their order (403, 409, 400).
        if (decide(command, state, now).ok && cmd.response.length > MAX_RESPONSE) {
          throw new ServiceError('invalid', 'DISPOSITION.INVALID_REQUEST', 'the response is too long', {
            fieldViolations: [{ field: 'response', description: `at most ${MAX_RESPONSE} characters` }],
          });
        }
        return { command, extras: () => ({}) };
      },
    });
    return { outcome: outcomeMessage(done) };
  }
}
