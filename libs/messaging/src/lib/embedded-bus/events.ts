import { randomUUID } from 'node:crypto';

/** An event as kafkajs' instrumentation emits it (`consumer.on(consumer.events.CRASH, …)`). */
export interface InstrumentationEvent<T> {
  id: string;
  type: string;
  timestamp: number;
  payload: T;
}

export function instrumentationEvent<T>(type: string, payload: T): InstrumentationEvent<T> {
  return { id: randomUUID(), type, timestamp: Date.now(), payload };
}
