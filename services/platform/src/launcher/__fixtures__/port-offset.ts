import { SERVICE_PORTS } from '@pengaduan/runtime';
import { portIsFree } from '@pengaduan/testing';

/**
 * A PORT_OFFSET under which every port of the plan (SERVICE_PORTS) is free now. From 11000 to 15000,
 * so that the moved gRPC ports (61050 …) lie above Linux's ephemeral range, where no outgoing
 * connection takes one before its service binds it.
 */
export async function freePortOffset(): Promise<number> {
  const planned = Object.values(SERVICE_PORTS).flatMap((p) => Object.values(p) as number[]);
  for (;;) {
    const offset = 11_000 + Math.floor(Math.random() * 4_000);
    if ((await Promise.all(planned.map((p) => portIsFree(p + offset)))).every(Boolean)) return offset;
  }
}
