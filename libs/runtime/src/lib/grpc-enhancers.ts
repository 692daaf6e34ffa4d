import type { ServerUnaryCall } from '@grpc/grpc-js';
import { Catch, createParamDecorator, type ArgumentsHost, type CallHandler, type CanActivate, type ExecutionContext, type NestInterceptor, type RpcExceptionFilter } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Observable, throwError } from 'rxjs';
import { ServiceError } from './errors';
import { CORRELATION_ID_METADATA_KEY, toGrpcError } from './grpc';
import { allowedCallers, type GrpcCallerPolicy } from './grpc-callers';
import { serviceOfCertificate } from './grpc-tls';
import { withLogContext, type Logger } from './logger';

// What every call to a service's internal gRPC API goes through (docs/adr/0036), registered on
// the Nest microservice by connectInternalGrpc: the caller guard (under mutual TLS), the log
// context interceptor and the error filter. A gRPC handler's arguments are (request, metadata,
// call): the call (index 2) carries the metadata, the method's path and the peer's certificate.

type Call = Pick<ServerUnaryCall<unknown, unknown>, 'metadata' | 'getPath' | 'getAuthContext'>;

const callOf = (context: ArgumentsHost): Call => context.getArgByIndex<Call>(2);

const correlationIds = new WeakMap<object, string>();

/**
 * The correlation id of a call: the caller's `x-correlation-id`, else a random one made for the
 * call — the same one every time it is asked, so the guard's, the handler's and the filter's log
 * lines all name it.
 */
export function correlationIdOfCall(call: Pick<Call, 'metadata'>): string {
  let id = correlationIds.get(call);
  if (id === undefined) {
    id = call.metadata.get(CORRELATION_ID_METADATA_KEY)[0]?.toString() || randomUUID();
    correlationIds.set(call, id);
  }
  return id;
}

/** The call's correlation id as a gRPC handler's parameter: `method(@Payload() request, @CorrelationId() correlationId)`. */
export const CorrelationId = createParamDecorator((_data: unknown, context: ExecutionContext): string => correlationIdOfCall(callOf(context)));

/** Runs every gRPC handler inside its call's log context, so each of its log lines names the correlation id. */
export class GrpcLogContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const correlationId = correlationIdOfCall(callOf(context));
    return new Observable((subscriber) => withLogContext({ correlationId }, () => next.handle().subscribe(subscriber)));
  }
}

/**
 * Under mutual TLS, lets a call through only from a service `callers` allows for its method: the
 * service its verified client certificate names (grpc-tls.ts). Any other is refused with
 * PERMISSION_DENIED before the handler runs (docs/adr/0028).
 */
export class GrpcCallerGuard implements CanActivate {
  constructor(
    private readonly callers: GrpcCallerPolicy,
    private readonly logger: Logger,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const call = callOf(context);
    // `/pengaduan.intake.v1.IntakeService/VerifyReporter`: the policy's service and method names.
    const method = call.getPath().slice(1);
    const [service = '', name = ''] = method.split('/');
    const caller = serviceOfCertificate(call.getAuthContext()?.sslPeerCertificate);
    if (caller && allowedCallers(this.callers, service, name).includes(caller)) return true;
    withLogContext({ correlationId: correlationIdOfCall(call) }, () =>
      this.logger.warn({ caller: caller ?? null, method }, 'gRPC call refused: the calling service may not call this method'),
    );
    throw new ServiceError('forbidden', 'GRPC.CALLER_NOT_ALLOWED', `the calling service may not call ${method}`);
  }
}

/**
 * Answers whatever a gRPC handler or the guard threw as toGrpcError maps it: a ServiceError as its
 * status with `x-error-code` / `x-error-details`, a transient failure as UNAVAILABLE, anything else
 * as INTERNAL without its message (logged, with the call's correlation id).
 */
@Catch()
export class GrpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    const error = withLogContext({ correlationId: correlationIdOfCall(callOf(host)) }, () => toGrpcError(exception, this.logger));
    return throwError(() => error);
  }
}
