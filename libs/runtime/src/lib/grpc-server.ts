import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import { Server } from '@grpc/grpc-js';
import { Module, type INestApplication, type INestMicroservice, type Provider, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GrpcMethodStreamingType, ServerGrpc, type CustomStrategy, type NestMicroservice } from '@nestjs/microservices';
import { toGrpcServiceDefinition } from '@pengaduan/contracts';
import { bindGrpcServer, shutdownGrpcServer } from './grpc';
import { INTERNAL_GRPC_CALLERS, type GrpcCallerPolicy } from './grpc-callers';
import { GrpcCallerGuard, GrpcErrorFilter, GrpcLogContextInterceptor } from './grpc-enhancers';
import { grpcServerCredentials, requireGrpcTlsInProduction, type GrpcTls } from './grpc-tls';
import type { Logger } from './logger';
import { NestJsonLogger } from './nest-logger';

/** The largest request a server reads (grpc-js's own default, stated): a larger one is refused before it is parsed. */
const GRPC_MAX_RECEIVE_BYTES = 4 * 1024 * 1024;

/** How long the calls in flight may take to finish when the server stops, before it is forced down. */
const SHUTDOWN_GRACE_MS = 5_000;

/** A service's internal gRPC API (docs/adr/0036). */
export interface InternalGrpcOptions {
  /** `host:port` to bind (port 0: one the OS picks, see {@link InternalGrpcServer.port}). */
  address: string;
  /** The generated services (protobuf-es) the app's @GrpcMethod controllers implement, every method of each. */
  services: readonly GenService<GenServiceMethods>[];
  /** Mutual TLS (loadGrpcTls): callers present a certificate of the platform CA, checked against `callers`. Absent: plaintext, no caller check (development). */
  tls?: GrpcTls;
  /** Who may call which method under mutual TLS (default INTERNAL_GRPC_CALLERS). */
  callers?: GrpcCallerPolicy;
}

/**
 * Nest's gRPC transport (ServerGrpc, `Transport.GRPC`) fed by the protobuf-es definitions of
 * libs/contracts rather than .proto files read at run time (a `packageDefinition` made by
 * toGrpcServiceDefinition, so messages travel as protobuf-es binary). What it changes of Nest's:
 * it binds once every service is added (Nest's binds first), so it knows its port (port 0 in
 * tests), refuses to start a service's API when a declared method has no @GrpcMethod handler
 * (the hand-written maps had the compiler check that), and stops as every service did: the calls in flight finish,
 * then, after a grace period, the server is forced down (Nest's graceful close waits for ever).
 */
export class InternalGrpcServer extends ServerGrpc {
  /** The bound port, once listening. */
  port = 0;

  constructor(
    private readonly api: InternalGrpcOptions,
    private readonly log: Logger,
    /** Every method of `api.services` must have a handler (a stand-in serves only what its test needs; the rest answer UNIMPLEMENTED). */
    private readonly everyMethod = true,
  ) {
    super(nestGrpcOptions(api));
  }

  /** The grpc-js server, bound by start() once the services are in. */
  override async createClient(): Promise<Server> {
    return new Server({ 'grpc.max_receive_message_length': GRPC_MAX_RECEIVE_BYTES });
  }

  override async start(callback?: () => void): Promise<void> {
    await this.bindEvents();
    this.assertEveryMethodHandled();
    this.port = await bindGrpcServer(this.grpcClient as Server, this.url, grpcServerCredentials(this.api.tls));
    this.log.info({ address: this.url, port: this.port, mutualTls: this.api.tls !== undefined }, 'gRPC server listening');
    callback?.();
  }

  override async close(): Promise<void> {
    const server = this.grpcClient as Server | null | undefined;
    this.grpcClient = null;
    if (!server) return;
    this.log.info({ address: this.url, port: this.port }, 'gRPC server stopping: no new calls, the calls in flight finish');
    await shutdownGrpcServer(server, SHUTDOWN_GRACE_MS);
  }

  private assertEveryMethodHandled(): void {
    if (!this.everyMethod) return;
    const missing = this.api.services.flatMap((service) =>
      service.methods
        .filter((m) => !this.getMessageHandler(service.name, m.name, GrpcMethodStreamingType.NO_STREAMING, { path: `/${service.typeName}/${m.name}` }))
        .map((m) => `${service.typeName}/${m.name}`),
    );
    if (missing.length > 0) throw new Error(`no @GrpcMethod handler for ${missing.join(', ')}`);
  }
}

function nestGrpcOptions(api: InternalGrpcOptions): ConstructorParameters<typeof ServerGrpc>[0] {
  requireGrpcTlsInProduction(api.tls);
  const packageOf = (s: GenService<GenServiceMethods>) => s.typeName.slice(0, s.typeName.lastIndexOf('.'));
  return {
    url: api.address,
    package: [...new Set(api.services.map(packageOf))],
    packageDefinition: Object.fromEntries(api.services.map((s) => [s.typeName, toGrpcServiceDefinition(s)])),
  };
}

/** Puts every call to the microservice's handlers through the caller guard (under mutual TLS), the log context interceptor and the error filter. */
function useInternalGrpcEnhancers(microservice: INestMicroservice, api: InternalGrpcOptions, logger: Logger): void {
  if (api.tls) microservice.useGlobalGuards(new GrpcCallerGuard(api.callers ?? INTERNAL_GRPC_CALLERS, logger));
  microservice.useGlobalInterceptors(new GrpcLogContextInterceptor());
  microservice.useGlobalFilters(new GrpcErrorFilter(logger));
}

/**
 * Serves the app's @GrpcMethod controllers as the service's internal gRPC API: a Nest microservice
 * of the app (a hybrid app), started by `app.startAllMicroservices()` and closed with the app.
 */
export function connectInternalGrpc(app: INestApplication, api: InternalGrpcOptions, logger: Logger): InternalGrpcServer {
  const server = new InternalGrpcServer(api, logger);
  // Deferred: the guard, interceptor and filter must be in before the handlers are bound.
  const microservice = app.connectMicroservice<CustomStrategy>({ strategy: server }, { deferInitialization: true }) as INestMicroservice &
    Pick<NestMicroservice, 'registerListeners' | 'setIsInitialized' | 'setIsInitHookCalled'>;
  useInternalGrpcEnhancers(microservice, api, logger);
  // Then what connectMicroservice does when not deferred: bind the handlers, and count the
  // lifecycle hooks as run (they are the container's, which both share: the app runs them, once).
  microservice.registerListeners();
  microservice.setIsInitialized(true);
  microservice.setIsInitHookCalled(true);
  return server;
}

/** The root of a microservice started on its own: its controllers and providers come with it (startGrpcMicroservice). */
@Module({})
class GrpcMicroserviceModule {}

/** A gRPC server started on its own, see {@link startGrpcMicroservice}. */
export interface GrpcMicroservice {
  /** The bound port (the OS's choice for port 0). */
  readonly port: number;
  /** `host:port` it listens on. */
  readonly address: string;
  close(): Promise<void>;
}

/**
 * `controllers` (and the providers they need) as a gRPC server of their own: a Nest microservice
 * without HTTP, through the same guard, interceptor and filter as a service's internal API. For
 * what serves gRPC but is not a service (the tests' stand-ins of one): a method without a
 * handler answers UNIMPLEMENTED.
 */
export async function startGrpcMicroservice(api: InternalGrpcOptions, logger: Logger, controllers: Type[], providers: Provider[] = []): Promise<GrpcMicroservice> {
  const server = new InternalGrpcServer(api, logger, false);
  const microservice = await NestFactory.createMicroservice<CustomStrategy>(
    { module: GrpcMicroserviceModule, controllers, providers },
    { strategy: server, logger: new NestJsonLogger(logger), abortOnError: false },
  );
  useInternalGrpcEnhancers(microservice, api, logger);
  await microservice.listen();
  return { port: server.port, address: `${api.address.slice(0, api.address.lastIndexOf(':'))}:${server.port}`, close: () => microservice.close() };
}
