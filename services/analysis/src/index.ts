// What other projects may use of analysis: the service as a whole (the embedded platform starts it).
export { analysisService } from './service-entry';
export type { AnalysisConfig } from './config';
