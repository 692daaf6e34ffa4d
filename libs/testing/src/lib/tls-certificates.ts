import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * A CA and certificates made by deploy/tls/generate-certs.mjs (the `openssl` CLI) in a directory
 * of their own, for tests of mutual TLS and of Kafka over TLS. `remove()` deletes them.
 */
export class TestCertificates {
  private constructor(readonly dir: string) {}

  /** Runs the script for `names` (services, `kafka`) into a new temporary directory: a CA of its own. */
  static generate(names: string[]): TestCertificates {
    const dir = mkdtempSync(join(tmpdir(), 'pengaduan-certs-'));
    execFileSync(process.execPath, [join(ROOT, 'deploy/tls/generate-certs.mjs'), '--out', dir, '--days', '2', '--only', names.join(',')], { stdio: 'pipe' });
    return new TestCertificates(dir);
  }

  file(name: string): string {
    return join(this.dir, name);
  }

  /** The GRPC_TLS_* variables of `service`: this CA, its certificate and key. */
  grpcEnv(service: string): Record<'GRPC_TLS_CA' | 'GRPC_TLS_CERT' | 'GRPC_TLS_KEY', string> {
    return { GRPC_TLS_CA: this.file('ca.crt'), GRPC_TLS_CERT: this.file(`${service}.crt`), GRPC_TLS_KEY: this.file(`${service}.key`) };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
