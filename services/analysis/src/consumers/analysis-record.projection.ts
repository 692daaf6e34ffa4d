import { toSopEvent } from '@pengaduan/contracts';
import type { ConsumedEvent } from '@pengaduan/messaging';
import type { EntityManager } from 'typeorm';
import { saveAnalysis, saveFollowUpDecision } from '../persistence/analysis-records';

/**
 * Keeps the analysis record of analyses and decisions that reach analysis over the
 * complaint stream instead of through its own commands (its own events are skipped by the
 * inbox: their record was written with them), e.g. when its schema is rebuilt from the topic.
 * Runs after the complaint's state has been folded in the same transaction.
 */
export async function projectAnalysisRecord(event: ConsumedEvent, tx: EntityManager): Promise<void> {
  if (event.type !== 'complaint.analyzed' && event.type !== 'complaint.follow-up-decided') return;
  const sopEvent = toSopEvent(event);
  const { envelope } = event;
  const requestId = envelope.causationid ?? null;
  if (sopEvent?.type === 'complaint.analyzed') {
    await saveAnalysis(tx, {
      complaintId: envelope.subject,
      officeCode: envelope.office,
      findings: sopEvent.data.findings,
      substantiated: sopEvent.data.substantiated,
      classificationCode: sopEvent.data.classification,
      severity: sopEvent.data.severity,
      recommendation: sopEvent.data.recommendation,
      analyzedBy: envelope.actor,
      analyzedAt: new Date(sopEvent.at),
      requestId,
    });
  } else if (sopEvent?.type === 'complaint.follow-up-decided') {
    await saveFollowUpDecision(tx, {
      complaintId: envelope.subject,
      decision: sopEvent.data.decision,
      reason: sopEvent.data.reason,
      decidedBy: envelope.actor,
      decidedAt: new Date(sopEvent.at),
      requestId,
    });
  }
}
