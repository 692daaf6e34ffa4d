import { ConfigError } from '@pengaduan/runtime';
import { loadAnalysisConfig } from './config';

describe('analysis configuration', () => {
  it('reads a complete environment, with defaults for what may be left out', () => {
    const config = loadAnalysisConfig({ DATABASE_URL: 'postgres://u@db:5432/p', KAFKA_BROKERS: 'k1:9092, k2:9092' });
    expect(config).toEqual({
      databaseUrl: 'postgres://u@db:5432/p',
      databaseSchema: 'analysis',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      httpHost: '127.0.0.1',
      httpPort: 3103,
      grpcAddress: '127.0.0.1:50053',
      intakeGrpcUrl: '127.0.0.1:50051',
      eventSigning: {},
    });
  });

  it('names every missing or malformed variable at once', () => {
    let error: unknown;
    try {
      loadAnalysisConfig({ DATABASE_URL: 'mysql://x', ANALYSIS_HTTP_PORT: '70000', ANALYSIS_DB_SCHEMA: 'Analysis-1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'ANALYSIS_HTTP_PORT', 'ANALYSIS_DB_SCHEMA']) expect(problems).toContain(name);
  });
});
