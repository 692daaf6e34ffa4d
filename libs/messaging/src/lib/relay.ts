import { chainAndSign, chainOf, EMPTY_CHAIN, serializeEnvelope, signEnvelope, TOPIC_DEFINITIONS, type ChainTip, type EventEnvelope, type EventSigningKey } from '@pengaduan/contracts';
import { schemaOf } from '@pengaduan/persistence';
import { sleep } from '@pengaduan/runtime';
import { Partitioners, type Message, type Producer } from 'kafkajs';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { DataSource, QueryRunner } from 'typeorm';
import { metadataOf } from './embedded-bus/producer';
import { outboxChannel } from './outbox';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** An idempotent producer (see createIdempotentProducer); connected by the relay. */
  producer: Producer;
  logger: Logger;
  /** The fallback poll, for a NOTIFY missed while the listener reconnected (default 2 s). */
  pollIntervalMs?: number;
  /** Rows published per Kafka request (default 200). */
  batchSize?: number;
  /**
   * The service's key: every envelope is signed with it just before it is sent, and the signed
   * body replaces the row's (the journal) in the transaction that marks it published. None:
   * published as written (unsigned).
   */
  signingKey?: EventSigningKey;
  /**
   * The partition count of a topic whose events are hash-chained (ADR 0034); undefined: not
   * chained. Default: the topics of libs/contracts' catalogue, as they are created.
   */
  partitionsOf?: (topic: string) => number | undefined;
  /** Test seam: runs after the broker acknowledged a batch and before the rows are marked. */
  afterSendBeforeMark?: (eventIds: string[]) => Promise<void> | void;
}

interface Row {
  seq: string;
  event_id: string;
  topic: string;
  message_key: string;
  body: string;
  headers: Record<string, string>;
  /** Set for a chained row: the partition its chain is for, which it is sent to. */
  partition?: number;
}

const CATALOGUE_PARTITIONS = new Map(TOPIC_DEFINITIONS.map((t) => [t.name, t.partitions]));
const cataloguePartitions = (topic: string): number | undefined => CATALOGUE_PARTITIONS.get(topic);

/**
 * Publishes a service's outbox to Kafka in `seq` order, woken by LISTEN/NOTIFY with a poll as
 * a fallback. At-least-once: a row is marked published only after the broker acknowledged it,
 * so a relay that dies between the two publishes the row again on restart (the consumers'
 * inbox makes that a no-op). One relay publishes at a time per schema (an advisory lock held
 * for the batch's transaction), so replicas cannot reorder one complaint's events.
 *
 * With a signing key, each envelope is signed at publication (Ed25519 is deterministic, so a row
 * published again after a crash goes out as the same bytes) and the row keeps the signed body.
 * Events of a catalogued topic are also hash-chained per partition (ADR 0034): the relay sends
 * each to the partition the key's murmur2 gives (as the producer's partitioner would) and links
 * it to the previous event it sent there; the chains' tips advance in the transaction that marks
 * the rows, so a batch published again is linked, and signed, exactly as before.
 */
export class OutboxRelay {
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly schema: string;
  private readonly partitionsOf: (topic: string) => number | undefined;
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private listener?: Client;
  private pollTimer?: NodeJS.Timeout;
  private running = false;
  private draining?: Promise<void>;
  private wakeAgain = false;
  private lastError: Error | undefined;
  private stopped = new AbortController();

  constructor(private readonly options: OutboxRelayOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
    this.batchSize = options.batchSize ?? 200;
    this.schema = schemaOf(options.dataSource);
    this.partitionsOf = options.partitionsOf ?? cataloguePartitions;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopped = new AbortController();
    await this.options.producer.connect();
    void this.listen();
    this.pollTimer = setInterval(() => this.wake(), this.pollIntervalMs);
    this.wake();
  }

  /** Throws when the relay is not publishing: for readiness checks. */
  check(): void {
    if (!this.running) throw new Error('outbox relay not running');
    if (this.lastError) throw new Error(`outbox relay failing: ${this.lastError.message}`);
  }

  /** Publishes whatever is pending now; resolves when the outbox was seen empty (for tests and shutdown). */
  async flush(): Promise<void> {
    this.wake();
    while (this.draining) await this.draining;
  }

  /** Stops listening and polling, finishes the batch in flight, disconnects the producer. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopped.abort(new Error('relay stopped'));
    if (this.pollTimer) clearInterval(this.pollTimer);
    while (this.draining) await this.draining.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    await this.options.producer.disconnect();
  }

  private wake(): void {
    if (!this.running) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.wakeAgain && this.running) {
        this.wakeAgain = false;
        this.wake();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.running && (await this.publishBatch()) === this.batchSize) {
        // a full batch: there may be more
      }
      this.lastError = undefined;
    } catch (err) {
      this.lastError = err as Error;
      this.options.logger.error({ err: { message: (err as Error).message } }, 'outbox relay batch failed; will retry');
    }
  }

  /** Publishes up to one batch; returns how many rows it published. */
  private async publishBatch(): Promise<number> {
    const runner = this.options.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [
        `outbox-relay:${this.schema}`,
      ])) as { locked: boolean }[];
      if (!locked) {
        await runner.rollbackTransaction();
        return 0; // another replica's relay is publishing
      }
      const rows = (await runner.query(
        `SELECT seq, event_id, topic, message_key, body, headers
           FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
        [this.batchSize],
      )) as Row[];
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      const seqs = rows.map((r) => r.seq);
      const { signingKey } = this.options;
      const tips = signingKey ? await this.sign(runner, rows, signingKey) : undefined;
      try {
        await this.send(rows);
      } catch (err) {
        await runner.rollbackTransaction();
        await this.options.dataSource.query(
          'UPDATE outbox SET publish_attempts = publish_attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])',
          [seqs, (err as Error).message],
        );
        throw err;
      }
      await this.options.afterSendBeforeMark?.(rows.map((r) => r.event_id));
      if (signingKey) {
        // The journal holds what was published: the signed bodies.
        await runner.query(
          `UPDATE outbox SET published_at = now(), publish_attempts = publish_attempts + 1, last_error = NULL, body = signed.body
             FROM unnest($1::bigint[], $2::text[]) AS signed(seq, body) WHERE outbox.seq = signed.seq`,
          [seqs, rows.map((r) => r.body)],
        );
        if (tips && tips.size > 0) {
          const moved = [...tips.values()];
          await runner.query(
            `INSERT INTO outbox_chain (topic, partition, seq, digest)
               SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[])
               ON CONFLICT (topic, partition) DO UPDATE SET seq = EXCLUDED.seq, digest = EXCLUDED.digest`,
            [moved.map((t) => t.topic), moved.map((t) => t.partition), moved.map((t) => t.tip.seq), moved.map((t) => t.tip.digest)],
          );
        }
      } else {
        await runner.query(
          'UPDATE outbox SET published_at = now(), publish_attempts = publish_attempts + 1, last_error = NULL WHERE seq = ANY($1::bigint[])',
          [seqs],
        );
      }
      await runner.commitTransaction();
      this.options.logger.debug({ count: rows.length, lastSeq: seqs[seqs.length - 1] }, 'outbox published');
      return rows.length;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  /**
   * Signs each row's envelope (its body replaced), chaining those of chained topics; answers the
   * chains' new tips, to store when the rows are marked.
   */
  private async sign(runner: QueryRunner, rows: Row[], key: EventSigningKey): Promise<Map<string, { topic: string; partition: number; tip: ChainTip }>> {
    const tips = new Map<string, { topic: string; partition: number; tip: ChainTip }>();
    const topics = [...new Set(rows.map((r) => r.topic).filter((t) => this.partitionsOf(t) !== undefined))];
    if (topics.length > 0) {
      const stored = (await runner.query('SELECT topic, partition, seq, digest FROM outbox_chain WHERE topic = ANY($1::text[])', [topics])) as { topic: string; partition: number; seq: string; digest: string }[];
      for (const t of stored) tips.set(chainOf(t.topic, t.partition), { topic: t.topic, partition: t.partition, tip: { seq: Number(t.seq), digest: t.digest } });
    }
    for (const r of rows) {
      const envelope = envelopeOf(r);
      const partitions = this.partitionsOf(r.topic);
      if (partitions === undefined) {
        r.body = serializeEnvelope(signEnvelope(envelope, key)).toString('utf8');
        continue;
      }
      const partition = this.partitioner({ topic: r.topic, partitionMetadata: metadataOf(partitions), message: { key: r.message_key, value: null } });
      const chain = chainOf(r.topic, partition);
      const linked = chainAndSign(envelope, chain, tips.get(chain)?.tip ?? EMPTY_CHAIN, key);
      tips.set(chain, { topic: r.topic, partition, tip: linked.tip });
      r.partition = partition;
      r.body = serializeEnvelope(linked.signed).toString('utf8');
    }
    return tips;
  }

  private async send(rows: Row[]): Promise<void> {
    // Rows keep their order within each topic; Kafka keeps it within each partition (key).
    const byTopic = new Map<string, Message[]>();
    for (const r of rows) {
      const list = byTopic.get(r.topic) ?? [];
      list.push({ key: r.message_key, value: r.body, headers: r.headers, ...(r.partition === undefined ? {} : { partition: r.partition }) });
      byTopic.set(r.topic, list);
    }
    await this.options.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  /** Keeps a LISTEN connection open, reconnecting with backoff when it drops. */
  private async listen(): Promise<void> {
    const url = (this.options.dataSource.options as { url?: string }).url;
    for (let attempt = 0; this.running; attempt++) {
      const client = new Client({ connectionString: url });
      try {
        await client.connect();
        client.on('notification', () => this.wake());
        await client.query(`LISTEN "${outboxChannel(this.schema)}"`);
        this.listener = client;
        attempt = 0;
        this.wake(); // anything committed while we were not listening
        await new Promise<void>((resolve) => {
          client.once('error', () => resolve());
          client.once('end', () => resolve());
          this.stopped.signal.addEventListener('abort', () => resolve(), { once: true });
        });
      } catch (err) {
        this.options.logger.warn({ err: { message: (err as Error).message } }, 'outbox listener failed; polling until it reconnects');
      } finally {
        if (this.listener === client) this.listener = undefined;
        await client.end().catch(() => undefined);
      }
      if (!this.running) return;
      await sleep(Math.min(10_000, 250 * 2 ** attempt), this.stopped.signal).catch(() => undefined);
    }
  }
}

/** A row's envelope, to sign (any earlier signature is replaced). */
function envelopeOf(row: Row): EventEnvelope {
  try {
    return JSON.parse(row.body) as EventEnvelope;
  } catch {
    throw new Error(`outbox row ${row.seq} (event ${row.event_id}) is not JSON and cannot be signed`);
  }
}
