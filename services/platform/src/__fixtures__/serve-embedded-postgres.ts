// Serves an EmbeddedPostgres for a test, in a process of its own: PGlite loads Node's modules with
// dynamic import(), which Jest's module sandbox does not allow. Prints `listening <port> <created>`
// once it accepts connections; SIGTERM closes it (exit 0).
//   node -r @swc-node/register serve-embedded-postgres.ts <data dir> [idle-in-transaction timeout ms]
import { createLogger } from '@pengaduan/runtime';
import { EmbeddedPostgres } from '../embedded-postgres/embedded-postgres';

async function main(): Promise<void> {
  const [dataDir, idleMs] = process.argv.slice(2);
  const logger = createLogger('embedded-postgres-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');
  const pg = await EmbeddedPostgres.open({ dataDir, port: 0, logger, ...(idleMs ? { idleInTransactionTimeoutMs: Number(idleMs) } : {}) });
  process.stdout.write(`listening ${pg.port} ${pg.created}\n`);
  process.once('SIGTERM', () => {
    void pg.close().then(() => process.exit(0));
  });
}

void main();
