import { ComplaintCommandExecutor, requestOf, type CommandContext, type CommandOutcome } from '@pengaduan/messaging';
import type { AppealDecision, ReviewAppealCommand } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { IntakeClient } from '../screen-officer-text/intake.client';

/** The head of office's review of a reporter's appeal (docs/adr/0053). */
export interface ReviewAppealRequestCommand extends CommandContext {
  /** Absent when the request named none (or an unknown one): libs/sop names the field. */
  decision?: AppealDecision;
  /** Required for UPHOLD; it travels in `complaint.appeal-reviewed`. */
  reason?: string;
}

/**
 * docs/adr/0053: the head of office reviews an appeal: a new disposition (step 3 again, which this
 * service then records as any disposition), a new analysis (step 4 again) or the answer upheld.
 * The reason goes into the event, so intake screens it for the reporter's contact first, as every
 * text of the head's (docs/adr/0023). libs/sop decides who may and when; idempotent by request id.
 */
@Injectable()
export class ReviewAppealHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly intake: IntakeClient,
  ) {}

  async execute(c: ReviewAppealRequestCommand): Promise<CommandOutcome> {
    if (c.reason !== undefined) {
      await this.intake.call('screenOfficerText', { complaintId: c.complaintId, officeCode: c.actorOffice, texts: [{ field: 'reason', text: c.reason }] }, c.correlationId);
    }
    const command = { type: 'reviewAppeal', actor: c.actor, decision: c.decision, ...(c.reason === undefined ? {} : { reason: c.reason }) } as ReviewAppealCommand;
    return this.executor.execute({ operation: 'ReviewAppeal', context: c, request: requestOf(c), command: () => command });
  }
}
