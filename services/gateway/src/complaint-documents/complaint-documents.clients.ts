import { ComplaintDocumentsService } from '@pengaduan/contracts';
import { DOCUMENT_PRODUCER, type DocumentKind } from '@pengaduan/documents';
import { UpstreamClient, type Logger, type MethodsOf } from '@pengaduan/runtime';
import type { GatewayConfig } from '../config';

type Producer = (typeof DOCUMENT_PRODUCER)[DocumentKind];

/** `ComplaintDocumentsService` of each service that produces documents, on the service's own gRPC address. */
export class ComplaintDocumentsClients {
  private readonly clients: Record<Producer, UpstreamClient<MethodsOf<typeof ComplaintDocumentsService>>>;

  constructor(config: Pick<GatewayConfig, 'intakeGrpcUrl' | 'dispositionGrpcUrl' | 'analysisGrpcUrl' | 'teamDecreeGrpcUrl' | 'notificationGrpcUrl' | 'grpcTls'>, logger: Logger) {
    const client = (name: Producer, address: string) => new UpstreamClient(name, ComplaintDocumentsService, address, logger, config.grpcTls);
    this.clients = {
      intake: client('intake', config.intakeGrpcUrl),
      disposition: client('disposition', config.dispositionGrpcUrl),
      analysis: client('analysis', config.analysisGrpcUrl),
      'team-decree': client('team-decree', config.teamDecreeGrpcUrl),
      notification: client('notification', config.notificationGrpcUrl),
    };
  }

  /** The client of the service that owns documents of `kind`. */
  of(kind: DocumentKind): UpstreamClient<MethodsOf<typeof ComplaintDocumentsService>> {
    return this.clients[DOCUMENT_PRODUCER[kind]];
  }

  all(): UpstreamClient<MethodsOf<typeof ComplaintDocumentsService>>[] {
    return Object.values(this.clients);
  }
}
