import { ConfigError, loadConfig, parse, type ConfigSpec } from '@pengaduan/runtime';
import { join, resolve } from 'node:path';

/** The repository (services/platform/{src,dist}/launcher → four levels up). */
export const REPOSITORY_ROOT = resolve(__dirname, '..', '..', '..', '..');

/** Where the platform keeps its data unless EMBEDDED_DATA_DIR says otherwise (the gateway's commands look there too). */
export const DEFAULT_DATA_DIR = join(REPOSITORY_ROOT, 'data');

export interface PlatformSettings {
  /** Everything the platform keeps: PGlite's databases (`pglite/`, `pglite-bus/`). */
  dataDir: string;
  /** The port of the services' Postgres (PGlite behind the wire protocol). */
  databasePort: number;
  /** The port of the bus's Postgres (a second PGlite: see docs/adr/0020). */
  busDatabasePort: number;
  /** Whether a port was chosen by us (then a free one is taken when it is in use). */
  databasePortGiven: boolean;
  busDatabasePortGiven: boolean;
  /** The level of the services' JSON logs (default warn: the launcher says what matters). */
  logLevel: string;
}

interface RawSettings {
  dataDir: string;
  databasePort: number;
  busDatabasePort: number;
  logLevel: string;
}

const SPEC: ConfigSpec<RawSettings> = {
  dataDir: { env: 'EMBEDDED_DATA_DIR', default: DEFAULT_DATA_DIR, parse: (raw) => resolve(raw), description: "where the embedded platform keeps its databases (default: the repository's data/)" },
  databasePort: { env: 'EMBEDDED_DB_PORT', default: '54329', parse: parse.port, description: "port of the embedded Postgres (PGlite) the services use, on 127.0.0.1" },
  busDatabasePort: { env: 'EMBEDDED_BUS_PORT', default: '54330', parse: parse.port, description: "port of the embedded bus's Postgres (PGlite), on 127.0.0.1" },
  logLevel: { env: 'LOG_LEVEL', default: 'warn', parse: parse.string, description: "level of the services' JSON logs" },
};

/**
 * The embedded platform's settings. It runs only without KAFKA_BROKERS and DATABASE_URL: with them,
 * `npm start` runs the services as processes against that Kafka and Postgres instead.
 */
export function loadPlatformSettings(env: NodeJS.ProcessEnv): PlatformSettings {
  const problems: string[] = [];
  for (const name of ['KAFKA_BROKERS', 'DATABASE_URL']) {
    if (env[name]) problems.push(`${name} is set: the embedded platform brings its own Postgres and bus (unset it, or run \`npm start\` with both KAFKA_BROKERS and DATABASE_URL)`);
  }
  let raw: RawSettings | undefined;
  try {
    raw = loadConfig(SPEC, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  if (problems.length > 0 || !raw) throw new ConfigError(problems);
  return {
    dataDir: raw.dataDir,
    databasePort: raw.databasePort,
    busDatabasePort: raw.busDatabasePort,
    databasePortGiven: Boolean(env['EMBEDDED_DB_PORT']),
    busDatabasePortGiven: Boolean(env['EMBEDDED_BUS_PORT']),
    logLevel: raw.logLevel,
  };
}
