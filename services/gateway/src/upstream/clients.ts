import { AnalysisService, DispositionService, IntakeService, NotificationService, SlaMonitorService, TeamDecreeService } from '@pengaduan/contracts';
import type { GrpcTls, Logger } from '@pengaduan/runtime';
import { UpstreamClient, type MethodsOf } from '@pengaduan/runtime';
import type { Provider } from '@nestjs/common';
import type { GatewayConfig } from '../config';

// One class per service, so Nest injects each by its type.

/** intake: steps 1-2 (register, confirm, dismiss). */
export class IntakeClient extends UpstreamClient<MethodsOf<typeof IntakeService>> {
  constructor(address: string, logger: Logger, tls?: GrpcTls) {
    super('intake', IntakeService, address, logger, tls);
  }
}

/** disposition: step 3 (disposition sheet, sections' responses, the office's sections). */
export class DispositionClient extends UpstreamClient<MethodsOf<typeof DispositionService>> {
  constructor(address: string, logger: Logger, tls?: GrpcTls) {
    super('disposition', DispositionService, address, logger, tls);
  }
}

/** analysis: steps 4-5 (analysis, follow-up decision). */
export class AnalysisClient extends UpstreamClient<MethodsOf<typeof AnalysisService>> {
  constructor(address: string, logger: Logger, tls?: GrpcTls) {
    super('analysis', AnalysisService, address, logger, tls);
  }
}

/** team-decree: step 6. */
export class TeamDecreeClient extends UpstreamClient<MethodsOf<typeof TeamDecreeService>> {
  constructor(address: string, logger: Logger, tls?: GrpcTls) {
    super('team-decree', TeamDecreeService, address, logger, tls);
  }
}

/** notification: steps 7-8 (follow-up information, delivery). */
export class NotificationClient extends UpstreamClient<MethodsOf<typeof NotificationService>> {
  constructor(address: string, logger: Logger, tls?: GrpcTls) {
    super('notification', NotificationService, address, logger, tls);
  }
}

/** sla-monitor: the offices' SLA policies and working calendars (docs/adr/0049). */
export class SlaMonitorClient extends UpstreamClient<MethodsOf<typeof SlaMonitorService>> {
  constructor(address: string, logger: Logger, tls?: GrpcTls) {
    super('sla-monitor', SlaMonitorService, address, logger, tls);
  }
}

/** Every upstream service's client on its configured address: one connection each, closed when the gateway stops. */
export function upstreamClients(config: GatewayConfig, logger: Logger) {
  return {
    intake: new IntakeClient(config.intakeGrpcUrl, logger, config.grpcTls),
    disposition: new DispositionClient(config.dispositionGrpcUrl, logger, config.grpcTls),
    analysis: new AnalysisClient(config.analysisGrpcUrl, logger, config.grpcTls),
    teamDecree: new TeamDecreeClient(config.teamDecreeGrpcUrl, logger, config.grpcTls),
    notification: new NotificationClient(config.notificationGrpcUrl, logger, config.grpcTls),
    slaMonitor: new SlaMonitorClient(config.slaMonitorGrpcUrl, logger, config.grpcTls),
  };
}

/** The clients as Nest providers, each injected by its class. */
export function upstreamProviders(clients: ReturnType<typeof upstreamClients>): Provider[] {
  return Object.values(clients).map((client) => ({ provide: client.constructor, useValue: client }));
}
