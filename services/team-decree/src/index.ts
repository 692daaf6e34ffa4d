// What other projects may use of team-decree: the service as a whole (the embedded platform starts it).
export { teamDecreeService } from './service-entry';
export type { TeamDecreeConfig } from './config';
