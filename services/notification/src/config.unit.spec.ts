import { ConfigError } from '@pengaduan/runtime';
import { loadNotificationConfig } from './config';

describe('notification configuration', () => {
  it('reads a complete environment, with defaults for what may be left out', () => {
    const config = loadNotificationConfig({ DATABASE_URL: 'postgres://u@db:5432/p', KAFKA_BROKERS: 'k1:9092, k2:9092' });
    expect(config).toEqual({
      databaseUrl: 'postgres://u@db:5432/p',
      databaseSchema: 'notification',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      httpHost: '127.0.0.1',
      httpPort: 3105,
      grpcAddress: '127.0.0.1:50055',
    });
  });

  it('names every missing or malformed variable at once', () => {
    let error: unknown;
    try {
      loadNotificationConfig({ DATABASE_URL: 'mysql://x', NOTIFICATION_HTTP_PORT: '70000', NOTIFICATION_DB_SCHEMA: 'Not-A-Schema' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'NOTIFICATION_HTTP_PORT', 'NOTIFICATION_DB_SCHEMA']) expect(problems).toContain(name);
  });
});
