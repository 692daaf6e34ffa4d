import { appealDecisionMapping, appealTriggerMapping, type ParsedEvent } from '@pengaduan/contracts';
import type { EntityManager } from 'typeorm';

/**
 * Keeps one row per rating, appeal and appeal review in `complaint_feedback_fact`, for the
 * dashboard (docs/adr/0053): codes only, every round. Runs in the read model's transaction, so a
 * redelivered event (its inbox row already there) never reaches it twice; the key is the event id.
 */
export async function recordFeedbackFact(event: ParsedEvent, tx: EntityManager): Promise<void> {
  const fact = factOf(event);
  if (!fact) return;
  await tx.query(
    `INSERT INTO complaint_feedback_fact (event_id, complaint_id, kind, occurred_at, rating, within_appeal_window, trigger, decision)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (event_id) DO NOTHING`,
    [event.envelope.id, event.envelope.subject, fact.kind, new Date(event.envelope.time), fact.rating ?? null, fact.withinAppealWindow ?? null, fact.trigger ?? null, fact.decision ?? null],
  );
}

interface FeedbackFact {
  kind: 'RATED' | 'APPEALED' | 'APPEAL_REVIEWED';
  rating?: number;
  withinAppealWindow?: boolean;
  trigger?: string;
  decision?: string;
}

function factOf(event: ParsedEvent): FeedbackFact | undefined {
  switch (event.type) {
    case 'complaint.rated':
      return { kind: 'RATED', rating: event.payload.rating, withinAppealWindow: event.payload.withinAppealWindow };
    case 'complaint.appealed':
      return { kind: 'APPEALED', trigger: appealTriggerMapping.fromProto(event.payload.trigger, 'data.trigger') };
    case 'complaint.appeal-reviewed':
      return { kind: 'APPEAL_REVIEWED', decision: appealDecisionMapping.fromProto(event.payload.decision, 'data.decision') };
    default:
      return undefined;
  }
}
