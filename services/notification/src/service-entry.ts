import { ComplaintDocumentsService, NotificationService } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import type { ServiceEntry } from '@pengaduan/runtime';
import { loadNotificationConfig, type NotificationServiceConfig } from './config';
import { NotificationModule, notificationRuntimeOptions } from './notification.module';

/** notification as a service: what its main.ts runs, and what the embedded platform starts in its one process. */
export const notificationService: ServiceEntry<NotificationServiceConfig> = {
  name: 'notification',
  loadConfig: (env) => loadNotificationConfig(env),
  module: (config, logger) => NotificationModule.forRoot(config, logger),
  http: (config) => ({ host: config.httpHost, port: config.httpPort }),
  grpc: (config) => ({ address: config.grpcAddress, tls: config.grpcTls, services: [NotificationService, ComplaintDocumentsService] }),
  migrate: (config, logger) => new ServiceRuntime(notificationRuntimeOptions(config, logger)).migrate(),
};
