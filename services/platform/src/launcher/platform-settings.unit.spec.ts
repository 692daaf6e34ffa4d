import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlatformSettings, REPOSITORY_ROOT } from './platform-settings';

describe('the embedded platform’s settings', () => {
  it('keeps its data under the repository’s data/ on ports 54329 and 54330 unless told, services logging warnings', () => {
    expect(loadPlatformSettings({})).toEqual({
      dataDir: join(REPOSITORY_ROOT, 'data'),
      databasePort: 54329,
      busDatabasePort: 54330,
      databasePortGiven: false,
      busDatabasePortGiven: false,
      logLevel: 'warn',
    });
    expect(loadPlatformSettings({ EMBEDDED_DATA_DIR: '/srv/pengaduan', EMBEDDED_DB_PORT: '6000', LOG_LEVEL: 'info' })).toMatchObject({
      dataDir: '/srv/pengaduan',
      databasePort: 6000,
      databasePortGiven: true,
      busDatabasePortGiven: false,
      logLevel: 'info',
    });
  });

  it('refuses to run with KAFKA_BROKERS or DATABASE_URL, and names every problem', () => {
    expect(() => loadPlatformSettings({ KAFKA_BROKERS: '127.0.0.1:9092', DATABASE_URL: 'postgres://x@y/z', EMBEDDED_BUS_PORT: 'x' })).toThrow(
      /KAFKA_BROKERS is set[\s\S]*DATABASE_URL is set[\s\S]*EMBEDDED_BUS_PORT/,
    );
  });

  it('documents its variables in .env.example', () => {
    const example = readFileSync(join(REPOSITORY_ROOT, '.env.example'), 'utf8');
    const missing = ['EMBEDDED_DATA_DIR', 'EMBEDDED_DB_PORT', 'EMBEDDED_BUS_PORT', 'EMBEDDED_BUS_DATABASE_URL', 'DEV_SECRETS_FILE'].filter(
      (name) => !new RegExp(`^#?\\s*${name}=`, 'm').test(example),
    );
    expect(missing).toEqual([]);
  });
});
