import { EmbeddedBus } from './embedded-bus';
import { EMBEDDED_BUS_SCHEMA, type EmbeddedBusOptions } from './bus-types';

const shared = new Map<string, EmbeddedBus>();

/**
 * The process's bus for a connection string and schema: every client created for it (each
 * service's relay, consumers and DLQ producers, the audit's reader) shares it, so that an append
 * wakes every consumer of the process at once.
 */
export function sharedEmbeddedBus(options: EmbeddedBusOptions): EmbeddedBus {
  const key = `${options.connectionString}#${options.schema ?? EMBEDDED_BUS_SCHEMA}`;
  let bus = shared.get(key);
  if (!bus || bus.isClosed) {
    bus = new EmbeddedBus(options);
    shared.set(key, bus);
  }
  return bus;
}

/** Closes every shared bus of the process (the launcher's last step). */
export async function closeSharedEmbeddedBuses(): Promise<void> {
  const buses = [...shared.values()];
  shared.clear();
  await Promise.all(buses.map((b) => b.close()));
}
