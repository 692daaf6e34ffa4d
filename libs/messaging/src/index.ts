export * from './lib/consumer';
export * from './lib/entities';
export * from './lib/errors';
export * from './lib/kafka';
export * from './lib/migrations';
export * from './lib/outbox';
export * from './lib/relay';
export * from './lib/service-runtime';
