export * from './lib/provider';
export * from './lib/settings';
export { constantTimeEqual, sha256Hex } from './lib/crypto';
export { callProvider, retryAfterMs, httpFailure, jsonOf, PROVIDER_TIMEOUT_MS, type ProviderResponse } from './lib/http';
