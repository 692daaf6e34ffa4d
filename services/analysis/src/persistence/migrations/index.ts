import { COMPLAINT_DOCUMENT_MIGRATIONS } from '@pengaduan/documents';
import { AnalysisRecord1795800000400 } from './1795800000400-analysis-record';

/** Analysis's own migrations, in order (after @pengaduan/messaging's and the complaint-state ones). */
export const ANALYSIS_MIGRATIONS = [AnalysisRecord1795800000400, ...COMPLAINT_DOCUMENT_MIGRATIONS];
