export * from './lib/provider';
export * from './lib/settings';
export { constantTimeEqual, sha256Hex } from './lib/crypto';
export { callProvider, retryAfterMs, httpFailure, jsonOf, PROVIDER_TIMEOUT_MS, type ProviderResponse } from './lib/http';
export * from './lib/twilio';
export * from './lib/infobip';
export * from './lib/telegram';
export * from './lib/meta';
export * from './lib/registry';
