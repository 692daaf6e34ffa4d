export * from './lib/infrastructure';
export * from './lib/isolation';
export * from './lib/topic-reader';
