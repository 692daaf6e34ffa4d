import { actorLabel } from '@pengaduan/contracts';
import { ComplaintCommandExecutor, receivedState, type CommandOutcome } from '@pengaduan/messaging';
import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import {
  FIELD_RULES,
  isClassificationCode,
  SEVERITIES,
  SUBSTANTIATION_LEVELS,
  type AnalyzeCommand,
  type ClassificationCode,
  type Severity,
  type Substantiation,
} from '@pengaduan/sop';
import { derivedDocumentNumber, OfficeProfileClient, renderAndStoreDocument, signatoryFor } from '@pengaduan/documents';
import { Injectable } from '@nestjs/common';
import { saveAnalysis } from '../persistence/analysis-records';
import { IntakeClient } from '../screen-officer-text/intake.client';
import type { AnalyzeComplaintCommand } from './analyze-complaint.command';

const OPERATION = 'AnalyzeComplaint';
/** Findings and recommendation are an officer's prose, not a document upload. */
export const MAX_ANALYSIS_TEXT = FIELD_RULES.analysisText.maxLength;

interface Analysis {
  findings: string;
  substantiated: Substantiation;
  classification: ClassificationCode;
  severity: Severity;
  recommendation: string;
}

/**
 * SOP step 4: checks the Analisis Aduan, lets libs/sop decide it against the complaint's
 * state (Admin Tikkim, on a SECTION_PROCESSED complaint), and commits the analysis record,
 * the new state and `complaint.analyzed` (outbox) in one transaction. Before, intake screens
 * the findings and the recommendation for the reporter's contact (docs/adr/0023). Idempotent
 * by request id.
 */
@Injectable()
export class AnalyzeComplaintHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly offices: OfficeProfileClient,
    private readonly intake: IntakeClient,
  ) {}

  async execute(command: AnalyzeComplaintCommand): Promise<CommandOutcome> {
    const analysis = validate(command);
    const { requestId, complaintId, actor, actorOffice, correlationId } = command;
    // Both texts go into complaint.analyzed and the Analisis Aduan: intake refuses any that gives the reporter away.
    const texts = [{ field: 'findings', text: analysis.findings }, { field: 'recommendation', text: analysis.recommendation }];
    await this.intake.call('screenOfficerText', { complaintId, officeCode: actorOffice, texts }, correlationId);
    // The office's profile in force, asked of intake before the transaction (docs/adr/0048).
    const letterheadOf = await this.offices.forCommand(command);
    return this.executor.execute({
      operation: OPERATION,
      context: command,
      request: { complaintId, actor, actorOffice, analysis },
      command: (): AnalyzeCommand => ({ type: 'analyze', actor, ...analysis }),
      outputs: async ({ stateBefore }, tx, now) => {
        const state = receivedState(stateBefore);
        await saveAnalysis(tx, {
          complaintId,
          officeCode: state.officeCode,
          ...analysis,
          classificationCode: analysis.classification,
          analyzedBy: actorLabel(actor),
          analyzedAt: now,
          requestId,
        });
        // The Analisis Aduan, stored with the analysis; its hash goes on complaint.analyzed.
        const doc = await renderAndStoreDocument(tx, complaintId, state.officeCode, {
          kind: 'ANALISIS_ADUAN',
          office: letterheadOf(state.officeCode),
          number: derivedDocumentNumber('ANALISIS_ADUAN', state.trackingNumber),
          trackingNumber: state.trackingNumber,
          issuedAt: now,
          signatory: signatoryFor(command.signatory, actor),
          classificationCode: analysis.classification,
          findings: analysis.findings,
          substantiated: analysis.substantiated,
          severity: analysis.severity,
          recommendation: analysis.recommendation,
        });
        return { extras: () => ({ documentSha256: doc.sha256 }) };
      },
    });
  }
}

/** Every bad field at once, named as in the request; libs/sop checks the same again. */
function validate(c: AnalyzeComplaintCommand): Analysis {
  const v: FieldViolation[] = [];
  const text = (field: 'findings' | 'recommendation') => {
    const value = c[field];
    if (!value || value.trim() === '') v.push({ field, description: 'required' });
    else if (value.length > MAX_ANALYSIS_TEXT) v.push({ field, description: `at most ${MAX_ANALYSIS_TEXT} characters` });
  };
  text('findings');
  if (c.substantiated === undefined) v.push({ field: 'substantiated', description: `required: one of ${SUBSTANTIATION_LEVELS.join(', ')}` });
  if (!isClassificationCode(c.classificationCode)) {
    v.push({ field: 'classificationCode', description: 'must be a Permen PAN 5/2009 classification code, 01 to 10' });
  }
  if (c.severity === undefined) v.push({ field: 'severity', description: `required: one of ${SEVERITIES.join(', ')}` });
  text('recommendation');
  if (v.length > 0 || c.substantiated === undefined || c.severity === undefined || !isClassificationCode(c.classificationCode)) {
    throw new ServiceError('invalid', 'REQUEST.INVALID', 'the analysis cannot be recorded as sent', { fieldViolations: v });
  }
  return {
    findings: c.findings,
    substantiated: c.substantiated,
    classification: c.classificationCode,
    severity: c.severity,
    recommendation: c.recommendation,
  };
}
