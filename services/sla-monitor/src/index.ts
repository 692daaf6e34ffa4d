// What other projects may use of sla-monitor: the service as a whole (the embedded platform starts it).
export { slaMonitorService } from './service-entry';
export type { SlaMonitorConfig } from './config';
