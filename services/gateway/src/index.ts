// What other projects may use of the gateway: the service as a whole and its operator commands
// (the embedded platform starts it and seeds the demo office with `seed-demo`).
export { gatewayService } from './service-entry';
export { runGatewayCli, type CliIo } from './cli';
export { EMBEDDED_PLATFORM_FILE, type EmbeddedPlatformAddress } from './embedded-platform';
export { DEMO_OFFICE, DEMO_USERS } from './users/demo-users';
export type { GatewayConfig } from './config';
