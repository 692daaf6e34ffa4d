#!/usr/bin/env node
// The audit replay (services/audit, `npm run audit`) of the embedded default's log, while `npm start`
// runs it: finds the platform through the address it publishes in its data directory (EMBEDDED_DATA_DIR,
// default ./data), reads the bus's log there (--brokers embedded, EMBEDDED_BUS_DATABASE_URL from the
// bus's passwords file) and verifies every event against the services' published keys (--keys, the
// public halves the platform wrote beside the development secrets). Any other option goes to the audit:
//
//   node scripts/audit-embedded.mjs [--json a.json] [--csv a.csv] [--html a.html] [--office BLP] …
//
// Exit status: the audit's (0 clean, 1 violations or refused events, 2 bad usage or no platform).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'services', 'gateway', 'dist', 'embedded-platform.js');
if (!existsSync(compiled)) {
  console.error('audit-embedded: the platform is not built: run `npm start` first');
  process.exit(2);
}
// The gateway defines the published address (its commands find the platform the same way).
const { embeddedDatabaseUrl, embeddedDataDir, runningEmbeddedPlatform } = createRequire(import.meta.url)(compiled);

let platform;
try {
  platform = runningEmbeddedPlatform(embeddedDataDir(process.env));
} catch (err) {
  console.error(`audit-embedded: ${err.message}`);
  process.exit(2);
}
const args = process.argv.slice(2);
const given = (option) => args.some((a) => a === option || a.startsWith(`${option}=`));
const audit = [...(given('--brokers') ? [] : ['--brokers', 'embedded']), ...(given('--keys') ? [] : ['--keys', platform.publishedKeysFile]), ...args];
console.error(`audit-embedded: the log of the platform on ${embeddedDataDir(process.env)} (pid ${platform.pid}), keys from ${platform.publishedKeysFile}`);
const r = spawnSync('npm', ['run', '--silent', 'audit', '--', ...audit], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, EMBEDDED_BUS_DATABASE_URL: embeddedDatabaseUrl(platform.bus, 'postgres') },
});
process.exit(r.status ?? 2);
