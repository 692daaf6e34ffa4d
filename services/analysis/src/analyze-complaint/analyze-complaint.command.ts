import type { CommandContext } from '@pengaduan/messaging';
import type { Severity, Substantiation } from '@pengaduan/sop';

/** SOP step 4: Admin Tikkim records the complaint analysis (Analisis Aduan). */
export interface AnalyzeComplaintCommand extends CommandContext {
  /** What the analysis found. */
  findings: string;
  /** Absent when the request left it UNSPECIFIED (refused by the handler). */
  substantiated: Substantiation | undefined;
  /** Permen PAN 5/2009 code `01`-`10`; may correct the one given at confirmation. */
  classificationCode: string;
  /** Absent when the request left it UNSPECIFIED (refused by the handler). */
  severity: Severity | undefined;
  /** What the analysis recommends to the follow-up decision. */
  recommendation: string;
}
