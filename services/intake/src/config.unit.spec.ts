import { OfficeDirectory } from '@pengaduan/documents';
import { CHANNEL_VARIABLES } from '@pengaduan/channels';
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
      officeProfiles: expect.any(OfficeDirectory),
      databaseUrl: 'postgres://u@db:5432/p',
      databaseSchema: 'intake',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      httpHost: '127.0.0.1',
      httpPort: 3101,
      grpcAddress: '127.0.0.1:50051',
      reporterContactKey: key,
      webhookMaxBodyBytes: 1048576,
      mediaMaxBytes: 16 * 1024 * 1024,
      mediaAllowedTypes: expect.arrayContaining(['image/jpeg', 'audio/ogg', 'application/pdf']),
      notificationGrpcUrl: '127.0.0.1:50055',
      inboundPollMs: 500,
      personalDataRetentionDays: 730,
      eventSigning: {},
      channels: expect.objectContaining({ off: expect.arrayContaining([{ provider: 'whatsapp', reason: expect.stringContaining('WHATSAPP_ACCESS_TOKEN') }]) }),
    });
    // No provider configured: every channel is off, and says why.
    expect(config.channels.off.map((o) => o.provider)).toEqual(['whatsapp', 'messenger', 'instagram', 'twilio', 'infobip', 'telegram', 'web-form']);
  });

  it('turns a provider on when all its variables are set, and refuses one set in part, naming what is missing', () => {
    const base = { DATABASE_URL: 'postgres://u@db:5432/p', KAFKA_BROKERS: 'k1:9092', REPORTER_CONTACT_KEY: key };
    const on = loadIntakeConfig({
      ...base,
      WHATSAPP_PHONE_NUMBERS: '106540352242922=BLP',
      WHATSAPP_ACCESS_TOKEN: 'EAAG-token',
      WHATSAPP_APP_SECRET: 'app-secret',
      WHATSAPP_VERIFY_TOKEN: 'verify',
    });
    expect(on.channels.whatsapp?.phoneNumbers.get('106540352242922')).toBe('BLP');
    expect(on.channels.off.map((o) => o.provider)).not.toContain('whatsapp');

    let error: unknown;
    try {
      loadIntakeConfig({ ...base, TWILIO_ACCOUNT_SID: 'AC123', TWILIO_NUMBERS: '+6281100001111=BLP' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toMatch(/twilio is configured in part: TWILIO_AUTH_TOKEN missing/);
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
    const missing = [...Object.values(INTAKE_CONFIG).map((f) => f.env), ...CHANNEL_VARIABLES.map((v) => v.env)]
      .filter((name) => !new RegExp(`^#?\\s*${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });
});
