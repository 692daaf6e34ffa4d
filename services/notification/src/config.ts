import { channelSettingsFromEnv, type ChannelSettings } from '@pengaduan/channels';
import { loadEventSigning, loadTransportSecurity, type EventSigning, type KafkaSecurity } from '@pengaduan/messaging';
import { loadConfig, loadConfigParts, parse, planned, SERVICE_PORTS, type ConfigSpec, type GrpcTls } from '@pengaduan/runtime';
import { OUTBOUND_CHANNELS, type OutboundChannel } from '@pengaduan/sop';

export interface NotificationConfig {
  databaseUrl: string;
  databaseSchema: string;
  kafkaBrokers: string[];
  httpHost: string;
  httpPort: number;
  grpcAddress: string;
  /** Where intake's gRPC API is (reporters' addresses; the offices' profiles, the letterhead). */
  intakeGrpcUrl: string;
  /** Channels tried after the complaint's own, in order; then a call task for Admin Tikkim. */
  fallbackChannels: OutboundChannel[];
  /** Which provider sends SMS when both Twilio and Infobip are configured. */
  smsProvider?: 'twilio' | 'infobip';
  /** Attempts per channel on rate limits, 5xx and network errors. */
  maxAttempts: number;
  /** First retry delay (doubles per attempt, up to 5 minutes; a provider's Retry-After wins when longer). */
  retryBaseMs: number;
  /** How often queued messages are looked for when nothing woke the dispatcher. */
  pollMs: number;
  /** Signed events (EVENT_SIGNING_KEY, EVENT_PUBLIC_KEYS): read by loadEventSigning, not by this spec. */
  eventSigning?: EventSigning;
  /** Kafka's TLS and SASL (KAFKA_SSL_*, KAFKA_SASL_*): read by loadTransportSecurity, not by this spec. */
  kafkaSecurity?: KafkaSecurity;
  /** Internal gRPC over mutual TLS (GRPC_TLS_*): read by loadTransportSecurity, not by this spec. */
  grpcTls?: GrpcTls;
}

/** notification's configuration with the channel providers' settings. */
export interface NotificationServiceConfig extends NotificationConfig {
  channels: ChannelSettings;
}

const channelList = (raw: string): OutboundChannel[] => {
  const items = raw.split(/[,>]/).map((s) => s.trim().toUpperCase()).filter(Boolean);
  const bad = items.filter((c) => !(OUTBOUND_CHANNELS as readonly string[]).includes(c));
  if (bad.length > 0) throw new Error(`unknown channel(s) ${bad.join(', ')}; channels are ${OUTBOUND_CHANNELS.join(', ')}`);
  return items as OutboundChannel[];
};

/** Every variable notification reads (also documented in .env.example). */
export const NOTIFICATION_CONFIG: ConfigSpec<NotificationConfig> = {
  databaseUrl: { env: 'DATABASE_URL', parse: parse.url(['postgres:', 'postgresql:']), description: 'Postgres connection URL' },
  databaseSchema: { env: 'NOTIFICATION_DB_SCHEMA', default: 'notification', parse: parse.identifier, description: "notification's own schema" },
  kafkaBrokers: { env: 'KAFKA_BROKERS', parse: parse.list, description: 'Kafka bootstrap brokers, host:port,…' },
  httpHost: { env: 'NOTIFICATION_HTTP_HOST', default: '127.0.0.1', parse: parse.string, description: 'address of the health endpoints' },
  httpPort: { env: 'NOTIFICATION_HTTP_PORT', ...planned.port(SERVICE_PORTS.notification.http), parse: parse.port, description: 'port of the health endpoints' },
  grpcAddress: {
    env: 'NOTIFICATION_GRPC_ADDRESS',
    ...planned.address(SERVICE_PORTS.notification.grpc),
    parse: parse.string,
    description: 'host:port the internal gRPC API binds (the gateway and intake call it)',
  },
  intakeGrpcUrl: { env: 'INTAKE_GRPC_URL', ...planned.address(SERVICE_PORTS.intake.grpc), parse: parse.string, description: "host:port of intake's internal gRPC API (reporters' addresses, screening officers' texts, the offices' profiles)" },
  fallbackChannels: {
    env: 'NOTIFICATION_FALLBACK_CHANNELS',
    default: 'SMS',
    parse: channelList,
    description: 'channels tried after the complaint’s own when it cannot deliver, in order (e.g. SMS); then a call task for Admin Tikkim',
  },
  smsProvider: {
    env: 'SMS_PROVIDER',
    default: 'auto',
    parse: (raw) => {
      if (raw === 'auto') return undefined;
      if (raw !== 'twilio' && raw !== 'infobip') throw new Error('must be twilio, infobip or auto');
      return raw;
    },
    description: 'which provider sends SMS when both Twilio and Infobip are configured (twilio | infobip | auto)',
  },
  maxAttempts: { env: 'NOTIFICATION_MAX_ATTEMPTS', default: '4', parse: parse.positiveInt, description: 'attempts per channel on rate limits, 5xx and network errors' },
  retryBaseMs: { env: 'NOTIFICATION_RETRY_BASE_MS', default: '2000', parse: parse.positiveInt, description: 'first retry delay in ms (doubles per attempt, at most 5 min)' },
  pollMs: { env: 'NOTIFICATION_POLL_MS', default: '500', parse: parse.positiveInt, description: 'how often queued messages are looked for when nothing woke the dispatcher (ms)' },
};

export function loadNotificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationServiceConfig {
  return loadConfigParts(
    () =>
      loadConfigParts(
        () => loadConfig(NOTIFICATION_CONFIG, env),
        () => ({ channels: channelSettingsFromEnv(env) }),
        (c) => (c.channels.twilio && c.channels.infobip && !c.smsProvider ? ['SMS_PROVIDER: both Twilio and Infobip are configured; say which one sends SMS (twilio or infobip)'] : []),
      ),
    () => loadConfigParts(() => ({ eventSigning: loadEventSigning(env) }), () => loadTransportSecurity('notification', env)),
  );
}
