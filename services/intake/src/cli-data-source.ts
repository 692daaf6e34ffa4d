import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@pengaduan/messaging';
import { createServiceDataSource, initializeServiceDataSource } from '@pengaduan/persistence';
import type { DataSource } from 'typeorm';
import type { IntakeConfig } from './config';
import { INTAKE_ENTITIES } from './persistence/entities';
import { INTAKE_MIGRATIONS } from './persistence/migrations';

/**
 * Runs `work` on intake's database as an operator command does: its own small pool, pending
 * migrations applied first, closed afterwards.
 */
export async function withIntakeDataSource<T>(config: Pick<IntakeConfig, 'databaseUrl' | 'databaseSchema'>, work: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = createServiceDataSource({
    url: config.databaseUrl,
    schema: config.databaseSchema,
    applicationName: 'intake-cli',
    entities: [...MESSAGING_ENTITIES, ...INTAKE_ENTITIES],
    migrations: [...MESSAGING_MIGRATIONS, ...INTAKE_MIGRATIONS],
    poolSize: 2,
  });
  try {
    await initializeServiceDataSource(ds);
    return await work(ds);
  } finally {
    if (ds.isInitialized) await ds.destroy();
  }
}
