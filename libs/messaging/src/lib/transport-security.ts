import { loadConfigParts, loadGrpcTls, type GrpcTls } from '@pengaduan/runtime';
import { loadKafkaSecurity, type KafkaSecurity } from './kafka-security';

/** How a service's connections are secured (docs/adr/0028): Kafka's TLS and SASL, internal gRPC's mutual TLS. */
export interface TransportSecurity {
  kafkaSecurity?: KafkaSecurity;
  grpcTls?: GrpcTls;
}

/**
 * A service's config part for its connections: KAFKA_SSL_* and KAFKA_SASL_* (loadKafkaSecurity)
 * and, for a service that serves or calls internal gRPC, GRPC_TLS_* (loadGrpcTls, its certificate
 * must name `service`). Every problem of both is reported together.
 */
export function loadTransportSecurity(service: string, env: NodeJS.ProcessEnv = process.env, options: { grpc?: boolean } = {}): TransportSecurity {
  const { kafkaSecurity, grpcTls } = loadConfigParts(
    () => ({ kafkaSecurity: loadKafkaSecurity(env) }),
    () => ({ grpcTls: options.grpc === false ? undefined : loadGrpcTls(service, env) }),
  );
  return { ...(kafkaSecurity ? { kafkaSecurity } : {}), ...(grpcTls ? { grpcTls } : {}) };
}
