import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ServiceRuntime } from './service-runtime';

/** A background worker of a service (a polling loop over its own tables). */
export interface BackgroundWorker {
  start(): void;
  stop(): Promise<void>;
}

/**
 * The lifecycle of a command service: the runtime starts connecting in the background (so the
 * health endpoints answer at once), and the service's background workers start once the database
 * is migrated and ready. Its gRPC API is the app's Nest microservice (startServiceApp): it binds
 * after these hooks ran and stops taking calls before the shutdown hook runs, which lets the
 * workers finish what they hold, then drains the consumers and flushes the outbox.
 */
export class CommandServiceLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private workersStarted?: Promise<void>;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly workers: readonly BackgroundWorker[] = [],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.runtime.start();
    if (this.workers.length > 0) {
      // A runtime that never gets ready says so on its health endpoint; the workers just never start.
      this.workersStarted = this.runtime.ready().then(
        () => this.workers.forEach((w) => w.start()),
        () => undefined,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.workersStarted;
    await Promise.all(this.workers.map((w) => w.stop()));
    await this.runtime.stop();
  }
}
