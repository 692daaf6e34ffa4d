import { ConfigError } from '@pengaduan/runtime';
import { REPO_ROOT } from '@pengaduan/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOTIFICATION_CONFIG, loadNotificationConfig } from './config';

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
      intakeGrpcUrl: '127.0.0.1:50051',
      fallbackChannels: ['SMS'],
      maxAttempts: 4,
      retryBaseMs: 2000,
      pollMs: 500,
      eventSigning: {},
      channels: expect.objectContaining({ off: expect.any(Array) }),
    });
  });

  it('reads the fallback order, and wants to know which SMS provider sends when both are configured', () => {
    const base = { DATABASE_URL: 'postgres://u@db:5432/p', KAFKA_BROKERS: 'k1:9092', PUBLIC_BASE_URL: 'https://pengaduan.example.go.id' };
    expect(loadNotificationConfig({ ...base, NOTIFICATION_FALLBACK_CHANNELS: 'SMS>EMAIL' }).fallbackChannels).toEqual(['SMS', 'EMAIL']);
    const both = {
      ...base,
      TWILIO_ACCOUNT_SID: 'AC1',
      TWILIO_AUTH_TOKEN: 't',
      TWILIO_NUMBERS: '+6281100001111=BLP',
      INFOBIP_BASE_URL: 'https://x.api.infobip.com',
      INFOBIP_API_KEY: 'k',
      INFOBIP_NUMBERS: '6281100002222=BLP',
      INFOBIP_WEBHOOK_USERNAME: 'u',
      INFOBIP_WEBHOOK_PASSWORD: 'p',
    };
    expect(() => loadNotificationConfig(both)).toThrow(/SMS_PROVIDER/);
    expect(loadNotificationConfig({ ...both, SMS_PROVIDER: 'infobip' }).smsProvider).toBe('infobip');
    expect(() => loadNotificationConfig({ ...base, NOTIFICATION_FALLBACK_CHANNELS: 'SMS,PIGEON' })).toThrow(/PIGEON/);
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8');
    const missing = Object.values(NOTIFICATION_CONFIG)
      .map((f) => f.env)
      .filter((name) => !new RegExp(`^#?\\s*${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
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
