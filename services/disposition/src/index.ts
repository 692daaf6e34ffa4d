// What other projects may use of disposition: the service as a whole (the embedded platform starts it).
export { dispositionService } from './service-entry';
export type { DispositionConfig } from './config';
