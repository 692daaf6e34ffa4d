import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * What the embedded platform (services/platform, `npm start` without KAFKA_BROKERS and
 * DATABASE_URL) publishes in `<data dir>/platform.json` once it is ready, and removes when it
 * stops: where its databases answer and where their passwords are kept. No secret is in it. The
 * gateway's commands (`main.js user add` …) find the platform's database through it when
 * DATABASE_URL is unset, and so does `scripts/audit-embedded.mjs` the bus's log.
 */
export interface EmbeddedPlatformAddress {
  /** The platform's process. */
  pid: number;
  /** The services' Postgres (PGlite over the wire protocol) and its `<role>=<password>` file. */
  database: { host: string; port: number; passwordsFile: string };
  /** The Postgres that holds the event bus's log, and its passwords file (`postgres=` line). */
  bus: { host: string; port: number; passwordsFile: string };
  /** The web app's URL (`http://127.0.0.1:3000/`). */
  webApp: string;
  /** The services' published event keys (`--keys` of the audit replay). */
  publishedKeysFile: string;
}

/** The file's name in the data directory. */
export const EMBEDDED_PLATFORM_FILE = 'platform.json';

/** The repository (services/gateway/{src,dist} → three levels up), whose `data/` is the platform's default. */
const REPOSITORY_ROOT = resolve(__dirname, '..', '..', '..');

/** The embedded platform's data directory, as it chooses it: EMBEDDED_DATA_DIR, else the repository's data/. */
export function embeddedDataDir(env: NodeJS.ProcessEnv): string {
  return env['EMBEDDED_DATA_DIR'] ? resolve(env['EMBEDDED_DATA_DIR']) : join(REPOSITORY_ROOT, 'data');
}

/**
 * The address of the embedded platform that runs on `dataDir` now; an Error that says what to do
 * when none does (never started there, or stopped, or killed: its process is gone).
 */
export function runningEmbeddedPlatform(dataDir: string): EmbeddedPlatformAddress {
  const file = join(dataDir, EMBEDDED_PLATFORM_FILE);
  let address: EmbeddedPlatformAddress;
  try {
    address = JSON.parse(readFileSync(file, 'utf8')) as EmbeddedPlatformAddress;
  } catch {
    throw new Error(`no embedded platform runs on ${dataDir} (no ${EMBEDDED_PLATFORM_FILE} there): start it with \`npm start\` (EMBEDDED_DATA_DIR chooses another data directory)`);
  }
  if (!alive(address.pid)) {
    throw new Error(`the embedded platform that ran on ${dataDir} (pid ${address.pid}) is gone: start it again with \`npm start\``);
  }
  return address;
}

/** `postgres://<role>:<password>@host:port/postgres` of one of the platform's databases, the password from its file. */
export function embeddedDatabaseUrl(database: EmbeddedPlatformAddress['database'], role: string): string {
  const line = readFileSync(database.passwordsFile, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${role}=`));
  if (line === undefined) throw new Error(`${database.passwordsFile} holds no password of ${role}`);
  const password = line.slice(role.length + 1);
  return `postgres://${encodeURIComponent(role)}:${encodeURIComponent(password)}@${database.host}:${database.port}/postgres`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
