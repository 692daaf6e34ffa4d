// The floor under every command: what one commit of the database and one durable produce of the
// log cost on the same infrastructure in the same run, measured from the bench process. A command
// commits its state and its outbox row together (two inserts), and the relay produces the event
// with acks=all; no command can answer faster than these.
import { closeSharedEmbeddedBuses, createIdempotentProducer, createKafka } from '@pengaduan/messaging';
import { createLogger } from '@pengaduan/runtime';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { percentile } from './sop-driver';

const round = (n: number) => Math.round(n * 100) / 100;

export interface CommitFloor {
  /** One client, one transaction after another. */
  oneClient: { n: number; p50Ms: number; p99Ms: number; perSecond: number };
  /** Eight clients at once for `seconds`. */
  eightClients: { n: number; seconds: number; p50Ms: number; p99Ms: number; perSecond: number };
  settings: Record<string, string>;
}

/** Two inserts (a state row and an outbox row, as a command writes) in one transaction: latency and rate. */
export async function commitFloor(connectionString: string, opts: { transactions?: number; seconds?: number } = {}): Promise<CommitFloor> {
  const schema = `bench_floor_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString, application_name: 'bench-floor' });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`CREATE TABLE "${schema}".complaint_state (id uuid PRIMARY KEY, status text NOT NULL, version int NOT NULL, body jsonb NOT NULL)`);
    await admin.query(`CREATE TABLE "${schema}".outbox (id bigserial PRIMARY KEY, event_id uuid NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    const settings: Record<string, string> = {};
    for (const name of ['synchronous_commit', 'fsync', 'wal_sync_method', 'server_version']) {
      settings[name] = String((await admin.query(`SHOW ${name}`)).rows[0]?.[name] ?? '?');
    }
    const commit = async (client: Client) => {
      const t0 = performance.now();
      await client.query('BEGIN');
      await client.query(`INSERT INTO "${schema}".complaint_state (id, status, version, body) VALUES ($1, 'CONFIRMED', 2, $2)`, [randomUUID(), { summary: 'x'.repeat(200) }]);
      await client.query(`INSERT INTO "${schema}".outbox (event_id, payload) VALUES ($1, $2)`, [randomUUID(), { data: 'x'.repeat(800) }]);
      await client.query('COMMIT');
      return performance.now() - t0;
    };
    const n = opts.transactions ?? 300;
    for (let i = 0; i < 20; i++) await commit(admin);
    const one: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i++) one.push(await commit(admin));
    const oneSeconds = (performance.now() - t0) / 1000;

    const seconds = opts.seconds ?? 5;
    const clients = await Promise.all(Array.from({ length: 8 }, async () => {
      const c = new Client({ connectionString, application_name: 'bench-floor' });
      await c.connect();
      return c;
    }));
    const eight: number[] = [];
    const until = performance.now() + seconds * 1000;
    await Promise.all(clients.map(async (c) => {
      while (performance.now() < until) eight.push(await commit(c));
    }));
    await Promise.all(clients.map((c) => c.end()));
    one.sort((a, b) => a - b);
    eight.sort((a, b) => a - b);
    return {
      oneClient: { n, p50Ms: round(percentile(one, 50)), p99Ms: round(percentile(one, 99)), perSecond: Math.round(n / oneSeconds) },
      eightClients: { n: eight.length, seconds, p50Ms: round(percentile(eight, 50)), p99Ms: round(percentile(eight, 99)), perSecond: Math.round(eight.length / seconds) },
      settings,
    };
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

export interface ProduceFloor {
  n: number;
  p50Ms: number;
  p99Ms: number;
  perSecond: number;
}

/**
 * One event-sized record at a time with the relay's producer (idempotent, acks=all, one request in
 * flight: createIdempotentProducer) to a topic of the bench's own; `brokers` may be `embedded`.
 */
export async function produceFloor(brokers: string[], opts: { embeddedBusUrl?: string; records?: number } = {}): Promise<ProduceFloor> {
  const kafka = createKafka({ brokers, clientId: 'bench-floor', logger: createLogger('bench-floor', 'error'), ...(opts.embeddedBusUrl ? { embeddedBusUrl: opts.embeddedBusUrl } : {}) });
  const topic = `bench.floor.${Date.now().toString(36)}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  try {
    const value = JSON.stringify({ specversion: '1.0', type: 'bench.floor', data: 'x'.repeat(1000) });
    const send = async () => {
      const t0 = performance.now();
      await producer.send({ topic, acks: -1, messages: [{ key: randomUUID(), value }] });
      return performance.now() - t0;
    };
    // The first sends wait for metadata and the producer id; on a broker just asked to create the topic they may be refused.
    for (let i = 0; i < 20; i++) await send().catch(() => new Promise((r) => setTimeout(r, 200)));
    const n = opts.records ?? 300;
    const times: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i++) times.push(await send());
    const seconds = (performance.now() - t0) / 1000;
    times.sort((a, b) => a - b);
    return { n, p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)), perSecond: Math.round(n / seconds) };
  } finally {
    await producer.disconnect();
    // The embedded bus's admin has no deleteTopics (its topic stays in the bench's throwaway data directory).
    await Promise.resolve()
      .then(() => admin.deleteTopics({ topics: [topic] }))
      .catch(() => undefined);
    await admin.disconnect();
    if (opts.embeddedBusUrl) await closeSharedEmbeddedBuses();
  }
}
