import { Metadata, ServerCredentials, status, type Server, type ServiceError as GrpcServiceError } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { ServiceError, unavailableIfTransient, type ErrorKind, type FieldViolation, type ServiceErrorCode } from './errors';

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
  // Every service of a release builds on the same catalogue (libs/contracts), so the code is one of it.
  if (kind && code) return new ServiceError(kind, code as ServiceErrorCode, err.details, details);
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
