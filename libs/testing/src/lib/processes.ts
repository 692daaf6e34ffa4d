import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from './infrastructure';

/**
 * Ports handed to the services a test starts, below Linux's ephemeral range (32768-60999). A port
 * from `listen(0)` comes from that range, and once released the kernel may give it to any
 * outgoing connection (the stack's own Postgres and Kafka clients) before the service binds it:
 * CI saw a service fail with EADDRINUSE that way.
 */
const SERVICE_PORTS = { from: 20_000, to: 32_000 };

/**
 * Ports this process has handed out. A port is only bound by its service later, so without this two
 * calls could hand out the same free port (a bench saw PGlite and a gRPC server clash that way).
 */
const handedOut = new Set<number>();

/** A TCP port nobody listens on right now and not handed out before, outside the range outgoing connections take theirs from. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = SERVICE_PORTS.from + Math.floor(Math.random() * (SERVICE_PORTS.to - SERVICE_PORTS.from));
    if (handedOut.has(port) || !(await portIsFree(port))) continue;
    handedOut.add(port);
    return port;
  }
}

/** Whether nothing listens on `port` of 127.0.0.1 right now. */
export function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * `TEST_CPU_PROFILE=intake,gateway` (service names, or `all`): those services run under
 * `node --cpu-prof` and write `<name>-<ms>.cpuprofile` into `.local/cpu-profiles/` when they exit
 * (`stop()`'s SIGTERM does; SIGKILL does not). For profiling a benchmark; off when unset.
 */
function cpuProfileArgs(name: string): string[] {
  const wanted = (process.env['TEST_CPU_PROFILE'] ?? '').split(',').map((s) => s.trim());
  if (!wanted.includes(name) && !wanted.includes('all')) return [];
  const dir = join(REPO_ROOT, '.local', 'cpu-profiles');
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`];
}

/**
 * A service started as its own process: from its TypeScript source (through @swc-node/register,
 * no build needed), or `compiled`, from its `dist/main.js` as in production (the benchmarks).
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  readonly logFile: string;

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
    /** Health base URL, e.g. http://127.0.0.1:3101 */
    readonly healthUrl: string,
    private readonly options: { compiled?: boolean } = {},
  ) {
    const dir = join(REPO_ROOT, '.local', 'test-logs');
    mkdirSync(dir, { recursive: true });
    this.logFile = join(dir, `${name}-${Date.now()}.log`);
  }

  start(): this {
    const log = createWriteStream(this.logFile);
    this.child = spawn(process.execPath, [...cpuProfileArgs(this.name), ...this.entry()], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.pipe(log);
    this.child.stderr?.pipe(log);
    this.exited = new Promise((resolve) => this.child?.on('exit', (code) => resolve(code)));
    return this;
  }

  /**
   * Runs one of the service's commands (`main.ts <args…>`, e.g. `user add …`) with the
   * service's environment, as an operator would; resolves with its output, or throws.
   */
  runCommand(args: string[], extraEnv: Record<string, string> = {}): string {
    const r = spawnSync(process.execPath, [...this.entry(), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...this.env, ...extraEnv },
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (r.status !== 0) throw new Error(`${this.name} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  }

  /** Node's arguments that run the service. */
  private entry(): string[] {
    if (!this.options.compiled) return ['-r', '@swc-node/register', `services/${this.name}/src/main.ts`];
    const main = join(REPO_ROOT, 'services', this.name, 'dist', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: build first (npx tsc --build tsconfig.build.json)`);
    return [main];
  }

  /** The operating-system process id, while running. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Peak resident memory of the process so far, in MiB (Linux VmHWM), or undefined. */
  peakMemoryMiB(): number | undefined {
    if (!this.child?.pid) return undefined;
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      return kb ? Math.round(Number(kb) / 1024) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The service's log lines so far (JSON lines). */
  logs(): string {
    return readFileSync(this.logFile, 'utf8');
  }

  /** GET <healthUrl>/health/ready: the status code, or 0 when nothing answers. */
  async readiness(): Promise<{ status: number; body: unknown }> {
    try {
      const res = await fetch(`${this.healthUrl}/health/ready`);
      return { status: res.status, body: await res.json() };
    } catch {
      return { status: 0, body: undefined };
    }
  }

  /** Waits until /health/ready answers 200. */
  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { status, body } = await this.readiness();
      if (status === 200) return;
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) {
        throw new Error(`${this.name} exited with ${this.child.exitCode}:\n${this.logs().slice(-3000)}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`${this.name} not ready after ${timeoutMs} ms (last: ${status} ${JSON.stringify(body)}):\n${this.logs().slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** SIGKILL (`kill -9`): no shutdown hook runs. Resolves once the process is gone. */
  async kill(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then waits for a graceful exit (SIGKILL after `graceMs`). Resolves with the exit code. */
  async stop(graceMs = 15_000): Promise<number | null> {
    return terminate(this.child, this.exited, graceMs);
  }
}

/**
 * SIGTERM to a child process, then its exit code once `exited` settles; SIGKILL after `graceMs`.
 * A child that has already exited answers its code at once.
 */
export async function terminate(child: ChildProcess | undefined, exited: Promise<number | null> | undefined, graceMs: number): Promise<number | null> {
  if (!child || child.exitCode !== null) return child?.exitCode ?? null;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const code = await exited;
  clearTimeout(timer);
  return code ?? null;
}

/**
 * A TCP proxy that can be taken down and brought back, to show how a service behaves while
 * Postgres or Kafka is unreachable and after it returns. Down means nothing listens.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      this.sockets.add(client).add(upstream);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
  }

  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
    this.server = undefined;
  }
}
