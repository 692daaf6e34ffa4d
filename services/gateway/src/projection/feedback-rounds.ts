import { appealDecisionMapping, appealTriggerMapping, type ParsedEvent } from '@pengaduan/contracts';
import type { EntityManager } from 'typeorm';
import type { FeedbackRecorder } from '../read-model/outputs';

/** The reporter acts through intake (the tracking page, a reply on their channel); an officer records what they were told. */
function recorderOf(actor: string): FeedbackRecorder {
  return actor.startsWith('system:') ? 'REPORTER' : 'OFFICER';
}

/** The index of the last round, as SQL over `feedback_rounds` (-1 when there is none). */
const LAST = `(jsonb_array_length(feedback_rounds) - 1)`;

/**
 * The complaint page's rounds after closing (docs/adr/0053), in `complaint_output.feedback_rounds`:
 * a rating opens a round; an appeal joins the last round when that closing has no appeal yet (a
 * poor rating's, or an explicit appeal after a rating), else opens one; the head's review closes
 * the last round. Codes and the head's reason only: the reporter's texts stay in intake.
 */
export async function recordFeedbackRound(event: ParsedEvent, tx: EntityManager): Promise<void> {
  const at = new Date(event.envelope.time);
  const id = event.envelope.subject;
  const by = recorderOf(event.envelope.actor);
  switch (event.type) {
    case 'complaint.rated': {
      const p = event.payload;
      const round = { rating: { rating: p.rating, hasComment: p.hasComment, withinAppealWindow: p.withinAppealWindow, by, at: at.toISOString() } };
      await tx.query(`UPDATE complaint_output SET feedback_rounds = feedback_rounds || $2::jsonb, updated_at = $3 WHERE complaint_id = $1`, [id, JSON.stringify([round]), at]);
      return;
    }
    case 'complaint.appealed': {
      const appeal = { trigger: appealTriggerMapping.fromProto(event.payload.trigger, 'data.trigger'), hasReason: event.payload.hasReason, by, at: at.toISOString() };
      await tx.query(
        `UPDATE complaint_output SET updated_at = $3, feedback_rounds = CASE
           WHEN jsonb_array_length(feedback_rounds) > 0 AND NOT (feedback_rounds -> ${LAST} ? 'appeal') AND NOT (feedback_rounds -> ${LAST} ? 'review')
             THEN jsonb_set(feedback_rounds, ARRAY[${LAST}::text, 'appeal'], $2::jsonb)
           ELSE feedback_rounds || jsonb_build_array(jsonb_build_object('appeal', $2::jsonb)) END
         WHERE complaint_id = $1`,
        [id, JSON.stringify(appeal), at],
      );
      return;
    }
    case 'complaint.appeal-reviewed': {
      const p = event.payload;
      const review = { decision: appealDecisionMapping.fromProto(p.decision, 'data.decision'), ...(p.reason ? { reason: p.reason } : {}), at: at.toISOString() };
      await tx.query(
        `UPDATE complaint_output SET updated_at = $3, feedback_rounds = CASE
           WHEN jsonb_array_length(feedback_rounds) > 0 THEN jsonb_set(feedback_rounds, ARRAY[${LAST}::text, 'review'], $2::jsonb)
           ELSE jsonb_build_array(jsonb_build_object('review', $2::jsonb)) END
         WHERE complaint_id = $1`,
        [id, JSON.stringify(review), at],
      );
      return;
    }
    default:
      return;
  }
}
