import { ConfigError, loadConfig, parse, PRODUCTION_MODE, type ConfigSpec } from '@pengaduan/runtime';
import type { SASLOptions } from 'kafkajs';
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';

/**
 * How a service's Kafka clients connect (docs/adr/0028): over TLS to brokers whose certificate
 * the CA in KAFKA_SSL_CA signed (optionally with a client certificate), authenticated with SASL
 * SCRAM as the service's own principal. Nothing set: plaintext and unauthenticated, as the local
 * broker of deploy/local and CI; the embedded bus ignores both.
 */
export interface KafkaSecurity {
  ssl?: ConnectionOptions;
  sasl?: SASLOptions;
}

const MECHANISMS = ['scram-sha-512', 'scram-sha-256'] as const;
type Mechanism = (typeof MECHANISMS)[number];

interface KafkaSecuritySettings {
  ca: string;
  cert: string;
  key: string;
  mechanism: Mechanism | undefined;
  username: string;
  password: string;
}

/** The variables of Kafka's TLS and SASL; every service reads them (also documented in .env.example). */
export const KAFKA_SECURITY_CONFIG: ConfigSpec<KafkaSecuritySettings> = {
  ca: { env: 'KAFKA_SSL_CA', default: '', parse: parse.string, description: "PEM file of the CA that signed the brokers' certificates: connect over TLS (unset: plaintext)" },
  cert: { env: 'KAFKA_SSL_CERT', default: '', parse: parse.string, description: 'PEM file of a client certificate for brokers that ask for one (optional, with KAFKA_SSL_KEY)' },
  key: { env: 'KAFKA_SSL_KEY', default: '', parse: parse.string, description: "PEM file of the client certificate's private key (with KAFKA_SSL_CERT)" },
  mechanism: {
    env: 'KAFKA_SASL_MECHANISM',
    default: '',
    parse: (raw) => {
      const value = raw.trim().toLowerCase();
      if (value === '') return undefined;
      if (!(MECHANISMS as readonly string[]).includes(value)) throw new Error(`"${raw}" is not one of ${MECHANISMS.join(', ')}`);
      return value as Mechanism;
    },
    description: `SASL mechanism of this service's Kafka principal, ${MECHANISMS.join(' or ')} (unset: unauthenticated)`,
  },
  username: { env: 'KAFKA_SASL_USERNAME', default: '', parse: parse.string, description: "this service's Kafka principal (SCRAM user), with KAFKA_SASL_MECHANISM" },
  password: { env: 'KAFKA_SASL_PASSWORD', default: '', parse: parse.string, description: "SECRET: the password of this service's Kafka principal" },
};

/**
 * Reads KAFKA_SSL_* and KAFKA_SASL_*: a service's config part (its `kafkaSecurity`); undefined
 * when none is set. Problems name the variable and the file, never the password.
 */
export function loadKafkaSecurity(env: NodeJS.ProcessEnv = process.env): KafkaSecurity | undefined {
  const s = loadConfig(KAFKA_SECURITY_CONFIG, env);
  const problems: string[] = [];
  const read = (k: 'ca' | 'cert' | 'key'): string | undefined => {
    if (s[k] === '') return undefined;
    try {
      return readFileSync(s[k], 'utf8');
    } catch (err) {
      problems.push(`${KAFKA_SECURITY_CONFIG[k].env}: cannot read ${s[k]} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  };
  const [ca, cert, key] = [read('ca'), read('cert'), read('key')];
  if ((s.cert === '') !== (s.key === '')) problems.push('KAFKA_SSL_CERT and KAFKA_SSL_KEY go together (a client certificate and its key)');
  if (s.cert !== '' && s.ca === '') problems.push('KAFKA_SSL_CERT needs KAFKA_SSL_CA (a client certificate is presented over TLS only)');
  const saslGiven = [s.mechanism !== undefined, s.username !== '', s.password !== ''];
  if (saslGiven.some(Boolean) && !saslGiven.every(Boolean)) problems.push('KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD go together');
  if (saslGiven.every(Boolean) && s.ca === '' && PRODUCTION_MODE.parse(env[PRODUCTION_MODE.env] ?? '')) {
    problems.push('KAFKA_SASL_MECHANISM needs KAFKA_SSL_CA in production (NODE_ENV=production): a password never crosses the network in the clear there');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const security: KafkaSecurity = {
    ...(ca !== undefined ? { ssl: { ca: [ca], ...(cert !== undefined && key !== undefined ? { cert, key } : {}) } } : {}),
    ...(s.mechanism ? { sasl: { mechanism: s.mechanism, username: s.username, password: s.password } } : {}),
  };
  return security.ssl || security.sasl ? security : undefined;
}

/** What a runtime says about its Kafka connection at start-up: how it connects, and a warning when in the clear. */
export function describeKafkaSecurity(security: KafkaSecurity | undefined): { level: 'info' | 'warn'; fields: Record<string, unknown>; msg: string } {
  const fields = { kafkaTls: security?.ssl !== undefined, kafkaSasl: security?.sasl?.mechanism ?? null, kafkaPrincipal: (security?.sasl as { username?: string } | undefined)?.username ?? null };
  if (security?.ssl && security.sasl) return { level: 'info', fields, msg: `Kafka over TLS as ${fields.kafkaPrincipal} (${fields.kafkaSasl})` };
  return { level: 'warn', fields, msg: 'Kafka connection is not both encrypted and authenticated (KAFKA_SSL_CA, KAFKA_SASL_*): for development only' };
}
