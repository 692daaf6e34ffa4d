import 'reflect-metadata';
import { ServiceRuntime } from '@pengaduan/messaging';
import { runService } from '@pengaduan/runtime';
import { loadNotificationConfig } from './config';
import { NotificationModule, notificationRuntimeOptions } from './notification.module';

void runService({
  name: 'notification',
  loadConfig: () => loadNotificationConfig(),
  module: (config, logger) => NotificationModule.forRoot(config, logger),
  http: (config) => ({ host: config.httpHost, port: config.httpPort }),
  migrate: (config, logger) => new ServiceRuntime(notificationRuntimeOptions(config, logger)).migrate(),
});
