import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from '../launcher/platform-settings';

/**
 * Prepares the embedded Postgres as deploy/local/prepare-postgres.mjs prepares any Postgres — it is
 * that script, run against the embedded one: one login role `pengaduan_<schema>` and one schema per
 * service, owned by its role, closed to the others. PGlite has those roles although its single
 * backend runs every connection as one session user: the multiplexer gives each connection the role
 * of its startup user (SET ROLE), so each service connects as its own role and the isolation holds
 * here too. `env` holds the administrative DATABASE_URL and each role's PG_PASSWORD_<SCHEMA>, which
 * the script gives the roles (the embedded server checks its own copy of them: docs/adr/0024).
 */
export async function prepareSchemas(env: NodeJS.ProcessEnv): Promise<void> {
  // Not spawnSync: this very process serves the database the script connects to.
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPOSITORY_ROOT, 'deploy', 'local', 'prepare-postgres.mjs')], {
      cwd: REPOSITORY_ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`deploy/local/prepare-postgres.mjs exited with ${code}: ${stderr.trim()}`))));
  });
}
