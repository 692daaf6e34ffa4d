import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './infrastructure';
import { portIsFree } from './processes';
import { TestCertificates } from './tls-certificates';

const run = promisify(execFile);

/** Whether a Java runtime is on PATH (deploy/local/kafka.sh needs one). */
export function javaAvailable(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

/** Three consecutive free ports: plaintext, controller (deploy/local/kafka.sh takes the next one), SASL_SSL. */
async function threeFreePorts(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    if (port < 65_000 && (await portIsFree(port)) && (await portIsFree(port + 1)) && (await portIsFree(port + 2))) return port;
  }
  throw new Error('no three consecutive free ports');
}

/**
 * A broker of its own for tests of Kafka over TLS and SASL (docs/adr/0028): the same Apache Kafka
 * as every test (deploy/local/kafka.sh, Maven Central jars, Java 17), on free ports, with a
 * SASL_SSL listener (SCRAM-SHA-512) whose certificate deploy/tls/generate-certs.mjs made, and the
 * SCRAM users given, created when its storage is formatted. `stop()` stops it and deletes its data.
 */
export class SaslSslKafka {
  /** user name → password */
  readonly users: Record<string, string>;
  private started = false;

  private constructor(
    private readonly dir: string,
    private readonly certs: TestCertificates,
    private readonly port: number,
    users: string[],
  ) {
    this.users = Object.fromEntries(users.map((u) => [u, randomBytes(18).toString('base64url')]));
  }

  static async start(users: string[]): Promise<SaslSslKafka> {
    const kafka = new SaslSslKafka(mkdtempSync(join(tmpdir(), 'pengaduan-kafka-sasl-')), TestCertificates.generate(['kafka']), await threeFreePorts(), users);
    await kafka.startBroker();
    return kafka;
  }

  /** The SASL_SSL listener, host:port. */
  get brokers(): string[] {
    return [`127.0.0.1:${this.port + 2}`];
  }

  /** The CA that signed the broker's certificate (KAFKA_SSL_CA). */
  get caFile(): string {
    return this.certs.file('ca.crt');
  }

  async stop(): Promise<void> {
    if (this.started) await run('bash', [join(REPO_ROOT, 'deploy/local/kafka.sh'), 'stop'], { env: this.env(), timeout: 60_000 }).catch(() => undefined);
    this.started = false;
    rmSync(this.dir, { recursive: true, force: true });
    this.certs.remove();
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      KAFKA_PORT: String(this.port),
      KAFKA_LOCAL_DIR: this.dir,
      KAFKA_SASL_SSL_PORT: String(this.port + 2),
      KAFKA_TLS_DIR: this.certs.dir,
      KAFKA_SCRAM_USERS: Object.entries(this.users).map(([u, p]) => `${u}=${p}`).join(','),
      KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m',
    };
  }

  private async startBroker(): Promise<void> {
    // The class path resolved for the tests' or the developer's broker, when there is one: no Maven run here.
    const shared = ['kafka-test', 'kafka'].map((d) => join(REPO_ROOT, '.local', d, 'classpath.txt')).find((f) => existsSync(f));
    if (shared) copyFileSync(shared, join(this.dir, 'classpath.txt'));
    this.started = true;
    try {
      await run('bash', [join(REPO_ROOT, 'deploy/local/kafka.sh'), 'start'], { env: this.env(), timeout: 300_000 });
    } catch (err) {
      const logFile = join(this.dir, 'server.log');
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-3000) : '';
      await this.stop();
      throw new Error(`the SASL_SSL broker did not start: ${(err as Error).message}\n${log}`);
    }
  }
}
