// What the operating system counts for a process (Linux /proc): CPU time, resident memory, the
// process behind a listening port, a process's children, the sockets it holds. The benches read
// these rather than ask the processes, so a process that is busy or stuck is measured all the same.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after its last ')'.
    return ['', '', ...stat.slice(stat.lastIndexOf(')') + 2).split(' ')];
  } catch {
    return undefined;
  }
}

/** utime + stime of the process (every thread), in seconds; undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  const f = statFields(pid);
  return f ? (Number(f[13]) + Number(f[14])) / CLOCK_TICKS : undefined;
}

/** The CPU of the process's children that it has waited for (cutime + cstime), in seconds. */
export function reapedChildrenCpuSeconds(pid: number): number | undefined {
  const f = statFields(pid);
  return f ? (Number(f[15]) + Number(f[16])) / CLOCK_TICKS : undefined;
}

/** When the process started, in seconds since boot. */
export function startedAtSeconds(pid: number): number | undefined {
  const f = statFields(pid);
  return f ? Number(f[21]) / CLOCK_TICKS : undefined;
}

/** Seconds since boot now (the clock `startedAtSeconds` uses). */
export function uptimeSeconds(): number {
  return Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
}

function statusKiB(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb);
  } catch {
    return undefined;
  }
}

/** Peak resident memory of the process so far (VmHWM), in MiB. */
export function peakRssMiB(pid: number): number | undefined {
  const kb = statusKiB(pid, 'VmHWM');
  return kb === undefined ? undefined : Math.round(kb / 1024);
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number);
}

/** The processes whose parent is `pid`. */
export function childrenOf(pid: number): number[] {
  return allPids().filter((p) => Number(statFields(p)?.[3]) === pid);
}

/** The inodes of the sockets the process holds open. */
export function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]);
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    // gone
  }
  return inodes;
}

/** TCP sockets of the machine (IPv4 and IPv6): local and remote port, state (0A = LISTEN), inode. */
export function tcpSockets(): { localPort: number; remotePort: number; state: string; inode: string }[] {
  const rows: { localPort: number; remotePort: number; state: string; inode: string }[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      rows.push({ localPort: parseInt(f[1].split(':')[1], 16), remotePort: parseInt(f[2].split(':')[1], 16), state: f[3], inode: f[9] });
    }
  }
  return rows;
}

/** The process listening on a TCP port of this machine, if it is visible here. */
export function pidListeningOn(port: number): number | undefined {
  const inodes = new Set(tcpSockets().filter((s) => s.state === '0A' && s.localPort === port).map((s) => s.inode));
  if (inodes.size === 0) return undefined;
  return allPids().find((pid) => [...socketInodes(pid)].some((i) => inodes.has(i)));
}

/** The machine the bench runs on, with its load when this is called. */
export function machine(): { cpus: number; cpuModel: string; node: string; loadAverage: { '1m': number; '5m': number; '15m': number } } {
  const [one, five, fifteen] = loadavg().map((l) => Number(l.toFixed(2)));
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: { '1m': one, '5m': five, '15m': fifteen } };
}

/** CPU seconds the whole machine spent busy (every state but idle and iowait) since boot, over all cores. */
export function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  // guest time is already inside user time: count the first eight fields only.
  return (ticks.slice(0, 8).reduce((a, t) => a + t, 0) - idle) / CLOCK_TICKS;
}
