import { dlqTopicFor } from '@pengaduan/contracts';
import { OFFICE_PROFILES_SETTING, type OfficeDirectory } from '@pengaduan/documents';
import { loadEventSigning, loadTransportSecurity, type EventSigning, type KafkaSecurity } from '@pengaduan/messaging';
import { loadConfig, loadConfigParts, parse, planned, SERVICE_PORTS, PRODUCTION_MODE, type ConfigSpec, type GrpcTls } from '@pengaduan/runtime';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { attemptsLimit, PUBLIC_LIMIT_SETTINGS } from './public-rate-limits/public-limit-settings';
import { parseSecondFactorRules, type SecondFactorRules } from './totp/second-factor-policy';
import { defaultAdminWebDist } from './web-app/web-app-dist';

export interface GatewayConfig {
  databaseUrl: string;
  databaseSchema: string;
  kafkaBrokers: string[];
  httpHost: string;
  httpPort: number;
  /** `host:port` the public gRPC API (pengaduan.v1, for the offices' systems) binds. */
  grpcAddress: string;
  intakeGrpcUrl: string;
  dispositionGrpcUrl: string;
  analysisGrpcUrl: string;
  teamDecreeGrpcUrl: string;
  notificationGrpcUrl: string;
  /** sla-monitor's internal gRPC API: the offices' SLA policies (docs/adr/0049). */
  slaMonitorGrpcUrl: string;
  /** intake's HTTP base URL: the public `/webhooks/…` are forwarded there unchanged. */
  intakeWebhooksUrl: string;
  projectionGroup: string;
  /** Partitions the read model applies at once. */
  projectionConcurrency: number;
  /** HMAC key of the access tokens (HS256); never logged. */
  jwtSecret: string;
  jwtTtlSeconds: number;
  /**
   * Express `trust proxy`: whom to believe about the client's address (`req.ip`, which the
   * public rate limits count by). `false`: the connection's own address.
   */
  trustProxy: TrustProxy;
  /** Public tracking attempts one client address may make per {@link TRACKING_ADDRESS_WINDOW_SECONDS}. */
  trackingMaxPerAddress: number;
  /** Wrong verifiers one client address may give for one tracking number per {@link TRACKING_NUMBER_WINDOW_SECONDS} (ADR 0041). */
  trackingMaxFailuresPerAddressAndNumber: number;
  /**
   * Wrong verifiers on one tracking number, from every address together, per
   * {@link TRACKING_NUMBER_WINDOW_SECONDS} after which the number is guarded: each address gets
   * a single wrong verifier on it for the rest of the window. A slow-down, never a lock (ADR 0041).
   */
  trackingGuardAfterFailuresPerNumber: number;
  /** Public web form submissions one client address may make per {@link WEB_FORM_WINDOW_SECONDS}. */
  webFormMaxPerAddress: number;
  /**
   * Reads of a web form submission's status (`GET /webhooks/web-form/<id>`, which may issue a
   * tracking PIN, ADR 0052) one client address may make per {@link WEB_FORM_WINDOW_SECONDS}.
   * Always set by loadGatewayConfig; a configuration built in code may leave it at {@link DEFAULT_WEB_FORM_STATUS_MAX_PER_ADDRESS}.
   */
  webFormStatusMaxPerAddress?: number;
  /**
   * Failed officer logins (and wrong current passwords) one client address may make per
   * {@link LOGIN_WINDOW_SECONDS} before its logins are refused (429) for the rest of it.
   * Always set by loadGatewayConfig; a configuration built in code may leave it at {@link DEFAULT_LOGIN_MAX_FAILURES_PER_ADDRESS}.
   */
  loginMaxFailuresPerAddress?: number;
  /** The same for one username, default {@link DEFAULT_LOGIN_MAX_FAILURES_PER_USERNAME}: then even the right password waits. */
  loginMaxFailuresPerUsername?: number;
  /**
   * The office policy on second factors (GATEWAY_TOTP_REQUIRED_ROLES, ADR 0027): per office code
   * (`*`: every office) the roles that must log in with a TOTP code. Unset: no role must.
   */
  totpRequiredRoles?: SecondFactorRules;
  /** The offices whose public web form is open (the WEB_FORM_OFFICES intake reads). */
  webFormOffices: string[];
  /** Absolute path of the built web app the gateway serves at `/`. */
  adminWebDist: string;
  /** The offices' profiles (OFFICE_PROFILES_FILE): their names on the public pages. */
  officeProfiles: OfficeDirectory;
  /** NODE_ENV=production. */
  production: boolean;
  /** Serve the OpenAPI page at /api/docs; `undefined`: unless in production. */
  apiDocs: boolean | undefined;
  /** gRPC server reflection on the public gRPC API; `undefined`: unless in production. */
  grpcReflection: boolean | undefined;
  /** Signed events (EVENT_SIGNING_KEY, EVENT_PUBLIC_KEYS): read by loadEventSigning, not by this spec. */
  eventSigning?: EventSigning;
  /** Kafka's TLS and SASL (KAFKA_SSL_*, KAFKA_SASL_*): read by loadTransportSecurity, not by this spec. */
  kafkaSecurity?: KafkaSecurity;
  /** Internal gRPC over mutual TLS (GRPC_TLS_*): read by loadTransportSecurity, not by this spec. */
  grpcTls?: GrpcTls;
}

/** What the `user` and `seed-demo` commands need: the database alone. */
export type GatewayCliConfig = Pick<GatewayConfig, 'databaseUrl' | 'databaseSchema'>;

/** The shortest HS256 key accepted: as long as the hash (RFC 7518 §3.2). */
export const MIN_JWT_SECRET_BYTES = 32;
/** The longest access-token lifetime accepted: one day (a shift is 8 h). */
export const MAX_JWT_TTL_SECONDS = 86_400;

/** The window of the officers' login limits ({@link GatewayConfig.loginMaxFailuresPerAddress} …): 15 minutes. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const DEFAULT_LOGIN_MAX_FAILURES_PER_ADDRESS = 20;
export const DEFAULT_LOGIN_MAX_FAILURES_PER_USERNAME = 5;

/** Express `trust proxy` as the gateway accepts it: off, a hop count, or the proxies' addresses, subnets or names. */
export type TrustProxy = false | number | string[];

/** proxy-addr's names for address ranges. */
const TRUST_PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrSubnet(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Whom to believe about the client's address. `true` is refused: it takes any client's
 * X-Forwarded-For at its word, so every guess could come from a new address.
 */
const trustProxy = (raw: string): TrustProxy => {
  const value = raw.trim().toLowerCase();
  if (value === 'false' || value === 'off' || value === '0') return false;
  if (value === 'true') {
    throw new Error('"true" would believe any client\'s X-Forwarded-For (and let it dodge the rate limits): give the number of proxies in front (e.g. 1) or their addresses (e.g. loopback,10.0.0.0/8)');
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new Error(`"${raw}" proxies in front is not plausible (at most 10)`);
    return hops;
  }
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    if (!TRUST_PROXY_RANGES.includes(entry) && !isAddressOrSubnet(entry)) {
      throw new Error(`"${entry}" is none of: off, a number of proxies, ${TRUST_PROXY_RANGES.join('/')}, an IP address, a subnet such as 10.0.0.0/8`);
    }
  }
  return entries;
};

/** `<OFFICE>,…` as intake reads WEB_FORM_OFFICES (libs/channels); empty: the web form is closed. */
const officeList = (raw: string): string[] => {
  const offices = raw.split(',').map((o) => o.trim()).filter(Boolean);
  for (const office of offices) parse.officeCode(office);
  return [...new Set(offices)];
};

/** `host:port` (a name, an IPv4 address or a bracketed IPv6 address), as grpc-js dials it. */
const hostPort = (raw: string): string => {
  const match = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(raw);
  if (!match || Number(match[1]) > 65535) throw new Error(`"${raw}" is not host:port`);
  return raw;
};

/** A Kafka consumer group id that also gives a legal DLQ topic name. */
const consumerGroup = (raw: string): string => {
  try {
    dlqTopicFor(raw);
  } catch (err) {
    if ((err as { code?: string }).code !== 'CONTRACT.VIOLATION') throw err;
    throw new Error(`"${raw}" is not a consumer group id ([a-zA-Z0-9._-], short enough to name its DLQ topic)`);
  }
  return raw;
};

/** The token key: long enough for HS256. The message never repeats the value. */
const jwtSecret = (raw: string): string => {
  const bytes = Buffer.byteLength(raw, 'utf8');
  if (bytes < MIN_JWT_SECRET_BYTES) throw new Error(`must be at least ${MIN_JWT_SECRET_BYTES} bytes (it has ${bytes}); generate one with: openssl rand -base64 48`);
  return raw;
};

const tokenLifetime = (raw: string): number => {
  const seconds = parse.positiveInt(raw);
  if (seconds < 60 || seconds > MAX_JWT_TTL_SECONDS) throw new Error(`"${raw}" is not between 60 and ${MAX_JWT_TTL_SECONDS} seconds`);
  return seconds;
};

/**
 * Every variable the gateway reads (also documented in .env.example). The topic it projects is
 * not among them: it is the platform's one complaint stream, `COMPLAINT_EVENTS_TOPIC`.
 */
export const GATEWAY_CONFIG: ConfigSpec<GatewayConfig> = {
  databaseUrl: { env: 'DATABASE_URL', parse: parse.url(['postgres:', 'postgresql:']), description: 'Postgres connection URL' },
  databaseSchema: { env: 'GATEWAY_DB_SCHEMA', default: 'gateway', parse: parse.identifier, description: "the gateway's own schema (users, read model, inbox)" },
  kafkaBrokers: { env: 'KAFKA_BROKERS', parse: parse.list, description: 'Kafka bootstrap brokers, host:port,…' },
  httpHost: { env: 'GATEWAY_HTTP_HOST', default: '127.0.0.1', parse: parse.string, description: 'address the REST API (and health endpoints) binds' },
  httpPort: { env: 'GATEWAY_HTTP_PORT', ...planned.port(SERVICE_PORTS.gateway.http), parse: parse.port, description: 'port of the REST API (and health endpoints)' },
  grpcAddress: {
    env: 'GATEWAY_GRPC_ADDRESS',
    ...planned.address(SERVICE_PORTS.gateway.grpc),
    parse: hostPort,
    description: "host:port the public gRPC API binds (pengaduan.v1.OfficeComplaintsService for the offices' systems, with health checking and reflection)",
  },
  intakeGrpcUrl: { env: 'INTAKE_GRPC_URL', ...planned.address(SERVICE_PORTS.intake.grpc), parse: hostPort, description: "host:port of intake's internal gRPC API" },
  dispositionGrpcUrl: { env: 'DISPOSITION_GRPC_URL', ...planned.address(SERVICE_PORTS.disposition.grpc), parse: hostPort, description: "host:port of disposition's internal gRPC API" },
  analysisGrpcUrl: { env: 'ANALYSIS_GRPC_URL', ...planned.address(SERVICE_PORTS.analysis.grpc), parse: hostPort, description: "host:port of analysis's internal gRPC API" },
  teamDecreeGrpcUrl: { env: 'TEAM_DECREE_GRPC_URL', ...planned.address(SERVICE_PORTS['team-decree'].grpc), parse: hostPort, description: "host:port of team-decree's internal gRPC API" },
  notificationGrpcUrl: { env: 'NOTIFICATION_GRPC_URL', ...planned.address(SERVICE_PORTS.notification.grpc), parse: hostPort, description: "host:port of notification's internal gRPC API" },
  slaMonitorGrpcUrl: {
    env: 'SLA_MONITOR_GRPC_URL',
    ...planned.address(SERVICE_PORTS['sla-monitor'].grpc),
    parse: hostPort,
    description: "host:port of sla-monitor's internal gRPC API (the offices' SLA policies)",
  },
  intakeWebhooksUrl: {
    env: 'INTAKE_WEBHOOKS_URL',
    ...planned.httpUrl(SERVICE_PORTS.intake.http),
    parse: parse.url(['http:', 'https:']),
    description: "intake's HTTP base URL, where the public /webhooks/… are forwarded",
  },
  projectionGroup: {
    env: 'GATEWAY_PROJECTION_GROUP',
    default: 'gateway-projection',
    parse: consumerGroup,
    description: 'Kafka consumer group of the read model (complaint states, views, timelines); also names its DLQ topic',
  },
  projectionConcurrency: {
    env: 'GATEWAY_PROJECTION_CONCURRENCY',
    default: '3',
    parse: parse.positiveInt,
    description: 'partitions of the complaint stream the read model applies at once (each in order); more keeps the views current through a burst of events',
  },
  jwtSecret: {
    env: 'GATEWAY_JWT_SECRET',
    parse: jwtSecret,
    description: `SECRET: HMAC key signing the officers' access tokens (HS256), at least ${MIN_JWT_SECRET_BYTES} bytes`,
  },
  jwtTtlSeconds: {
    env: 'GATEWAY_JWT_TTL_SECONDS',
    default: '28800',
    parse: tokenLifetime,
    description: 'lifetime of an access token in seconds (default 8 h, one shift)',
  },
  trustProxy: {
    env: 'GATEWAY_TRUST_PROXY',
    default: 'false',
    parse: trustProxy,
    description: "Express trust proxy: off (the connection's address is the client's), the number of proxies in front (1), or their addresses/subnets (loopback,10.0.0.0/8)",
  },
  ...PUBLIC_LIMIT_SETTINGS,
  loginMaxFailuresPerAddress: {
    env: 'GATEWAY_LOGIN_MAX_FAILURES_PER_ADDRESS',
    default: String(DEFAULT_LOGIN_MAX_FAILURES_PER_ADDRESS),
    parse: attemptsLimit,
    description: `failed officer logins one client address may make in ${LOGIN_WINDOW_SECONDS / 60} minutes before its logins get 429 for the rest of them`,
  },
  loginMaxFailuresPerUsername: {
    env: 'GATEWAY_LOGIN_MAX_FAILURES_PER_USERNAME',
    default: String(DEFAULT_LOGIN_MAX_FAILURES_PER_USERNAME),
    parse: attemptsLimit,
    description: `failed logins (or wrong current passwords) of one username in ${LOGIN_WINDOW_SECONDS / 60} minutes before it is locked (even the right password waits) for the rest of them`,
  },
  totpRequiredRoles: {
    env: 'GATEWAY_TOTP_REQUIRED_ROLES',
    default: '',
    parse: parseSecondFactorRules,
    description:
      'roles that must log in with a second factor (TOTP), per office: <OFFICE>=<ROLE>|<ROLE>,… with * for every office, e.g. BLP=KEPALA_KANTOR|AUDITOR,*=KEPALA_SEKSI_TI; empty: none',
  },
  webFormOffices: {
    env: 'WEB_FORM_OFFICES',
    default: '',
    parse: officeList,
    description: 'offices whose public web form is open, <OFFICE>,… (the same variable intake reads); listed at GET /api/v1/public/offices',
  },
  adminWebDist: {
    env: 'ADMIN_WEB_DIST',
    default: defaultAdminWebDist(),
    parse: (raw) => resolve(raw),
    description: 'directory of the built web app served at / (npm run build:web); relative to the working directory',
  },
  officeProfiles: OFFICE_PROFILES_SETTING,
  production: PRODUCTION_MODE,
  apiDocs: { env: 'API_DOCS', default: 'auto', parse: parse.switch, description: 'the OpenAPI page at /api/docs: on, off, or auto (on unless NODE_ENV=production)' },
  grpcReflection: {
    env: 'GRPC_REFLECTION',
    default: 'auto',
    parse: parse.switch,
    description: 'gRPC server reflection on the public gRPC API: on, off, or auto (on unless NODE_ENV=production)',
  },
};

/** Variables the gateway no longer reads, with what replaced them: set, they would be ignored without a word. */
const RETIRED_VARIABLES: Record<string, string> = {
  PUBLIC_TRACKING_MAX_FAILURES_PER_NUMBER:
    'no longer read: a tracking number is no longer locked for everyone; set PUBLIC_TRACKING_MAX_FAILURES_PER_ADDRESS_AND_NUMBER and PUBLIC_TRACKING_GUARD_AFTER_FAILURES_PER_NUMBER instead (ADR 0041)',
};

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfigParts(
    () => loadConfig(GATEWAY_CONFIG, env),
    () => loadConfigParts(() => ({ eventSigning: loadEventSigning(env) }), () => loadTransportSecurity('gateway', env)),
    () => Object.entries(RETIRED_VARIABLES).flatMap(([name, why]) => (env[name] ? [`${name}: ${why}`] : [])),
  );
}

/** The configuration of the `user` and `seed-demo` commands: the database alone, no secret, no Kafka. */
export function loadGatewayCliConfig(env: NodeJS.ProcessEnv = process.env): GatewayCliConfig {
  return loadConfig<GatewayCliConfig>({ databaseUrl: GATEWAY_CONFIG.databaseUrl, databaseSchema: GATEWAY_CONFIG.databaseSchema }, env);
}
