export * from './lib/complaint-history';
export * from './lib/grpc-test-client';
export * from './lib/infrastructure';
export * from './lib/isolation';
export * from './lib/platform-stack';
export * from './lib/processes';
export * from './lib/topic-reader';
export * from './lib/fake-providers';
