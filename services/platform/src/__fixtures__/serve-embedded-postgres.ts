// Serves an EmbeddedPostgres for a test, in a process of its own: PGlite loads Node's modules with
// dynamic import(), which Jest's module sandbox does not allow. Prints `listening <port> <created>`
// once it accepts connections; SIGTERM closes it (exit 0). The passwords of `postgres` and of the
// roles named in EMBEDDED_TEST_ROLES (comma-separated) are kept in `<data dir>-passwords.env`, as the
// launcher keeps its own.
//   node -r @swc-node/register serve-embedded-postgres.ts <data dir> [idle-in-transaction timeout ms]
import { createLogger } from '@pengaduan/runtime';
import { EmbeddedPostgres } from '../embedded-postgres/embedded-postgres';
import { keepRolePasswords } from '../embedded-postgres/role-passwords';

async function main(): Promise<void> {
  const [dataDir, idleMs] = process.argv.slice(2);
  const logger = createLogger('embedded-postgres-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');
  const passwords = keepRolePasswords(`${dataDir}-passwords.env`, (process.env['EMBEDDED_TEST_ROLES'] ?? '').split(',').filter(Boolean));
  const pg = await EmbeddedPostgres.open({ dataDir, port: 0, logger, passwords, ...(idleMs ? { idleInTransactionTimeoutMs: Number(idleMs) } : {}) });
  process.stdout.write(`listening ${pg.port} ${pg.created}\n`);
  process.once('SIGTERM', () => {
    void pg.close().then(() => process.exit(0));
  });
}

void main();
