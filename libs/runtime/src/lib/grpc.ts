import {
  Metadata,
  Server,
  ServerCredentials,
  status,
  type sendUnaryData,
  type ServerUnaryCall,
  type ServiceDefinition,
  type ServiceError as GrpcServiceError,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import type { MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import { toGrpcServiceDefinition } from '@pengaduan/contracts';
import type { Logger } from 'pino';
import { ServiceError, unavailableIfTransient, type ErrorKind, type FieldViolation } from './errors';
import { allowedCallers, INTERNAL_GRPC_CALLERS, type GrpcCallerPolicy } from './grpc-callers';
import { grpcServerCredentials, requireGrpcTlsInProduction, serviceOfCertificate, type GrpcTls } from './grpc-tls';
import { withLogContext } from './logger';

const GRPC_STATUS_OF: Record<ErrorKind, status> = {
  invalid: status.INVALID_ARGUMENT,
  unauthenticated: status.UNAUTHENTICATED,
  forbidden: status.PERMISSION_DENIED,
  'not-found': status.NOT_FOUND,
  conflict: status.FAILED_PRECONDITION,
  'precondition-failed': status.ABORTED,
  'idempotency-mismatch': status.ALREADY_EXISTS,
  'rate-limited': status.RESOURCE_EXHAUSTED,
  unavailable: status.UNAVAILABLE,
};
const KIND_OF = Object.fromEntries(Object.entries(GRPC_STATUS_OF).map(([k, v]) => [v, k])) as Record<number, ErrorKind>;

/** gRPC metadata key of the correlation id a caller passes along. */
export const CORRELATION_ID_METADATA_KEY = 'x-correlation-id';

/** Metadata keys carrying a ServiceError across gRPC. */
export const ERROR_CODE_KEY = 'x-error-code';
export const ERROR_DETAILS_KEY = 'x-error-details';

/**
 * A ServiceError (or any error) as a gRPC error: a transient failure (the database out of reach)
 * becomes the retryable UNAVAILABLE; other unknown errors become INTERNAL without their message.
 */
export function toGrpcError(thrown: unknown, logger: Logger): Partial<GrpcServiceError> {
  const metadata = new Metadata();
  const err = unavailableIfTransient(thrown);
  if (err instanceof ServiceError) {
    metadata.set(ERROR_CODE_KEY, err.code);
    metadata.set(ERROR_DETAILS_KEY, JSON.stringify(err.details));
    return { code: GRPC_STATUS_OF[err.kind], details: err.message, metadata };
  }
  logger.error({ err: { message: (err as Error)?.message, stack: (err as Error)?.stack } }, 'unexpected error in a gRPC call');
  metadata.set(ERROR_CODE_KEY, 'INTERNAL');
  return { code: status.INTERNAL, details: 'internal error', metadata };
}

/** The ServiceError a gRPC client received, so a gateway can answer with the same meaning. */
export function fromGrpcError(err: GrpcServiceError): ServiceError {
  const code = err.metadata?.get(ERROR_CODE_KEY)[0]?.toString();
  const rawDetails = err.metadata?.get(ERROR_DETAILS_KEY)[0]?.toString();
  let details: { fieldViolations?: FieldViolation[]; state?: string } = {};
  try {
    details = rawDetails ? JSON.parse(rawDetails) : {};
  } catch {
    details = {};
  }
  const kind = KIND_OF[err.code];
  if (kind && code) return new ServiceError(kind, code, err.details, details);
  if (err.code === status.UNAVAILABLE || err.code === status.DEADLINE_EXCEEDED) {
    return new ServiceError('unavailable', 'UPSTREAM.UNAVAILABLE', `upstream service unavailable: ${err.details}`);
  }
  throw err;
}

/** Binds a grpc-js server (plaintext unless given credentials); resolves with the bound port (useful with port 0 in tests). */
export function bindGrpcServer(server: Server, address: string, serverCredentials: ServerCredentials = ServerCredentials.createInsecure()): Promise<number> {
  return new Promise((resolve, reject) => server.bindAsync(address, serverCredentials, (err, port) => (err ? reject(err) : resolve(port))));
}

/** Lets calls in flight finish (up to `graceMs`), then forces the server down. */
export async function shutdownGrpcServer(server: Server, graceMs = 5_000): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export interface GrpcServiceHostOptions {
  /** Mutual TLS (loadGrpcTls): callers must present a certificate of the platform CA. Absent: plaintext, no caller check (development). */
  tls?: GrpcTls;
  /** Who may call which method, checked on every call under mutual TLS (default INTERNAL_GRPC_CALLERS). */
  callers?: GrpcCallerPolicy;
}

/**
 * A grpc-js server for one service's internal API: each unary method runs its handler inside
 * the caller's correlation id, answers the handler's result as the response message, and maps
 * a thrown ServiceError to its gRPC status (anything else to INTERNAL, logged). Under mutual TLS
 * a call from a service the caller policy does not allow for the method is refused with
 * PERMISSION_DENIED before its handler runs (docs/adr/0028).
 */
export class GrpcServiceHost {
  private readonly server = new Server({ 'grpc.max_receive_message_length': 4 * 1024 * 1024 });
  port = 0;

  constructor(
    private readonly address: string,
    private readonly logger: Logger,
    private readonly options: GrpcServiceHostOptions = {},
  ) {
    requireGrpcTlsInProduction(options.tls);
  }

  /** Adds a generated service whose methods are all unary: `handlers.<method>(request, correlationId)`. */
  addService<M extends GenServiceMethods>(
    service: GenService<M>,
    handlers: { [K in keyof M]: (request: MessageShape<M[K]['input']>, correlationId: string) => Promise<MessageInitShape<M[K]['output']>> },
  ): this {
    const impl: UntypedServiceImplementation = {};
    for (const name of Object.keys(handlers) as (keyof M & string)[]) {
      const handler = handlers[name] as (request: unknown, correlationId: string) => Promise<unknown>;
      const method = service.method[name]?.name ?? name;
      const callers = allowedCallers(this.options.callers ?? INTERNAL_GRPC_CALLERS, service.typeName, method);
      impl[name] = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
        const correlationId = call.metadata.get(CORRELATION_ID_METADATA_KEY)[0]?.toString() || randomUUID();
        void withLogContext({ correlationId }, async () => {
          try {
            if (this.options.tls) this.authorize(call, callers, `${service.typeName}/${method}`);
            callback(null, await handler(call.request, correlationId));
          } catch (err) {
            callback(toGrpcError(err, this.logger));
          }
        });
      };
    }
    this.server.addService(toGrpcServiceDefinition(service) as unknown as ServiceDefinition, impl);
    return this;
  }

  async start(): Promise<number> {
    this.port = await bindGrpcServer(this.server, this.address, grpcServerCredentials(this.options.tls));
    this.logger.info({ address: this.address, port: this.port, mutualTls: this.options.tls !== undefined }, 'gRPC server listening');
    return this.port;
  }

  /** The calling service, as its verified client certificate names it, must be one `callers` lists. */
  private authorize(call: ServerUnaryCall<unknown, unknown>, callers: readonly string[], method: string): void {
    const caller = serviceOfCertificate(call.getAuthContext()?.sslPeerCertificate);
    if (caller && callers.includes(caller)) return;
    this.logger.warn({ caller: caller ?? null, method }, 'gRPC call refused: the calling service may not call this method');
    throw new ServiceError('forbidden', 'GRPC.CALLER_NOT_ALLOWED', `the calling service may not call ${method}`);
  }

  stop(): Promise<void> {
    return shutdownGrpcServer(this.server);
  }
}
