import { ConfigError } from '@pengaduan/runtime';
import { loadGatewayConfig } from './config';

const required = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pengaduan', KAFKA_BROKERS: '127.0.0.1:9092' };

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadGatewayConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('the configuration was accepted');
}

describe('gateway configuration', () => {
  it('starts on the documented defaults when only the database and the brokers are given', () => {
    expect(loadGatewayConfig(required)).toEqual({
      databaseUrl: required.DATABASE_URL,
      databaseSchema: 'gateway',
      kafkaBrokers: ['127.0.0.1:9092'],
      httpHost: '127.0.0.1',
      httpPort: 3000,
      intakeGrpcUrl: '127.0.0.1:50051',
      projectionGroup: 'gateway-projection',
    });
  });

  it('reads every variable it documents', () => {
    const config = loadGatewayConfig({
      ...required,
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      GATEWAY_DB_SCHEMA: 'gateway_blp',
      GATEWAY_HTTP_HOST: '0.0.0.0',
      GATEWAY_HTTP_PORT: '8080',
      INTAKE_GRPC_URL: 'intake.pengaduan.svc:50051',
      GATEWAY_PROJECTION_GROUP: 'gateway-projection.v2',
    });
    expect(config).toMatchObject({
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      databaseSchema: 'gateway_blp',
      httpHost: '0.0.0.0',
      httpPort: 8080,
      intakeGrpcUrl: 'intake.pengaduan.svc:50051',
      projectionGroup: 'gateway-projection.v2',
    });
  });

  it('refuses to start without the database and the brokers, naming both', () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^DATABASE_URL is required/);
    expect(problems[1]).toMatch(/^KAFKA_BROKERS is required/);
  });

  it('names every malformed variable at once', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://db/pengaduan',
      KAFKA_BROKERS: ' , ',
      GATEWAY_DB_SCHEMA: 'Gateway-Schema',
      GATEWAY_HTTP_PORT: '70000',
      INTAKE_GRPC_URL: 'http://intake',
      GATEWAY_PROJECTION_GROUP: 'gateway projection',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'DATABASE_URL',
      'GATEWAY_DB_SCHEMA',
      'KAFKA_BROKERS',
      'GATEWAY_HTTP_PORT',
      'INTAKE_GRPC_URL',
      'GATEWAY_PROJECTION_GROUP',
    ]);
  });

  it.each(['intake', 'intake:', 'intake:99999', '127.0.0.1:50051/x'])('refuses %j as the address of intake', (address) => {
    expect(problemsOf({ ...required, INTAKE_GRPC_URL: address })).toEqual([expect.stringMatching(/^INTAKE_GRPC_URL: .* is not host:port/)]);
  });

  it('accepts a bracketed IPv6 address of intake', () => {
    expect(loadGatewayConfig({ ...required, INTAKE_GRPC_URL: '[::1]:50051' }).intakeGrpcUrl).toBe('[::1]:50051');
  });
});
