import { toBinary } from '@bufbuild/protobuf';
import type { DescFile } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { publicApi, toGrpcServiceDefinition } from '@pengaduan/contracts';
import type { ServiceRuntime } from '@pengaduan/messaging';
import { bindGrpcServer, CORRELATION_ID_METADATA_KEY, ServiceError, shutdownGrpcServer, withLogContext, type Logger } from '@pengaduan/runtime';
import { ReflectionService } from '@grpc/reflection';
import {
  Server,
  type Metadata,
  type MethodDefinition,
  type sendUnaryData,
  type ServerUnaryCall,
  type ServerWritableStream,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import { randomUUID } from 'node:crypto';
import { complaintEventOf, OfficeComplaintsApi } from './office-complaints.api';
import type { OfficeClient, OfficeClients } from './office-clients';
import type { PublicApiQueries } from './public-api.queries';
import { toPublicGrpcError } from './public-grpc-errors';
import { decodedOrRefused, withUndecodableRequests } from './undecodable-requests';

/** The fully qualified name health checking and reflection know the API by. */
export const PUBLIC_SERVICE_NAME = publicApi.OfficeComplaintsService.typeName;

export interface PublicGrpcServerOptions {
  /** How often a subscription looks for new events once it has caught up (ms). */
  subscriptionPollMs?: number;
  /** Events read per query of a subscription. */
  subscriptionBatch?: number;
  /** How often the health status follows the runtime's readiness (ms). */
  healthIntervalMs?: number;
  /** Server reflection (default on; off by default in production, GRPC_REFLECTION). */
  reflection?: boolean;
}

/** The token of `authorization: Bearer <token>`, or undefined. */
function bearerToken(metadata: Metadata): string | undefined {
  const value = metadata.get('authorization')[0]?.toString() ?? '';
  return /^Bearer\s+(\S+)$/i.exec(value)?.[1];
}

/** Every file the service's descriptors come from, dependencies first, for server reflection. */
function fileDescriptorProtos(root: DescFile): Buffer[] {
  const seen = new Set<string>();
  const out: Buffer[] = [];
  const visit = (file: DescFile) => {
    if (seen.has(file.name)) return;
    seen.add(file.name);
    file.dependencies.forEach(visit);
    const bytes = toBinary(FileDescriptorProtoSchema, file.proto);
    out.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  };
  visit(root);
  return out;
}

type ReflectionPackage = ConstructorParameters<typeof ReflectionService>[0];

/**
 * The gateway's second server: the public gRPC API (`pengaduan.v1.OfficeComplaintsService`)
 * beside `grpc.health.v1.Health` (SERVING while the runtime is ready) and, unless switched off,
 * server reflection (v1 and v1alpha). Every call of the API authenticates its office client first
 * (UNAUTHENTICATED otherwise). Subscriptions poll the read model's timeline; on shutdown they
 * end cleanly (OK) before the server stops, so a client resumes from its last position.
 */
export class PublicGrpcServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly server = new Server({ 'grpc.max_receive_message_length': 4 * 1024 * 1024 });
  private readonly health = new HealthImplementation({ '': 'NOT_SERVING', [PUBLIC_SERVICE_NAME]: 'NOT_SERVING' });
  private readonly api: OfficeComplaintsApi;
  private readonly wakers = new Set<() => void>();
  private readonly streams = new Set<Promise<void>>();
  private healthTimer?: NodeJS.Timeout;
  private stopping = false;
  port = 0;

  constructor(
    private readonly address: string,
    private readonly runtime: ServiceRuntime,
    api: OfficeComplaintsApi,
    private readonly clients: OfficeClients,
    private readonly queries: PublicApiQueries,
    private readonly logger: Logger,
    private readonly options: PublicGrpcServerOptions = {},
  ) {
    this.api = api;
    this.health.addToServer(this.server);
    const reflection: ReflectionPackage = {
      [PUBLIC_SERVICE_NAME]: { fileDescriptorProtos: fileDescriptorProtos(publicApi.file_pengaduan_v1_service) },
    } as unknown as ReflectionPackage;
    if (options.reflection ?? true) new ReflectionService(reflection).addToServer(this.server);
    const impl: UntypedServiceImplementation = {
      submitComplaint: this.unary((caller, request: publicApi.SubmitComplaintRequest, correlationId) => this.api.submitComplaint(caller, request, correlationId)),
      getComplaint: this.unary((caller, request: publicApi.GetComplaintRequest) => this.api.getComplaint(caller, request)),
      listComplaints: this.unary((caller, request: publicApi.ListComplaintsRequest) => this.api.listComplaints(caller, request)),
      transferComplaint: this.unary((caller, request: publicApi.TransferComplaintRequest, correlationId) => this.api.transferComplaint(caller, request, correlationId)),
      subscribeComplaintEvents: (call: ServerWritableStream<publicApi.SubscribeComplaintEventsRequest, unknown>) => {
        const stream = this.subscribe(call);
        this.streams.add(stream);
        void stream.finally(() => this.streams.delete(stream));
      },
    };
    const definition = withUndecodableRequests(toGrpcServiceDefinition(publicApi.OfficeComplaintsService) as unknown as Record<string, MethodDefinition<unknown, unknown>>);
    this.server.addService(definition as unknown as ServiceDefinition, impl);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.port = await bindGrpcServer(this.server, this.address);
    this.logger.info({ address: this.address, port: this.port }, 'public gRPC API listening');
    // SERVING once the runtime is ready, then as its readiness goes.
    void this.runtime.ready().then(
      () => {
        this.setStatus('SERVING');
        this.healthTimer = setInterval(() => void this.followReadiness(), this.options.healthIntervalMs ?? 5_000);
        this.healthTimer.unref();
      },
      () => undefined,
    );
  }

  /** Before the runtime stops (Nest's onApplicationShutdown): no new calls, subscriptions ended, calls in flight finished. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.healthTimer);
    this.setStatus('NOT_SERVING');
    for (const wake of [...this.wakers]) wake();
    await Promise.allSettled([...this.streams]);
    await shutdownGrpcServer(this.server);
  }

  private setStatus(status: ServingStatus): void {
    this.health.setStatus('', status);
    this.health.setStatus(PUBLIC_SERVICE_NAME, status);
  }

  private async followReadiness(): Promise<void> {
    if (this.stopping) return;
    const report = await this.runtime.health.report();
    if (!this.stopping) this.setStatus(report.status === 'ready' ? 'SERVING' : 'NOT_SERVING');
  }

  private async authenticate(metadata: Metadata): Promise<OfficeClient> {
    const token = bearerToken(metadata);
    if (!token) throw new ServiceError('unauthenticated', 'AUTH.MISSING_TOKEN', 'send an office API client token as "authorization: Bearer <token>" metadata');
    const client = await this.clients.authenticate(token);
    if (!client) throw new ServiceError('unauthenticated', 'AUTH.INVALID_TOKEN', 'the token is not an active office API client token');
    return client;
  }

  private unary<Req>(handler: (caller: OfficeClient, request: Req, correlationId: string) => Promise<object>) {
    return (call: ServerUnaryCall<Req, unknown>, callback: sendUnaryData<unknown>) => {
      const correlationId = call.metadata.get(CORRELATION_ID_METADATA_KEY)[0]?.toString() || randomUUID();
      void withLogContext({ correlationId }, async () => {
        try {
          const caller = await this.authenticate(call.metadata);
          callback(null, await handler(caller, decodedOrRefused(call.request), correlationId));
        } catch (err) {
          callback(toPublicGrpcError(err, this.logger));
        }
      });
    };
  }

  /** Streams the office's events after the position: what is recorded, then each new one, until cancelled or shut down. */
  private async subscribe(call: ServerWritableStream<publicApi.SubscribeComplaintEventsRequest, unknown>): Promise<void> {
    let cancelled = false;
    call.on('cancelled', () => {
      cancelled = true;
    });
    const over = () => cancelled || this.stopping;
    let officeCode: string;
    let position: bigint;
    try {
      const caller = await this.authenticate(call.metadata);
      ({ officeCode, fromPosition: position } = this.api.subscription(caller, decodedOrRefused(call.request)));
    } catch (err) {
      call.emit('error', toPublicGrpcError(err, this.logger));
      return;
    }
    const batch = this.options.subscriptionBatch ?? 100;
    try {
      while (!over()) {
        let rows;
        try {
          rows = await this.queries.eventsAfter(officeCode, position, batch);
        } catch (err) {
          this.logger.warn({ err: { message: (err as Error).message } }, 'a subscription cannot read the timeline');
          throw new ServiceError('unavailable', 'SERVICE.UNAVAILABLE', 'the events cannot be read right now; subscribe again from the last position received');
        }
        for (const row of rows) {
          if (over()) break;
          const more = call.write({ event: complaintEventOf(row) });
          position = BigInt(row.stream_position);
          if (!more) await this.pause(call, 'drain');
        }
        if (rows.length < batch && !over()) await this.pause(call, this.options.subscriptionPollMs ?? 250);
      }
      if (!cancelled) call.end();
    } catch (err) {
      if (!cancelled) call.emit('error', toPublicGrpcError(err, this.logger));
    }
  }

  /** Waits for `drain` or a while, cut short by the client's cancel or the shutdown. */
  private pause(call: ServerWritableStream<unknown, unknown>, until: 'drain' | number): Promise<void> {
    return new Promise((resolve) => {
      const timer = typeof until === 'number' ? setTimeout(() => done(), until) : undefined;
      const done = () => {
        clearTimeout(timer);
        call.off('cancelled', done);
        call.off('drain', done);
        this.wakers.delete(done);
        resolve();
      };
      call.once('cancelled', done);
      if (until === 'drain') call.once('drain', done);
      this.wakers.add(done);
    });
  }
}
