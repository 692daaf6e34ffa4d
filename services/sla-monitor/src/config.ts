import { loadEventSigning, loadTransportSecurity, type EventSigning, type KafkaSecurity } from '@pengaduan/messaging';
import { loadConfig, loadConfigParts, parse, planned, SERVICE_PORTS, type ConfigSpec, type GrpcTls } from '@pengaduan/runtime';
import { parseSlaPolicy, type SlaPolicy } from '@pengaduan/sop';
import { readFileSync } from 'node:fs';

export interface SlaMonitorConfig {
  databaseUrl: string;
  databaseSchema: string;
  kafkaBrokers: string[];
  httpHost: string;
  httpPort: number;
  /** `host:port` its internal gRPC API (SlaMonitorService: the offices' SLA policies, docs/adr/0049) binds. */
  grpcAddress: string;
  /** Share of a deadline after which the warning is raised, for offices whose policy does not say. */
  warningShare: number;
  /** How often the scheduler looks for due deadlines, in ms. */
  pollMs: number;
  /** Deadlines fired in one transaction at most. */
  batchSize: number;
  /**
   * Office policies to apply at start-up, by office code (from SLA_OFFICE_POLICIES_FILE), already
   * checked: to an office whose head of office has not set its policy in the web app (docs/adr/0049).
   */
  officePolicies: Record<string, SlaPolicy>;
  /** Signed events (EVENT_SIGNING_KEY, EVENT_PUBLIC_KEYS): read by loadEventSigning, not by this spec. */
  eventSigning?: EventSigning;
  /** Kafka's TLS and SASL (KAFKA_SSL_*, KAFKA_SASL_*): read by loadTransportSecurity, not by this spec. */
  kafkaSecurity?: KafkaSecurity;
  /** Internal gRPC over mutual TLS (GRPC_TLS_*): read by loadTransportSecurity, not by this spec. */
  grpcTls?: GrpcTls;
}

/** Every variable sla-monitor reads (documented in .env.example). */
export const SLA_MONITOR_CONFIG: ConfigSpec<SlaMonitorConfig> = {
  databaseUrl: { env: 'DATABASE_URL', parse: parse.url(['postgres:', 'postgresql:']), description: 'Postgres connection URL' },
  databaseSchema: { env: 'SLA_MONITOR_DB_SCHEMA', default: 'sla_monitor', parse: parse.identifier, description: "sla-monitor's own schema" },
  kafkaBrokers: { env: 'KAFKA_BROKERS', parse: parse.list, description: 'Kafka bootstrap brokers, host:port,…' },
  httpHost: { env: 'SLA_MONITOR_HTTP_HOST', default: '127.0.0.1', parse: parse.string, description: 'address of the health endpoints' },
  httpPort: { env: 'SLA_MONITOR_HTTP_PORT', ...planned.port(SERVICE_PORTS['sla-monitor'].http), parse: parse.port, description: 'port of the health endpoints' },
  grpcAddress: {
    env: 'SLA_MONITOR_GRPC_ADDRESS',
    ...planned.address(SERVICE_PORTS['sla-monitor'].grpc),
    parse: parse.string,
    description: "host:port the internal gRPC API (SlaMonitorService: the offices' SLA policies) binds",
  },
  warningShare: { env: 'SLA_WARNING_SHARE', default: '0.75', parse: parseShare, description: 'share of a deadline after which the warning is raised (0 < share < 1)' },
  pollMs: { env: 'SLA_MONITOR_POLL_MS', default: '1000', parse: parse.positiveInt, description: 'how often the scheduler looks for due deadlines (ms)' },
  batchSize: { env: 'SLA_MONITOR_BATCH_SIZE', default: '200', parse: parse.positiveInt, description: 'deadlines fired in one transaction at most' },
  officePolicies: {
    env: 'SLA_OFFICE_POLICIES_FILE',
    default: '',
    parse: (path) => readOfficePolicies(path),
    description: "JSON file of office code → SLA policy (calendar, working hours, holidays, hours per step), applied at start-up to the offices whose head of office has not set one in the web app",
  },
};

export function loadSlaMonitorConfig(env: NodeJS.ProcessEnv = process.env): SlaMonitorConfig {
  return loadConfigParts(
    () => loadConfig(SLA_MONITOR_CONFIG, env),
    () => loadConfigParts(() => ({ eventSigning: loadEventSigning(env) }), () => loadTransportSecurity('sla-monitor', env)),
  );
}

function parseShare(raw: string): number {
  const n = Number(raw);
  if (!(n > 0 && n < 1)) throw new Error(`"${raw}" is not a share between 0 and 1`);
  return n;
}

/** Reads and checks an office-policy file; an empty path is none. Every problem of every office is named. */
export function readOfficePolicies(path: string): Record<string, SlaPolicy> {
  if (path === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${path}: must be an object of office code → policy`);
  const policies: Record<string, SlaPolicy> = {};
  const problems: string[] = [];
  for (const [office, raw] of Object.entries(json)) {
    if (office.startsWith('$')) continue; // $comment
    try {
      parse.officeCode(office);
    } catch (err) {
      problems.push((err as Error).message);
      continue;
    }
    const parsed = parseSlaPolicy(raw);
    if (parsed.ok) policies[office] = parsed.policy;
    else problems.push(...parsed.problems.map((p) => `${office}.${p}`));
  }
  if (problems.length > 0) throw new Error(`${path}: ${problems.join('; ')}`);
  return policies;
}
