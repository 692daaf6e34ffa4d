// What other projects may use of intake: the service as a whole (the embedded platform starts it).
export { intakeService } from './service-entry';
export type { IntakeServiceConfig } from './config';
