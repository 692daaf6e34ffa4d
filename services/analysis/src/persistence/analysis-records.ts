import type { ClassificationCode, FollowUpDecision, Severity, Substantiation } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';

/** Step 4's Analisis Aduan as it is kept for its document. */
export interface AnalysisEntry {
  complaintId: string;
  officeCode: string;
  findings: string;
  substantiated: Substantiation;
  classificationCode: ClassificationCode;
  severity: Severity;
  recommendation: string;
  /** The analysing officer as on the event, e.g. `ADMIN_TIKKIM:u-17`. */
  analyzedBy: string;
  analyzedAt: Date;
  requestId: string | null;
}

/** Step 5's Keputusan Tindak Lanjut as it is kept for its document. */
export interface FollowUpDecisionEntry {
  complaintId: string;
  decision: FollowUpDecision;
  reason: string;
  decidedBy: string;
  decidedAt: Date;
  requestId: string | null;
}

/** Writes a complaint's analysis (replacing one written by an earlier delivery of the same event). */
export async function saveAnalysis(tx: EntityManager, a: AnalysisEntry): Promise<void> {
  await tx.query(
    `INSERT INTO analysis_record (complaint_id, office_code, findings, substantiated, classification_code, severity, recommendation,
                                  analyzed_by, analyzed_at, analysis_request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (complaint_id) DO UPDATE SET
       office_code = $2, findings = $3, substantiated = $4, classification_code = $5, severity = $6, recommendation = $7,
       analyzed_by = $8, analyzed_at = $9, analysis_request_id = $10`,
    [a.complaintId, a.officeCode, a.findings, a.substantiated, a.classificationCode, a.severity, a.recommendation, a.analyzedBy, a.analyzedAt, a.requestId],
  );
}

/**
 * Adds the follow-up decision to the complaint's analysis. The SOP decides only an analysed
 * complaint, and the analysis is written in the same transaction as the state that says
 * so, so a missing analysis is a broken invariant, not a user error.
 */
export async function saveFollowUpDecision(tx: EntityManager, d: FollowUpDecisionEntry): Promise<void> {
  const [, affected] = (await tx.query(
    `UPDATE analysis_record SET decision = $2, decision_reason = $3, decided_by = $4, decided_at = $5, decision_request_id = $6
     WHERE complaint_id = $1`,
    [d.complaintId, d.decision, d.reason, d.decidedBy, d.decidedAt, d.requestId],
  )) as [unknown, number];
  if (affected !== 1) throw new Error(`no analysis is recorded for complaint ${d.complaintId}, so its follow-up decision cannot be kept`);
}
