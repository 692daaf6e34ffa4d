import type { Provider, Type } from '@nestjs/common';
import { SlaPolicyHandler } from './sla-policy.handler';
import { SlaPolicyHttpController } from './sla-policy.http.controller';

/**
 * The office's SLA policy and working calendar in the gateway (docs/adr/0049): read by every
 * officer of the office, set by its head of office, kept by sla-monitor (SlaMonitorClient, which
 * GatewayModule provides with the other upstream clients).
 */
export const SLA_POLICY: { controllers: Type[]; providers: Provider[] } = {
  controllers: [SlaPolicyHttpController],
  providers: [SlaPolicyHandler],
};
