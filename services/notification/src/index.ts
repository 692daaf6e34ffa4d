// What other projects may use of notification: the service as a whole (the embedded platform starts it).
export { notificationService } from './service-entry';
export type { NotificationServiceConfig } from './config';
