import { ComplaintCommandExecutor, requestOf, type CommandOutcome, type ComplaintCommand } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { DEFAULT_APPEAL_WINDOW_DAYS, FIELD_RULES, type ComplaintState, type SopCommand } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { lockComplaint, throwInvalid } from '../complaint-state/command-support';
import { ComplaintRecord } from '../persistence/entities';
import { ContactCipher } from '../reporter-contact/contact-cipher';
import { readReporterContact } from '../reporter-contact/reporter-contacts';
import { refuseRevealingTexts } from '../screen-officer-text/officer-texts';
import type { AppealComplaintCommand, RateComplaintCommand } from './complaint-feedback.command';

/** A phone number (seven digits or more in any common writing) or an e-mail address. */
const CONTACT_LIKE = /(\+?\d[\d\s().-]{5,}\d)|([^\s@]+@[^\s@]+\.[^\s@]+)/u;

type Feedback = { kind: 'RATING'; rating: number | undefined; text: string | undefined; field: 'comment' } | { kind: 'APPEAL'; text: string | undefined; field: 'reason' };

/**
 * After closing (docs/adr/0053), intake records what the reporter says of the answer: a rating
 * (a poor one within the office's window opens an appeal, libs/sop decides) or an appeal. The
 * text stays here (`complaint_feedback`) and is refused when it carries a phone number or an
 * e-mail address, the reporter's or anyone's: officers read it on the complaint page, and a
 * complaint may be anonymous. The office's window comes from `office_appeal_window`.
 */
@Injectable()
export class ComplaintFeedbackHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly cipher: ContactCipher,
  ) {}

  // async: a text refused is a rejected promise, as every refusal of the executor's.
  async rate(c: RateComplaintCommand): Promise<CommandOutcome> {
    return this.executor.execute({ operation: 'RateComplaint', request: requestOf(c), ...rateCommand(this.cipher, c) });
  }

  async appeal(c: AppealComplaintCommand): Promise<CommandOutcome> {
    return this.executor.execute({ operation: 'AppealComplaint', request: requestOf(c), ...feedbackCommand(this.cipher, c, { kind: 'APPEAL', text: c.reason, field: 'reason' }) });
  }
}

/**
 * The rating as one command of the executor's: for a client's request (above) and for a reply of
 * one digit on the complaint's channel, inside the inbound message's transaction (inbound-messages).
 */
export function rateCommand(cipher: ContactCipher, c: RateComplaintCommand): ComplaintCommand {
  return feedbackCommand(cipher, c, { kind: 'RATING', rating: c.rating, text: c.comment, field: 'comment' });
}

function feedbackCommand(cipher: ContactCipher, c: RateComplaintCommand | AppealComplaintCommand, feedback: Feedback): ComplaintCommand {
  const text = validText(feedback);
  return {
    context: c,
    command: async (state, tx) => commandOf(c, feedback, text, await appealWindowDays(tx, officeOf(state))),
    outputs: async ({ stateBefore, stateAfter }, tx, now) => {
      const complaint = await lockComplaint(tx, c.complaintId);
      if (text !== undefined) refuseRevealingTexts([{ field: feedback.field, text }], await readReporterContact(tx, cipher, complaint.reporterRef));
      await tx.update(ComplaintRecord, { id: c.complaintId }, { status: stateAfter.status, updatedAt: now });
      await tx.query(
        `INSERT INTO complaint_feedback (id, complaint_id, office_code, kind, rating, text, closed_at, opened_appeal, recorded_by, recorded_at, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          uuidv7(),
          c.complaintId,
          complaint.officeCode,
          feedback.kind,
          feedback.kind === 'RATING' ? feedback.rating : null,
          text ?? null,
          'since' in stateBefore ? stateBefore.since : now.toISOString(),
          stateAfter.status === 'APPEALED',
          c.actor.kind === 'user' ? `${c.actor.role}:${c.actor.userId}` : `system:${c.actor.service}`,
          now,
          c.requestId,
        ],
      );
      return {};
    },
  };
}

function commandOf(c: RateComplaintCommand | AppealComplaintCommand, feedback: Feedback, text: string | undefined, appealWindowDays: number): SopCommand {
  if (feedback.kind === 'RATING') return { type: 'rate', actor: c.actor, rating: feedback.rating as number, hasComment: text !== undefined, appealWindowDays };
  return { type: 'appeal', actor: c.actor, hasReason: text !== undefined, appealWindowDays };
}

/** The office's appeal window in days, else libs/sop's default. */
export async function appealWindowDays(tx: EntityManager, officeCode: string | undefined): Promise<number> {
  if (officeCode === undefined) return DEFAULT_APPEAL_WINDOW_DAYS;
  const [row] = (await tx.query('SELECT appeal_window_days FROM office_appeal_window WHERE office_code = $1', [officeCode])) as { appeal_window_days: number }[];
  return row?.appeal_window_days ?? DEFAULT_APPEAL_WINDOW_DAYS;
}

function officeOf(state: ComplaintState): string | undefined {
  return 'officeCode' in state ? state.officeCode : undefined;
}

/** The text trimmed (absent when blank), within its length, and carrying no phone number or e-mail address. */
function validText(feedback: Feedback): string | undefined {
  const text = feedback.text?.trim();
  if (!text) return undefined;
  const { maxLength } = feedback.kind === 'RATING' ? FIELD_RULES.ratingComment : FIELD_RULES.appealReason;
  if (text.length > maxLength) throwInvalid([{ field: feedback.field, description: `at most ${maxLength} characters` }], `the ${feedback.field} is too long`);
  if (CONTACT_LIKE.test(text)) {
    throw new ServiceError('invalid', 'COMPLAINT.PERSONAL_DATA', `${feedback.field} gives away a phone number or an e-mail address`, {
      fieldViolations: [{ field: feedback.field, description: 'must not contain a phone number or an e-mail address: officers read it on the complaint page' }],
    });
  }
  return text;
}
