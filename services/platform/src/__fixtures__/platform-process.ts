import { freePort, REPO_ROOT, terminate } from '@pengaduan/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Variables a test run carries that would select or configure the real infrastructure instead. */
const NOT_PASSED_ON = /^(KAFKA_BROKERS|DATABASE_URL|KAFKA_GROUP_PREFIX|EMBEDDED_.*|EVENT_SIGNING_KEY.*|EVENT_PUBLIC_KEYS|REPORTER_CONTACT_KEY|GATEWAY_JWT_SECRET|.*_(HTTP_PORT|GRPC_ADDRESS|GRPC_URL)|INTAKE_WEBHOOKS_URL)$/;

/** Every port the embedded platform binds, free ones, so that it runs beside anything else. */
export async function platformPorts(): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const name of ['GATEWAY_HTTP_PORT', 'INTAKE_HTTP_PORT', 'DISPOSITION_HTTP_PORT', 'ANALYSIS_HTTP_PORT', 'TEAM_DECREE_HTTP_PORT', 'NOTIFICATION_HTTP_PORT', 'SLA_MONITOR_HTTP_PORT', 'EMBEDDED_DB_PORT', 'EMBEDDED_BUS_PORT']) {
    env[name] = String(await freePort());
  }
  for (const name of ['GATEWAY_GRPC_ADDRESS', 'INTAKE_GRPC_ADDRESS', 'DISPOSITION_GRPC_ADDRESS', 'ANALYSIS_GRPC_ADDRESS', 'TEAM_DECREE_GRPC_ADDRESS', 'NOTIFICATION_GRPC_ADDRESS', 'SLA_MONITOR_GRPC_ADDRESS']) {
    env[name] = `127.0.0.1:${await freePort()}`;
  }
  return env;
}

/**
 * The embedded platform (services/platform) as `npm start` runs it on a bare machine, started
 * from its sources as a child process with none of the test run's Kafka or Postgres variables.
 */
export class PlatformProcess {
  readonly lines: string[] = [];
  readonly logFile: string;
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  private startedAt = 0;

  constructor(private readonly env: Record<string, string>) {
    const dir = join(REPO_ROOT, '.local', 'test-logs');
    mkdirSync(dir, { recursive: true });
    this.logFile = join(dir, `platform-${Date.now()}.log`);
  }

  start(): this {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !NOT_PASSED_ON.test(k))) as Record<string, string>;
    this.startedAt = Date.now();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'services/platform/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...inherited, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const log = createWriteStream(this.logFile);
    child.stderr.pipe(log);
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.lines.push(line);
      log.write(`${line}\n`);
    });
    this.exited = new Promise((resolve) => this.child?.on('exit', (code) => resolve(code)));
    return this;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Milliseconds since the process was spawned. */
  elapsedMs(): number {
    return Date.now() - this.startedAt;
  }

  /** Waits for a line of its output matching `pattern`. */
  async waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const line of this.lines) {
        const m = pattern.exec(line);
        if (m) return m;
      }
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) throw new Error(`the platform exited with ${this.child.exitCode}:\n${this.output()}`);
      if (Date.now() > deadline) throw new Error(`no line matching ${pattern} after ${timeoutMs} ms:\n${this.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Resident memory now, in MiB (Linux /proc VmRSS), or undefined. */
  residentMiB(): number | undefined {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child?.pid}/status`, 'utf8'))?.[1];
      return kb ? Math.round(Number(kb) / 1024) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Its output and log so far (the end of it). */
  output(): string {
    try {
      return readFileSync(this.logFile, 'utf8').slice(-6000);
    } catch {
      return this.lines.join('\n').slice(-6000);
    }
  }

  /** SIGTERM, then the exit code (SIGKILL after `graceMs`). */
  async stop(graceMs = 60_000): Promise<number | null> {
    return terminate(this.child, this.exited, graceMs);
  }
}
