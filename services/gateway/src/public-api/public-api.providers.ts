import { ServiceRuntime } from '@pengaduan/messaging';
import type { Logger } from '@pengaduan/runtime';
import type { Provider } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { IntakeClient } from '../upstream/clients';
import { OfficeClients } from './office-clients';
import { OfficeComplaintsApi } from './office-complaints.api';
import { PublicApiQueries } from './public-api.queries';
import { PublicGrpcServer, type PublicGrpcServerOptions } from './public-grpc-server';

/**
 * The public gRPC API's providers for the gateway module: its server (bound at bootstrap,
 * stopped before the runtime), the office clients and the read-model queries.
 */
export function publicApiProviders(config: Pick<GatewayConfig, 'grpcAddress'>, logger: Logger, options: PublicGrpcServerOptions = {}): Provider[] {
  return [
    { provide: OfficeClients, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => new OfficeClients(() => rt.dataSource) },
    { provide: PublicApiQueries, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => new PublicApiQueries(() => rt.dataSource) },
    {
      provide: PublicGrpcServer,
      inject: [ServiceRuntime, IntakeClient, OfficeClients, PublicApiQueries],
      useFactory: (rt: ServiceRuntime, intake: IntakeClient, clients: OfficeClients, queries: PublicApiQueries) =>
        new PublicGrpcServer(config.grpcAddress, rt, new OfficeComplaintsApi(intake, queries), clients, queries, logger, options),
    },
  ];
}
