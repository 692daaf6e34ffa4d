import type { GrpcServiceHost } from '@pengaduan/runtime';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ServiceRuntime } from './service-runtime';

/**
 * The lifecycle of a command service: the runtime starts connecting in the background (so the
 * health endpoints answer at once), the gRPC API binds; on shutdown the API stops taking
 * calls first, then consumers drain and the outbox is flushed.
 */
export class CommandServiceLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly grpc: GrpcServiceHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.runtime.start();
    await this.grpc.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.grpc.stop();
    await this.runtime.stop();
  }
}
