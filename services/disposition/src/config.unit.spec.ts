import { ConfigError } from '@pengaduan/runtime';
import { loadDispositionConfig } from './config';

describe('disposition configuration', () => {
  it('reads a complete environment, with defaults for what may be left out', () => {
    const config = loadDispositionConfig({ DATABASE_URL: 'postgres://u@db:5432/p', KAFKA_BROKERS: 'k1:9092, k2:9092' });
    expect(config).toEqual({
      databaseUrl: 'postgres://u@db:5432/p',
      databaseSchema: 'disposition',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      httpHost: '127.0.0.1',
      httpPort: 3102,
      grpcAddress: '127.0.0.1:50052',
      intakeGrpcUrl: '127.0.0.1:50051',
      eventSigning: {},
    });
  });

  it('takes every setting from the environment when given', () => {
    const config = loadDispositionConfig({
      DATABASE_URL: 'postgresql://u@db/p',
      KAFKA_BROKERS: 'k:9092',
      DISPOSITION_DB_SCHEMA: 'disposition_blue',
      DISPOSITION_HTTP_HOST: '0.0.0.0',
      DISPOSITION_HTTP_PORT: '8080',
      DISPOSITION_GRPC_ADDRESS: '0.0.0.0:9000',
    });
    expect(config).toMatchObject({ databaseSchema: 'disposition_blue', httpHost: '0.0.0.0', httpPort: 8080, grpcAddress: '0.0.0.0:9000' });
  });

  it('names every missing or malformed variable at once', () => {
    let error: unknown;
    try {
      loadDispositionConfig({ DATABASE_URL: 'mysql://x', DISPOSITION_HTTP_PORT: '70000', DISPOSITION_DB_SCHEMA: 'Bad-Schema' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'DISPOSITION_HTTP_PORT', 'DISPOSITION_DB_SCHEMA']) expect(problems).toContain(name);
  });
});
