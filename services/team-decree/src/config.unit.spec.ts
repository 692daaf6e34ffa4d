import { ConfigError } from '@pengaduan/runtime';
import { loadTeamDecreeConfig } from './config';

describe('team-decree configuration', () => {
  it('reads a complete environment, with defaults for what may be left out', () => {
    const config = loadTeamDecreeConfig({ DATABASE_URL: 'postgres://u@db:5432/p', KAFKA_BROKERS: 'k1:9092, k2:9092' });
    expect(config).toEqual({
      databaseUrl: 'postgres://u@db:5432/p',
      databaseSchema: 'team_decree',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      httpHost: '127.0.0.1',
      httpPort: 3104,
      grpcAddress: '127.0.0.1:50054',
      intakeGrpcUrl: '127.0.0.1:50051',
      eventSigning: {},
    });
  });

  it('names every missing or malformed variable at once', () => {
    let error: unknown;
    try {
      loadTeamDecreeConfig({ DATABASE_URL: 'mysql://x', TEAM_DECREE_HTTP_PORT: '70000', TEAM_DECREE_DB_SCHEMA: 'team-decree' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'TEAM_DECREE_HTTP_PORT', 'TEAM_DECREE_DB_SCHEMA']) expect(problems).toContain(name);
  });
});
