import { randomBytes } from 'node:crypto';
import { freePort, ServiceProcess } from './processes';
import {
  COMPLAINT_EVENTS_TOPIC,
  PLATFORM_CONSUMER_GROUPS,
  PLATFORM_GROUP_TOPICS,
  dlqTopicFor,
  generateEventSigningKey,
  parseEventKeyRing,
  parseEventSigningKey,
  signEnvelope,
  type EventEnvelope,
  type EventKeyRing,
} from '@pengaduan/contracts';
import { createTopicsIfMissing, dropSchema, sql, startGroupAtEnd, uniqueSchemaName, uniqueSuffix } from './isolation';
import { testInfrastructure } from './infrastructure';

/** The services of the platform, as separate processes, each with its own schema and ports. */
export interface PlatformStack {
  /** Base URL of the gateway's REST API (`http://127.0.0.1:<port>/api/v1`). */
  api: string;
  gatewayUrl: string;
  /** `127.0.0.1:<port>` of the gateway's public gRPC API (GATEWAY_GRPC_ADDRESS). */
  gatewayGrpc: string;
  processes: Record<string, ServiceProcess>;
  schemas: Record<string, string>;
  /** The key intake seals reporters' contacts and kept requests with (REPORTER_CONTACT_KEY), for a test that seeds what intake keeps. */
  contactKey: string;
  /** The event keys the stack publishes (EVENT_PUBLIC_KEYS): one per service, `<name>-test` for `pengaduan/<name>`. */
  keyRing: EventKeyRing;
  /**
   * Signs envelopes with the key the stack publishes for `source` (e.g. `pengaduan/intake`), for
   * a test that produces events straight to the topic: the stack's consumers verify every event.
   */
  signer(source: string): <E extends EventEnvelope>(envelope: E) => E;
  /** SIGTERMs every service (gateway first) and returns their exit codes. */
  stop(): Promise<Record<string, number | null>>;
  /** Drops every schema the stack made. */
  dispose(): Promise<void>;
}

const COMMAND_SERVICES = [
  { name: 'intake', prefix: 'INTAKE' },
  { name: 'disposition', prefix: 'DISPOSITION' },
  { name: 'analysis', prefix: 'ANALYSIS' },
  { name: 'team-decree', prefix: 'TEAM_DECREE' },
  { name: 'notification', prefix: 'NOTIFICATION' },
] as const;

/**
 * Starts intake, disposition, analysis, team-decree, notification, sla-monitor and the gateway (from
 * their sources, or compiled) against the run's real Kafka and Postgres, and waits until every one is ready.
 */
export async function startPlatformStack(
  options: {
    /** More environment for every service; a function gets the stack's public URL first (for PUBLIC_BASE_URL). */
    extraEnv?: Record<string, string> | ((urls: { gatewayUrl: string }) => Record<string, string>);
    /** Run each service's compiled `dist/main.js`, as in production (the benchmarks), not its sources. */
    compiled?: boolean;
    /**
     * The services' own poll intervals, as in production (the benchmarks measure what they cost).
     * Else 200 ms, so that tests do not wait for a poll.
     */
    defaultPolling?: boolean;
  } = {},
): Promise<PlatformStack> {
  const infra = testInfrastructure();
  const fastPoll = (env: Record<string, string>): Record<string, string> => (options.defaultPolling ? {} : env);
  const gatewayPort = await freePort();
  const gatewayGrpc = `127.0.0.1:${await freePort()}`;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const extraEnv = typeof options.extraEnv === 'function' ? options.extraEnv({ gatewayUrl }) : options.extraEnv;
  // Signed events: each service its own key (EVENT_SIGNING_KEY), every one all the published keys.
  const eventKeys = Object.fromEntries(
    [...COMMAND_SERVICES.map((s) => s.name), 'sla-monitor', 'gateway'].map((name) => [name, generateEventSigningKey(`${name}-test`, `pengaduan/${name}`)]),
  );
  const publishedKeys = Object.values(eventKeys).map((k) => k.publicEntry).join(',');
  const signingEnv = (name: string) => ({ EVENT_SIGNING_KEY: eventKeys[name].privateKey });
  // Own consumer groups, so stacks and a developer's instance on the same broker never share partitions.
  const common = {
    DATABASE_URL: infra.databaseUrl,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    KAFKA_GROUP_PREFIX: `stack-${uniqueSuffix()}.`,
    EVENT_PUBLIC_KEYS: publishedKeys,
    ...extraEnv,
  };
  // A stack reads only what is published after it starts: every consumer group it will run is
  // committed at the topic's end first. Otherwise each new stack would read the test broker's whole
  // history, and dead-letter, one by one, the partial histories other suites leave there.
  const projectionGroup = `e2e-gateway-${uniqueSuffix()}`;
  for (const group of [...COMMAND_SERVICES.map((s) => s.name), 'sla-monitor', projectionGroup]) {
    await startGroupAtEnd(`${common.KAFKA_GROUP_PREFIX}${group}`, COMPLAINT_EVENTS_TOPIC);
  }
  // The gateway's follower of the platform groups' DLQs (docs/adr/0043) likewise: the operators of
  // this stack see what fails in it, not every dead letter of the broker's history.
  await createTopicsIfMissing(PLATFORM_GROUP_TOPICS);
  for (const group of PLATFORM_CONSUMER_GROUPS) {
    await startGroupAtEnd(`${common.KAFKA_GROUP_PREFIX}${projectionGroup}.dead-letters`, dlqTopicFor(group));
  }
  const contactKey = randomBytes(32).toString('base64');
  const processes: Record<string, ServiceProcess> = {};
  const schemas: Record<string, string> = {};
  const grpc: Record<string, string> = {};
  const http: Record<string, number> = {};
  for (const svc of COMMAND_SERVICES) {
    [http[svc.name], grpc[svc.name]] = [await freePort(), `127.0.0.1:${await freePort()}`];
  }
  for (const svc of COMMAND_SERVICES) {
    schemas[svc.name] = uniqueSchemaName(`e2e_${svc.name.replace('-', '_')}`);
    processes[svc.name] = new ServiceProcess(
      svc.name,
      {
        ...common,
        ...signingEnv(svc.name),
        [`${svc.prefix}_DB_SCHEMA`]: schemas[svc.name],
        [`${svc.prefix}_HTTP_PORT`]: String(http[svc.name]),
        [`${svc.prefix}_GRPC_ADDRESS`]: grpc[svc.name],
        // intake hands receipts to notification; notification asks intake for addresses; every
        // other command service asks intake to screen its officers' texts (docs/adr/0023).
        ...(svc.name === 'intake'
          ? { REPORTER_CONTACT_KEY: contactKey, NOTIFICATION_GRPC_URL: grpc['notification'], ...fastPoll({ INTAKE_INBOUND_POLL_MS: '200' }) }
          : { INTAKE_GRPC_URL: grpc['intake'] }),
        ...(svc.name === 'notification' ? fastPoll({ NOTIFICATION_POLL_MS: '200', NOTIFICATION_RETRY_BASE_MS: '500' }) : {}),
      },
      `http://127.0.0.1:${http[svc.name]}`,
      { compiled: options.compiled },
    );
  }
  // sla-monitor follows the stream and publishes the SLA events the gateway projects; its gRPC API
  // keeps the offices' SLA policies (docs/adr/0049).
  const slaPort = await freePort();
  grpc['sla-monitor'] = `127.0.0.1:${await freePort()}`;
  schemas['sla-monitor'] = uniqueSchemaName('e2e_sla_monitor');
  processes['sla-monitor'] = new ServiceProcess(
    'sla-monitor',
    {
      ...fastPoll({ SLA_MONITOR_POLL_MS: '200' }),
      ...common,
      ...signingEnv('sla-monitor'),
      SLA_MONITOR_DB_SCHEMA: schemas['sla-monitor'],
      SLA_MONITOR_HTTP_PORT: String(slaPort),
      SLA_MONITOR_GRPC_ADDRESS: grpc['sla-monitor'],
    },
    `http://127.0.0.1:${slaPort}`,
    { compiled: options.compiled },
  );
  schemas['gateway'] = uniqueSchemaName('e2e_gateway');
  processes['gateway'] = new ServiceProcess(
    'gateway',
    {
      ...common,
      ...signingEnv('gateway'),
      GATEWAY_DB_SCHEMA: schemas['gateway'],
      GATEWAY_HTTP_PORT: String(gatewayPort),
      GATEWAY_GRPC_ADDRESS: gatewayGrpc,
      GATEWAY_PROJECTION_GROUP: projectionGroup,
      GATEWAY_JWT_SECRET: randomBytes(32).toString('base64'),
      INTAKE_GRPC_URL: grpc['intake'],
      DISPOSITION_GRPC_URL: grpc['disposition'],
      ANALYSIS_GRPC_URL: grpc['analysis'],
      TEAM_DECREE_GRPC_URL: grpc['team-decree'],
      NOTIFICATION_GRPC_URL: grpc['notification'],
      SLA_MONITOR_GRPC_URL: grpc['sla-monitor'],
      INTAKE_WEBHOOKS_URL: `http://127.0.0.1:${http['intake']}`,
    },
    gatewayUrl,
    { compiled: options.compiled },
  );
  for (const p of Object.values(processes)) p.start();
  await Promise.all(Object.values(processes).map((p) => p.waitUntilReady(120_000)));

  return {
    api: `${gatewayUrl}/api/v1`,
    gatewayUrl,
    gatewayGrpc,
    processes,
    schemas,
    contactKey,
    keyRing: parseEventKeyRing(publishedKeys),
    signer(source: string) {
      const entry = Object.values(eventKeys).find((k) => k.publicEntry.split('=')[1] === source);
      if (!entry) throw new Error(`the stack publishes no event key for ${source}`);
      const key = parseEventSigningKey(entry.privateKey);
      return <E extends EventEnvelope>(envelope: E): E => signEnvelope(envelope, key);
    },
    async stop() {
      const codes: Record<string, number | null> = {};
      codes['gateway'] = await processes['gateway'].stop();
      const rest = await Promise.all([...COMMAND_SERVICES.map((s) => s.name), 'sla-monitor'].map(async (name) => [name, await processes[name].stop()] as const));
      for (const [name, code] of rest) codes[name] = code;
      return codes;
    },
    async dispose() {
      await Promise.all(Object.values(schemas).map((s) => dropSchema(s)));
    },
  };
}

/** Adds sections to an office in a stack's disposition schema (sections are data per office). */
export async function addSections(stack: PlatformStack, officeCode: string, sections: { code: string; name: string }[]): Promise<void> {
  const schema = stack.schemas['disposition'];
  for (const [i, s] of sections.entries()) {
    await sql(`INSERT INTO "${schema}".section (office_code, code, name, sort_order, active) VALUES ($1, $2, $3, $4, true) ON CONFLICT DO NOTHING`, [
      officeCode,
      s.code,
      s.name,
      i + 1,
    ]);
  }
}
