import type { MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import { toGrpcServiceDefinition, type GrpcServiceDefinition } from '@pengaduan/contracts';
import { CORRELATION_ID_METADATA_KEY, fromGrpcError } from './grpc';
import { ServiceError } from './errors';
import { grpcClientCredentials, grpcClientOptions, requireGrpcTlsInProduction, type GrpcTls } from './grpc-tls';
import type { Logger } from './logger';
import { makeGenericClientConstructor, Metadata, type Client, type ServiceDefinition, type ServiceError as GrpcServiceError } from '@grpc/grpc-js';

/** The methods of a generated service, as `GenService` is typed by them. */
export type MethodsOf<S> = S extends GenService<infer M> ? M : never;

/** How long a caller waits for a service before it gives up (the gateway answers 503). */
export const UPSTREAM_DEADLINE_MS = 10_000;

/**
 * The calling side of one service's internal gRPC API, typed by the generated service. Every
 * call carries the correlation id and a deadline; the service's errors come back as the
 * ServiceErrors it threw (kind, code, field violations, state, details), and an unreachable or
 * silent service as `unavailable` (503) with nothing of the network in the message.
 */
export class UpstreamClient<M extends GenServiceMethods> {
  private readonly client: Client;
  private readonly definition: GrpcServiceDefinition<M>;

  constructor(
    /** The service's name for messages and logs, e.g. `disposition`. */
    readonly serviceName: string,
    service: GenService<M>,
    address: string,
    private readonly logger: Logger,
    /** Mutual TLS (loadGrpcTls): this service's certificate, and the server must present one naming `serviceName`. Absent: plaintext. */
    tls?: GrpcTls,
  ) {
    requireGrpcTlsInProduction(tls);
    this.definition = toGrpcServiceDefinition(service);
    const Constructor = makeGenericClientConstructor(this.definition as unknown as ServiceDefinition, service.typeName);
    // Connects lazily, on the first call, and reconnects by itself.
    this.client = new Constructor(address, grpcClientCredentials(tls, serviceName), grpcClientOptions(tls, serviceName));
  }

  call<K extends keyof M & string>(method: K, request: MessageInitShape<M[K]['input']>, correlationId: string): Promise<MessageShape<M[K]['output']>> {
    const definition = this.definition[method];
    const metadata = new Metadata();
    metadata.set(CORRELATION_ID_METADATA_KEY, correlationId);
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        definition.path,
        definition.requestSerialize as (value: MessageInitShape<M[K]['input']>) => Buffer,
        definition.responseDeserialize,
        request,
        metadata,
        { deadline: Date.now() + UPSTREAM_DEADLINE_MS },
        (err, response) => (err ? reject(this.toServiceError(definition.path, err)) : resolve(response as MessageShape<M[K]['output']>)),
      );
    });
  }

  close(): void {
    this.client.close();
  }

  /** The service's ServiceError; anything it does not map stays as it is (the REST API answers 500). */
  private toServiceError(path: string, err: GrpcServiceError): unknown {
    let mapped: ServiceError;
    try {
      mapped = fromGrpcError(err);
    } catch {
      return err;
    }
    if (mapped.code === 'UPSTREAM.UNAVAILABLE') {
      // The transport's details (addresses, socket errors) go to the log, not to the client.
      this.logger.warn({ method: path, grpcCode: err.code, details: err.details }, `${this.serviceName} did not answer`);
      return new ServiceError('unavailable', 'UPSTREAM.UNAVAILABLE', `${this.serviceName} is not reachable right now; try again shortly (with the same Idempotency-Key)`);
    }
    return mapped;
  }
}
