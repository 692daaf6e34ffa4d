import { AnalysisService, DispositionService, IntakeService, NotificationService, TeamDecreeService } from '@pengaduan/contracts';
import type { GrpcTls, Logger } from '@pengaduan/runtime';
import { UpstreamClient, type MethodsOf } from '@pengaduan/runtime';

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
