import type { Logger } from 'pino';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './naming';

// Postgres returns bigint (int8) and numeric as strings by default; ids and sequence numbers
// stay strings on purpose (they can exceed 2^53), so nothing is parsed globally here.

export interface ServiceDataSourceOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** The service's own schema; every table of the service lives there. */
  schema: string;
  /** Shown in pg_stat_activity. */
  applicationName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Pool size (default 10). */
  poolSize?: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A TypeORM data source bound to one service schema. `search_path` is the service schema,
 * so hand-written SQL (migrations, outbox) names tables without a schema. Never `synchronize`:
 * the schema changes only through migrations (docs/adr/0005-persistence.md).
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  if (!IDENTIFIER.test(options.schema)) {
    throw new Error(`schema "${options.schema}" is not a lowercase SQL identifier`);
  }
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    applicationName: options.applicationName,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    poolSize: options.poolSize ?? 10,
    extra: {
      options: `-c search_path=${options.schema},public -c timezone=UTC`,
      connectionTimeoutMillis: 5_000,
    },
  });
}

/**
 * Connects, creates the service schema if it is missing and runs pending migrations.
 * Safe to call from several replicas at once: an advisory lock serialises the migrations.
 */
export async function initializeServiceDataSource(ds: DataSource, logger?: Logger): Promise<void> {
  if (!ds.isInitialized) await ds.initialize();
  const schema = schemaOf(ds);
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${schema}`]);
    try {
      // Only when missing: a service role that owns its schema (prepare-postgres) has no CREATE
      // on the database, and Postgres checks that even for IF NOT EXISTS.
      const [found] = (await runner.query('SELECT 1 AS present FROM pg_namespace WHERE nspname = $1', [schema])) as { present: number }[];
      if (!found) await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const applied = await ds.runMigrations({ transaction: 'each' });
      if (applied.length > 0) logger?.info({ schema, migrations: applied.map((m) => m.name) }, 'migrations applied');
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${schema}`]);
    }
  } finally {
    await runner.release();
  }
}

/** The schema a service data source is bound to. */
export function schemaOf(ds: DataSource): string {
  const schema = (ds.options as { schema?: string }).schema;
  if (!schema) throw new Error('the data source has no schema');
  return schema;
}

/** Fails when Postgres does not answer; for readiness checks. */
export async function pingDataSource(ds: DataSource): Promise<void> {
  if (!ds.isInitialized) throw new Error('database not connected yet');
  await ds.query('SELECT 1');
}
