import { COMPLAINT_STATE_MIGRATIONS } from '@pengaduan/messaging';
import { SlaMonitorInitial1795800000700 } from './1795800000700-sla-monitor-initial';
import { SlaMonitorPolicyHistory1795801001500 } from './1795801001500-sla-monitor-policy-history';

/**
 * sla-monitor's migrations, in order: the complaint-state view of libs/messaging, then its own
 * (ServiceRuntime runs the outbox/inbox ones before all of these).
 */
export const SLA_MONITOR_MIGRATIONS = [...COMPLAINT_STATE_MIGRATIONS, SlaMonitorInitial1795800000700, SlaMonitorPolicyHistory1795801001500];
