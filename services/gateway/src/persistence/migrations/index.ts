import { GatewayComplaintView1795800000200 } from './1795800000200-gateway-complaint-view';

/** The gateway's own migrations, in order (the outbox/inbox ones come from @pengaduan/messaging). */
export const GATEWAY_MIGRATIONS = [GatewayComplaintView1795800000200];
