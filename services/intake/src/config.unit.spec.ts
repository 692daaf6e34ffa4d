import { ConfigError } from '@pengaduan/runtime';
import { REPO_ROOT } from '@pengaduan/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTAKE_CONFIG, loadIntakeConfig } from './config';

const key = Buffer.alloc(32, 7).toString('base64');

describe('intake configuration', () => {
  it('reads a complete environment, with defaults for what may be left out', () => {
    const config = loadIntakeConfig({ DATABASE_URL: 'postgres://u@db:5432/p', KAFKA_BROKERS: 'k1:9092, k2:9092', REPORTER_CONTACT_KEY: key });
    expect(config).toEqual({
      databaseUrl: 'postgres://u@db:5432/p',
      databaseSchema: 'intake',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      httpHost: '127.0.0.1',
      httpPort: 3101,
      grpcAddress: '127.0.0.1:50051',
      reporterContactKey: key,
    });
  });

  it('names every missing or malformed variable at once', () => {
    let error: unknown;
    try {
      loadIntakeConfig({ DATABASE_URL: 'mysql://x', INTAKE_HTTP_PORT: '70000', REPORTER_CONTACT_KEY: 'c2hvcnQ=' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'INTAKE_HTTP_PORT', 'REPORTER_CONTACT_KEY']) expect(problems).toContain(name);
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8');
    const missing = Object.values(INTAKE_CONFIG)
      .map((f) => f.env)
      .filter((name) => !new RegExp(`^#?\\s*${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });
});
