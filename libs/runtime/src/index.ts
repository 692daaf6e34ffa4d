export * from './lib/bootstrap';
export * from './lib/config';
export * from './lib/errors';
export * from './lib/grpc';
export * from './lib/health';
export * from './lib/logger';
export * from './lib/nest-logger';
export * from './lib/retry';
