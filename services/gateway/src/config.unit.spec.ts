import { ConfigError } from '@pengaduan/runtime';
import { OfficeDirectory } from '@pengaduan/documents';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GATEWAY_CONFIG, loadGatewayCliConfig, loadGatewayConfig } from './config';

const SECRET = 'k'.repeat(32);
const required = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pengaduan', KAFKA_BROKERS: '127.0.0.1:9092', GATEWAY_JWT_SECRET: SECRET };

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
  it('starts on the documented defaults when only the database, the brokers and the token secret are given', () => {
    expect(loadGatewayConfig(required)).toEqual({
      databaseUrl: required.DATABASE_URL,
      databaseSchema: 'gateway',
      kafkaBrokers: ['127.0.0.1:9092'],
      httpHost: '127.0.0.1',
      httpPort: 3000,
      grpcAddress: '127.0.0.1:50050',
      intakeGrpcUrl: '127.0.0.1:50051',
      dispositionGrpcUrl: '127.0.0.1:50052',
      analysisGrpcUrl: '127.0.0.1:50053',
      teamDecreeGrpcUrl: '127.0.0.1:50054',
      notificationGrpcUrl: '127.0.0.1:50055',
      slaMonitorGrpcUrl: '127.0.0.1:50056',
      intakeWebhooksUrl: 'http://127.0.0.1:3101',
      projectionGroup: 'gateway-projection',
      projectionConcurrency: 3,
      jwtSecret: SECRET,
      jwtTtlSeconds: 28_800,
      trustProxy: false,
      trackingMaxPerAddress: 10,
      trackingMaxFailuresPerAddressAndNumber: 5,
      trackingGuardAfterFailuresPerNumber: 20,
      webFormMaxPerAddress: 5,
      webFormStatusMaxPerAddress: 120,
      loginMaxFailuresPerAddress: 20,
      loginMaxFailuresPerUsername: 5,
      totpRequiredRoles: {},
      webFormOffices: [],
      adminWebDist: resolve(__dirname, '../../admin-web/dist'),
      officeProfiles: expect.any(OfficeDirectory),
      production: false,
      apiDocs: undefined,
      grpcReflection: undefined,
      eventSigning: {},
    });
  });

  it('reads every variable it documents', () => {
    const config = loadGatewayConfig({
      ...required,
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      GATEWAY_DB_SCHEMA: 'gateway_blp',
      GATEWAY_HTTP_HOST: '0.0.0.0',
      GATEWAY_HTTP_PORT: '8080',
      GATEWAY_GRPC_ADDRESS: '0.0.0.0:50443',
      INTAKE_GRPC_URL: 'intake.pengaduan.svc:50051',
      DISPOSITION_GRPC_URL: 'disposition.pengaduan.svc:50051',
      ANALYSIS_GRPC_URL: 'analysis.pengaduan.svc:50051',
      TEAM_DECREE_GRPC_URL: 'team-decree.pengaduan.svc:50051',
      NOTIFICATION_GRPC_URL: 'notification.pengaduan.svc:50051',
      SLA_MONITOR_GRPC_URL: 'sla-monitor.pengaduan.svc:50051',
      GATEWAY_PROJECTION_GROUP: 'gateway-projection.v2',
      GATEWAY_JWT_TTL_SECONDS: '3600',
    });
    expect(config).toMatchObject({
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      databaseSchema: 'gateway_blp',
      httpHost: '0.0.0.0',
      httpPort: 8080,
      grpcAddress: '0.0.0.0:50443',
      intakeGrpcUrl: 'intake.pengaduan.svc:50051',
      dispositionGrpcUrl: 'disposition.pengaduan.svc:50051',
      analysisGrpcUrl: 'analysis.pengaduan.svc:50051',
      teamDecreeGrpcUrl: 'team-decree.pengaduan.svc:50051',
      notificationGrpcUrl: 'notification.pengaduan.svc:50051',
      slaMonitorGrpcUrl: 'sla-monitor.pengaduan.svc:50051',
      projectionGroup: 'gateway-projection.v2',
      projectionConcurrency: 3,
      jwtTtlSeconds: 3600,
    });
  });

  it('reads the office policy on second factors per office, * for every office, and names a wrong entry', () => {
    expect(loadGatewayConfig({ ...required, GATEWAY_TOTP_REQUIRED_ROLES: 'BLP=KEPALA_KANTOR|AUDITOR, *=KEPALA_SEKSI_TI,BLP=AUDITOR' }).totpRequiredRoles).toEqual({
      BLP: ['KEPALA_KANTOR', 'AUDITOR'],
      '*': ['KEPALA_SEKSI_TI'],
    });
    expect(problemsOf({ ...required, GATEWAY_TOTP_REQUIRED_ROLES: 'BLP=KEPALA_KANTOR|ADMIN' })).toEqual([expect.stringMatching(/^GATEWAY_TOTP_REQUIRED_ROLES: "ADMIN" is none of/)]);
    expect(problemsOf({ ...required, GATEWAY_TOTP_REQUIRED_ROLES: 'blp=AUDITOR' })).toEqual([expect.stringMatching(/^GATEWAY_TOTP_REQUIRED_ROLES: "blp" is not an office code/)]);
    expect(problemsOf({ ...required, GATEWAY_TOTP_REQUIRED_ROLES: 'BLP' })).toEqual([expect.stringMatching(/^GATEWAY_TOTP_REQUIRED_ROLES: "BLP" names no role/)]);
    expect(problemsOf({ ...required, GATEWAY_TOTP_REQUIRED_ROLES: 'PELAPOR' })).toHaveLength(1);
  });

  it('refuses to start without the database, the brokers and the token secret, naming each', () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^DATABASE_URL is required/);
    expect(problems[1]).toMatch(/^KAFKA_BROKERS is required/);
    expect(problems[2]).toMatch(/^GATEWAY_JWT_SECRET is required/);
  });

  it('refuses a token secret shorter than 32 bytes without repeating it', () => {
    const problems = problemsOf({ ...required, GATEWAY_JWT_SECRET: 'short-but-secret-value' });
    expect(problems).toEqual([expect.stringMatching(/^GATEWAY_JWT_SECRET: must be at least 32 bytes \(it has 22\)/)]);
    expect(problems[0]).not.toContain('short-but-secret-value');
  });

  it('counts the secret in bytes, not characters', () => {
    expect(loadGatewayConfig({ ...required, GATEWAY_JWT_SECRET: 'é'.repeat(16) }).jwtSecret).toBe('é'.repeat(16));
  });

  it('names every malformed variable at once', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://db/pengaduan',
      KAFKA_BROKERS: ' , ',
      GATEWAY_DB_SCHEMA: 'Gateway-Schema',
      GATEWAY_HTTP_PORT: '70000',
      INTAKE_GRPC_URL: 'http://intake',
      DISPOSITION_GRPC_URL: 'disposition',
      ANALYSIS_GRPC_URL: 'analysis:',
      TEAM_DECREE_GRPC_URL: 'team-decree:99999',
      NOTIFICATION_GRPC_URL: 'notification:50055/x',
      GATEWAY_PROJECTION_GROUP: 'gateway projection',
      GATEWAY_JWT_SECRET: 'x',
      GATEWAY_JWT_TTL_SECONDS: '10',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'DATABASE_URL',
      'GATEWAY_DB_SCHEMA',
      'KAFKA_BROKERS',
      'GATEWAY_HTTP_PORT',
      'INTAKE_GRPC_URL',
      'DISPOSITION_GRPC_URL',
      'ANALYSIS_GRPC_URL',
      'TEAM_DECREE_GRPC_URL',
      'NOTIFICATION_GRPC_URL',
      'GATEWAY_PROJECTION_GROUP',
      'GATEWAY_JWT_SECRET',
      'GATEWAY_JWT_TTL_SECONDS',
    ]);
  });

  it.each(['0', '59', '86401', '8h', '-1'])('refuses %j as the token lifetime', (ttl) => {
    expect(problemsOf({ ...required, GATEWAY_JWT_TTL_SECONDS: ttl })).toEqual([expect.stringMatching(/^GATEWAY_JWT_TTL_SECONDS: /)]);
  });

  it.each(['intake', 'intake:', 'intake:99999', '127.0.0.1:50051/x'])('refuses %j as the address of intake', (address) => {
    expect(problemsOf({ ...required, INTAKE_GRPC_URL: address })).toEqual([expect.stringMatching(/^INTAKE_GRPC_URL: .* is not host:port/)]);
  });

  it('accepts a bracketed IPv6 address of a service', () => {
    expect(loadGatewayConfig({ ...required, DISPOSITION_GRPC_URL: '[::1]:50052' }).dispositionGrpcUrl).toBe('[::1]:50052');
  });

  it('reads the public endpoints\' limits, the web form\'s offices and the web app\'s directory', () => {
    expect(
      loadGatewayConfig({
        ...required,
        PUBLIC_TRACKING_MAX_PER_ADDRESS: '20',
        PUBLIC_TRACKING_MAX_FAILURES_PER_ADDRESS_AND_NUMBER: '3',
        PUBLIC_TRACKING_GUARD_AFTER_FAILURES_PER_NUMBER: '50',
        PUBLIC_WEB_FORM_MAX_PER_ADDRESS: '2',
        PUBLIC_WEB_FORM_STATUS_MAX_PER_ADDRESS: '30',
        WEB_FORM_OFFICES: 'BLP, TPI,BLP',
        ADMIN_WEB_DIST: '/srv/pengaduan/web',
      }),
    ).toMatchObject({ trackingMaxPerAddress: 20, trackingMaxFailuresPerAddressAndNumber: 3, trackingGuardAfterFailuresPerNumber: 50, webFormMaxPerAddress: 2, webFormStatusMaxPerAddress: 30, webFormOffices: ['BLP', 'TPI'], adminWebDist: '/srv/pengaduan/web' });
    expect(loadGatewayConfig({ ...required, ADMIN_WEB_DIST: 'web/dist' }).adminWebDist).toBe(resolve('web/dist'));
  });

  it.each<[string, false | number | string[]]>([
    ['false', false],
    ['off', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['loopback, 10.0.0.0/8, fd00::/8, 192.0.2.10', ['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.10']],
  ])('trusts the proxies GATEWAY_TRUST_PROXY=%j names', (raw, trusted) => {
    expect(loadGatewayConfig({ ...required, GATEWAY_TRUST_PROXY: raw }).trustProxy).toEqual(trusted);
  });

  it.each(['true', 'yes', '11', '10.0.0.0/33', 'proxy.internal', 'loopback,*'])('refuses GATEWAY_TRUST_PROXY=%j with a clear message', (raw) => {
    expect(problemsOf({ ...required, GATEWAY_TRUST_PROXY: raw })).toEqual([expect.stringMatching(/^GATEWAY_TRUST_PROXY: .+ \(Express trust proxy/)]);
  });

  it('refuses malformed limits and office codes, naming each', () => {
    const problems = problemsOf({
      ...required,
      PUBLIC_TRACKING_MAX_PER_ADDRESS: '0',
      PUBLIC_TRACKING_MAX_FAILURES_PER_ADDRESS_AND_NUMBER: 'many',
      PUBLIC_WEB_FORM_MAX_PER_ADDRESS: '-1',
      PUBLIC_WEB_FORM_STATUS_MAX_PER_ADDRESS: '100001',
      WEB_FORM_OFFICES: 'BLP,blp',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'PUBLIC_TRACKING_MAX_PER_ADDRESS',
      'PUBLIC_TRACKING_MAX_FAILURES_PER_ADDRESS_AND_NUMBER',
      'PUBLIC_WEB_FORM_MAX_PER_ADDRESS',
      'PUBLIC_WEB_FORM_STATUS_MAX_PER_ADDRESS',
      'WEB_FORM_OFFICES',
    ]);
  });

  it('refuses the retired per-number lock rather than ignore it, naming what replaced it', () => {
    expect(problemsOf({ ...required, PUBLIC_TRACKING_MAX_FAILURES_PER_NUMBER: '5' })).toEqual([
      expect.stringMatching(/^PUBLIC_TRACKING_MAX_FAILURES_PER_NUMBER: no longer read.+PUBLIC_TRACKING_MAX_FAILURES_PER_ADDRESS_AND_NUMBER/),
    ]);
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(join(__dirname, '../../../.env.example'), 'utf8');
    const missing = Object.values(GATEWAY_CONFIG)
      .map((f) => f.env)
      .filter((name) => !new RegExp(`^#?\\s*${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });

  it('runs the account commands on the database alone: no secret, no brokers', () => {
    expect(loadGatewayCliConfig({ DATABASE_URL: required.DATABASE_URL })).toEqual({ databaseUrl: required.DATABASE_URL, databaseSchema: 'gateway' });
  });
});
