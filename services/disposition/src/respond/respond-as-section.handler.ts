import { ComplaintCommandExecutor } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { decide, type RespondAsSectionCommand as SopRespondAsSection } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import type { RespondAsSectionCommand, RespondAsSectionResult } from './respond-as-section.command';

const OPERATION = 'RespondAsSection';
const MAX_RESPONSE = 20_000;

/**
 * SOP step 3, second half: a section officer answers the disposition for their section. When
 * the last dispositioned section answers, libs/sop completes the disposition in the same
 * decision (`complaint.section-responded` + `complaint.disposition-completed`, status
 * `SECTION_PROCESSED`) and the complaint goes back to Admin Tikkim. Idempotent by request id.
 */
@Injectable()
export class RespondAsSectionHandler {
  constructor(private readonly executor: ComplaintCommandExecutor) {}

  async execute(cmd: RespondAsSectionCommand): Promise<RespondAsSectionResult> {
    const { context } = cmd;
    const done = await this.executor.execute({
      operation: OPERATION,
      requestId: context.requestId,
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
    return { outcome: { complaintId: done.complaintId, status: done.status, eventIds: done.eventIds } };
  }
}
