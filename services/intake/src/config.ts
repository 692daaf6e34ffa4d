import { OFFICE_PROFILES_SETTING, type OfficeDirectory } from '@pengaduan/documents';
import { channelSettingsFromEnv, DEFAULT_MEDIA_MAX_BYTES, type ChannelSettings } from '@pengaduan/channels';
import { loadEventSigning, loadTransportSecurity, type EventSigning, type KafkaSecurity } from '@pengaduan/messaging';
import { loadConfig, loadConfigParts, parse, planned, SERVICE_PORTS, type ConfigSpec, type GrpcTls } from '@pengaduan/runtime';
import { DEFAULT_MEDIA_TYPES } from './inbound-media/media-fetch-worker';
import { contactKeyRing, parseKeyRing, type RingKey } from './reporter-contact/key-ring';

export interface IntakeConfig {
  /** The offices' default letterheads (OFFICE_PROFILES_FILE): under what each head of office saves (docs/adr/0048). */
  officeProfiles: OfficeDirectory;
  databaseUrl: string;
  databaseSchema: string;
  kafkaBrokers: string[];
  httpHost: string;
  httpPort: number;
  grpcAddress: string;
  /** The single legacy contact key (REPORTER_CONTACT_KEY), kept under its fingerprint id; optional once REPORTER_CONTACT_KEYS is set. */
  reporterContactKey: string | undefined;
  /** The contact key ring, newest first (REPORTER_CONTACT_KEYS). */
  reporterContactKeys: RingKey[] | undefined;
  /** The sender digest's own versioned keys, newest first (SENDER_DIGEST_KEYS); unset: derived from the contact keys. */
  senderDigestKeys: RingKey[] | undefined;
  /** Largest webhook body taken; a larger one answers 413. */
  webhookMaxBodyBytes: number;
  /** Largest attachment fetched and kept: the download stops as soon as it passes it. */
  mediaMaxBytes: number;
  /** Attachment content types kept. */
  mediaAllowedTypes: string[];
  /** Where notification's gRPC API is (delivery receipts go there). */
  notificationGrpcUrl: string;
  /** How often the inbound processor, media fetcher and receipt forwarder look for work when nothing woke them. */
  inboundPollMs: number;
  /** Days after closing that a complainant's personal data is kept before the retention job erases it (docs/adr/0057). */
  personalDataRetentionDays: number;
  /** Signed events (EVENT_SIGNING_KEY, EVENT_PUBLIC_KEYS): read by loadEventSigning, not by this spec. */
  eventSigning?: EventSigning;
  /** Kafka's TLS and SASL (KAFKA_SSL_*, KAFKA_SASL_*): read by loadTransportSecurity, not by this spec. */
  kafkaSecurity?: KafkaSecurity;
  /** Internal gRPC over mutual TLS (GRPC_TLS_*): read by loadTransportSecurity, not by this spec. */
  grpcTls?: GrpcTls;
}

/** intake's configuration with the channel providers' settings (PUBLIC_BASE_URL, WHATSAPP_…, TWILIO_…). */
export interface IntakeServiceConfig extends IntakeConfig {
  channels: ChannelSettings;
}

const base64Key = (raw: string): string => {
  if (Buffer.from(raw, 'base64').length !== 32) throw new Error('must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  return raw;
};
const optional =
  <V>(parser: (raw: string) => V) =>
  (raw: string): V | undefined =>
    raw === '' ? undefined : parser(raw);

/** Days after closing a complainant's personal data is kept, unless PERSONAL_DATA_RETENTION_DAYS says otherwise (docs/adr/0057). */
export const DEFAULT_RETENTION_DAYS = 730;

/** Every variable intake reads (also documented in .env.example). */
export const INTAKE_CONFIG: ConfigSpec<IntakeConfig> = {
  databaseUrl: { env: 'DATABASE_URL', parse: parse.url(['postgres:', 'postgresql:']), description: 'Postgres connection URL' },
  databaseSchema: { env: 'INTAKE_DB_SCHEMA', default: 'intake', parse: parse.identifier, description: "intake's own schema" },
  kafkaBrokers: { env: 'KAFKA_BROKERS', parse: parse.list, description: 'Kafka bootstrap brokers, host:port,…' },
  httpHost: { env: 'INTAKE_HTTP_HOST', default: '127.0.0.1', parse: parse.string, description: 'address of the health endpoints' },
  httpPort: { env: 'INTAKE_HTTP_PORT', ...planned.port(SERVICE_PORTS.intake.http), parse: parse.port, description: 'port of the health endpoints' },
  grpcAddress: { env: 'INTAKE_GRPC_ADDRESS', ...planned.address(SERVICE_PORTS.intake.grpc), parse: parse.string, description: 'host:port the internal gRPC API binds' },
  officeProfiles: OFFICE_PROFILES_SETTING,
  reporterContactKey: {
    env: 'REPORTER_CONTACT_KEY',
    default: '',
    parse: optional(base64Key),
    description:
      "SECRET: the single AES-256 key that encrypts reporters' contacts at rest (base64, 32 bytes); with REPORTER_CONTACT_KEYS set, only opens what it sealed (docs/adr/0026)",
  },
  reporterContactKeys: {
    env: 'REPORTER_CONTACT_KEYS',
    default: '',
    parse: optional(parseKeyRing),
    description: "SECRET: the ring of contact keys, <id>:<base64 32 bytes>,… newest first (or marked with a leading *): seals with the newest, opens with any (docs/adr/0026)",
  },
  senderDigestKeys: {
    env: 'SENDER_DIGEST_KEYS',
    default: '',
    parse: optional(parseKeyRing),
    description: "SECRET: versioned keys of the channel senders' digest, <version>:<base64 32 bytes>,… newest first; unset: derived from the contact keys (docs/adr/0026)",
  },
  webhookMaxBodyBytes: {
    env: 'WEBHOOK_MAX_BODY_BYTES',
    default: '1048576',
    parse: parse.positiveInt,
    description: 'largest webhook body intake takes, in bytes (larger: 413)',
  },
  mediaMaxBytes: {
    env: 'MEDIA_MAX_BYTES',
    default: String(DEFAULT_MEDIA_MAX_BYTES),
    parse: parse.positiveInt,
    description: 'largest attachment intake fetches and keeps, in bytes (a download is cut off as soon as it passes it)',
  },
  mediaAllowedTypes: {
    env: 'MEDIA_ALLOWED_TYPES',
    default: DEFAULT_MEDIA_TYPES.join(','),
    parse: parse.list,
    description: 'content types of attachments intake keeps, comma-separated',
  },
  notificationGrpcUrl: { env: 'NOTIFICATION_GRPC_URL', ...planned.address(SERVICE_PORTS.notification.grpc), parse: parse.string, description: "host:port of notification's internal gRPC API (delivery receipts)" },
  inboundPollMs: {
    env: 'INTAKE_INBOUND_POLL_MS',
    default: '500',
    parse: parse.positiveInt,
    description: 'how often stored channel messages, attachments and receipts are looked for when nothing woke the workers (ms)',
  },
  personalDataRetentionDays: {
    env: 'PERSONAL_DATA_RETENTION_DAYS',
    default: String(DEFAULT_RETENTION_DAYS),
    parse: parse.positiveInt,
    description: "days after a complaint closed that its complainant's contact, messages and attachments are kept; then the daily retention job erases them (docs/adr/0057)",
  },
};

export function loadIntakeConfig(env: NodeJS.ProcessEnv = process.env): IntakeServiceConfig {
  return loadConfigParts(
    () => loadConfigParts(
      () => loadConfig(INTAKE_CONFIG, env),
      () => ({ channels: channelSettingsFromEnv(env) }),
      contactKeyProblems,
    ),
    () => loadConfigParts(() => ({ eventSigning: loadEventSigning(env) }), () => loadTransportSecurity('intake', env)),
  );
}

/** REPORTER_CONTACT_KEY and REPORTER_CONTACT_KEYS together: at least one key, no id taken twice. */
export function contactKeyProblems(config: Pick<IntakeConfig, 'reporterContactKey' | 'reporterContactKeys'>): string[] {
  try {
    contactKeyRing(config.reporterContactKey, config.reporterContactKeys);
    return [];
  } catch (err) {
    return [(err as Error).message];
  }
}
