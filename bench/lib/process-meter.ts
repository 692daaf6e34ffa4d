// CPU seconds and peak resident memory of groups of processes over a bench's windows: one group
// per service process, the Postgres backends that serve them, the whole Postgres, the Kafka broker.
// Sampled once a second, so a process that exits between two samples (a pool's closed connection)
// loses at most its last second.
import { Client } from 'pg';
import { cpuSeconds, peakRssMiB, reapedChildrenCpuSeconds, socketInodes, startedAtSeconds, tcpSockets, uptimeSeconds } from './proc-stats';

/** Processes measured as one: a service (its one pid), or the Postgres backends serving it. */
export interface MeteredGroup {
  name: string;
  pids: () => number[] | Promise<number[]>;
  /** Also count the CPU of the children the processes reaped (a postmaster's exited backends). */
  reapedChildren?: boolean;
  /** What the reader must know (e.g. shared with other users of the machine). */
  note?: string;
}

/** CPU seconds so far of every process seen, per group, at a moment (seconds since boot). */
export interface Mark {
  at: number;
  cpu: Map<string, Map<number, number>>;
}

interface Seen {
  first: number;
  last: number;
  startedAt: number;
  peakMiB: number;
}

export class ProcessMeter {
  private readonly seen = new Map<string, Map<number, Seen>>();
  private timer?: NodeJS.Timeout;
  private sampling?: Promise<void>;

  constructor(readonly groups: readonly MeteredGroup[]) {
    for (const g of groups) this.seen.set(g.name, new Map());
  }

  start(intervalMs = 1000): this {
    this.timer = setInterval(() => void this.sample(), intervalMs);
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Reads every group's processes now (one sampling at a time). */
  sample(): Promise<void> {
    this.sampling ??= this.readAll().finally(() => (this.sampling = undefined));
    return this.sampling;
  }

  private async readAll(): Promise<void> {
    for (const g of this.groups) {
      const seen = this.seen.get(g.name) as Map<number, Seen>;
      let pids: number[] = [];
      try {
        pids = await g.pids();
      } catch {
        // keep what was seen; the next sample tries again
      }
      for (const pid of pids) {
        const cpu = cpuSeconds(pid);
        if (cpu === undefined) continue;
        const total = cpu + (g.reapedChildren ? (reapedChildrenCpuSeconds(pid) ?? 0) : 0);
        const entry = seen.get(pid) ?? { first: total, last: total, startedAt: startedAtSeconds(pid) ?? 0, peakMiB: 0 };
        entry.last = total;
        entry.peakMiB = Math.max(entry.peakMiB, peakRssMiB(pid) ?? 0);
        seen.set(pid, entry);
      }
    }
  }

  /** Samples, then answers the CPU so far of every process seen. */
  async mark(): Promise<Mark> {
    await this.sample();
    const cpu = new Map<string, Map<number, number>>();
    for (const [group, seen] of this.seen) cpu.set(group, new Map([...seen].map(([pid, s]) => [pid, s.last])));
    return { at: uptimeSeconds(), cpu };
  }

  /** CPU seconds each group spent between two marks. */
  cpuBetween(from: Mark, to: Mark): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [group, pids] of to.cpu) {
      const before = from.cpu.get(group) ?? new Map<number, number>();
      const seen = this.seen.get(group) ?? new Map<number, Seen>();
      let total = 0;
      for (const [pid, cpu] of pids) {
        const s = seen.get(pid);
        // A process first seen after `from`: from zero if it started after it, else from when first seen.
        const base = before.get(pid) ?? (s && s.startedAt >= from.at ? 0 : (s?.first ?? cpu));
        total += Math.max(0, cpu - base);
      }
      out[group] = Number(total.toFixed(2));
    }
    return out;
  }

  /** Per group: the highest peak resident memory (VmHWM) of one of its processes, and how many it had. */
  peakRss(): Record<string, { peakMiB: number; processes: number }> {
    return Object.fromEntries([...this.seen].map(([group, seen]) => [group, { peakMiB: Math.max(0, ...[...seen.values()].map((s) => s.peakMiB)), processes: seen.size }]));
  }

  notes(): Record<string, string> {
    return Object.fromEntries(this.groups.filter((g) => g.note).map((g) => [g.name, g.note as string]));
  }
}

/**
 * The Postgres backends serving connections that `clientPids` hold to Postgres on `port`: their
 * sockets' local ports, matched with pg_stat_activity's client_port. Other users of the same
 * Postgres (other engineers' tests) are left out.
 */
export function backendsOf(clientPids: () => number[], port: number, connectionString: string): { pids: () => Promise<number[]>; close: () => Promise<void> } {
  let client: Client | undefined;
  return {
    async pids() {
      if (!client) {
        client = new Client({ connectionString, application_name: 'bench-meter' });
        await client.connect();
      }
      const inodes = new Set(clientPids().flatMap((pid) => [...socketInodes(pid)]));
      const ports = tcpSockets()
        .filter((s) => s.remotePort === port && inodes.has(s.inode))
        .map((s) => s.localPort);
      if (ports.length === 0) return [];
      const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE client_port = ANY($1::int[])', [ports]);
      return rows.map((r) => r.pid);
    },
    async close() {
      await client?.end().catch(() => undefined);
    },
  };
}
