import { EventEmitter } from 'node:events';
import { Pool, type PoolClient } from 'pg';
import { encodeHeaders, toBytes, type StoredRecord } from '../records';
import { EmbeddedBusError, unknownTopic } from './bus-errors';
import { createBusTables, type BusTable } from './bus-tables';
import { EMBEDDED_BUS_SCHEMA, type AppendMessage, type AppendResult, type EmbeddedBusOptions, type GroupMember, type PartitionOffsets, type TopicSpec } from './bus-types';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The storage and coordination of the embedded bus: an append-only log per topic partition and
 * each consumer group's committed offsets, in Postgres tables of a schema of its own, with
 * Kafka's semantics where the platform depends on them — offsets increase by one per partition
 * from 0, a record is durable once its append committed, a group resumes from its committed
 * offset. One instance is shared by every client of a process (see sharedEmbeddedBus), so an
 * append wakes every consumer of the process at once; a consumer group has one active member at
 * a time (others stand by), coordinated in the process.
 */
export class EmbeddedBus {
  readonly schema: string;
  readonly pollIntervalMs: number;
  private readonly pool: Pool;
  private readonly events = new EventEmitter();
  private setup?: Promise<void>;
  private readonly partitionCounts = new Map<string, number>();
  private readonly groups = new Map<string, GroupMember[]>();
  private closed = false;

  constructor(readonly options: EmbeddedBusOptions) {
    this.schema = options.schema ?? EMBEDDED_BUS_SCHEMA;
    if (!IDENTIFIER.test(this.schema)) throw new Error(`embedded bus schema "${this.schema}" is not a lowercase SQL identifier`);
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    // An idle pool does not keep the process alive (a CLI such as the audit exits when done).
    this.pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 4, allowExitOnIdle: true, application_name: 'embedded-bus' });
    this.pool.on('error', () => undefined); // an idle connection dropped: the next query reconnects
    this.events.setMaxListeners(0);
  }

  /** `"schema".table`, for the bus's SQL (it never relies on search_path). */
  private t(table: BusTable): string {
    return `"${this.schema}".${table}`;
  }

  /** Creates the schema and its tables once (idempotent, safe from several processes at once). */
  ready(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the embedded bus is closed'));
    this.setup ??= this.transaction(async (c) => {
      await createBusTables(c, this.schema, (table) => this.t(table));
    }).catch((err: Error) => {
      this.setup = undefined; // try again on the next call
      throw err;
    });
    return this.setup;
  }

  async ping(): Promise<void> {
    await this.ready();
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.events.emit('closed');
    await this.pool.end();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  // ---- topics -------------------------------------------------------------------------------

  async listTopics(): Promise<string[]> {
    await this.ready();
    const { rows } = await this.pool.query<{ name: string }>(`SELECT name FROM ${this.t('topics')} ORDER BY name`);
    return rows.map((r) => r.name);
  }

  /** Creates the topics that do not exist yet; answers the names it created. */
  async createTopics(topics: TopicSpec[]): Promise<string[]> {
    await this.ready();
    for (const t of topics) {
      if (!/^[a-zA-Z0-9._-]{1,249}$/.test(t.name)) throw new EmbeddedBusError(`invalid topic name ${JSON.stringify(t.name)}`, 'INVALID_TOPIC_EXCEPTION');
      if (!Number.isInteger(t.partitions) || t.partitions < 1) throw new EmbeddedBusError(`topic ${t.name}: partitions must be a positive integer`, 'INVALID_PARTITIONS');
    }
    return this.transaction(async (c) => {
      const created: string[] = [];
      for (const t of topics) {
        const inserted = await c.query(`INSERT INTO ${this.t('topics')} (name, partitions, config) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING name`, [
          t.name,
          t.partitions,
          JSON.stringify(t.config ?? {}),
        ]);
        if (inserted.rowCount === 0) continue;
        await c.query(`INSERT INTO ${this.t('partitions')} (topic, partition) SELECT $1, p FROM generate_series(0, $2 - 1) AS p`, [t.name, t.partitions]);
        created.push(t.name);
      }
      return created;
    });
  }

  /** The topic's number of partitions, undefined when it does not exist (cached: partitions never change). */
  async partitionsOf(topic: string): Promise<number | undefined> {
    const known = this.partitionCounts.get(topic);
    if (known !== undefined) return known;
    await this.ready();
    const { rows } = await this.pool.query<{ partitions: number }>(`SELECT partitions FROM ${this.t('topics')} WHERE name = $1`, [topic]);
    if (rows.length === 0) return undefined;
    this.partitionCounts.set(topic, rows[0].partitions);
    return rows[0].partitions;
  }

  async topicOffsets(topic: string): Promise<PartitionOffsets[]> {
    if ((await this.partitionsOf(topic)) === undefined) throw unknownTopic(topic);
    const { rows } = await this.pool.query<{ partition: number; low: string; high: string }>(
      `SELECT p.partition, COALESCE((SELECT min(r."offset") FROM ${this.t('records')} r WHERE r.topic = p.topic AND r.partition = p.partition), p.next_offset)::text AS low,
              p.next_offset::text AS high
         FROM ${this.t('partitions')} p WHERE p.topic = $1 ORDER BY p.partition`,
      [topic],
    );
    return rows;
  }

  // ---- the log ------------------------------------------------------------------------------

  /**
   * Appends the messages, each to its partition, in one transaction: every record of the call is
   * durable when it resolves, or none is. Offsets are taken from the partition's row (locked by
   * the update), so they are consecutive per partition and never reused, even by concurrent
   * appenders in other processes. Wakes the consumers of this instance once it committed.
   */
  async append(batches: { topic: string; partition: number; messages: AppendMessage[] }[]): Promise<AppendResult[]> {
    await this.ready();
    for (const b of batches) {
      const partitions = await this.partitionsOf(b.topic);
      if (partitions === undefined) throw unknownTopic(b.topic);
      if (!Number.isInteger(b.partition) || b.partition < 0 || b.partition >= partitions) {
        throw new EmbeddedBusError(`topic ${b.topic} has no partition ${b.partition}`, 'UNKNOWN_TOPIC_OR_PARTITION', true);
      }
    }
    // One lock order for every appender (topic, partition), so concurrent appends cannot deadlock.
    const ordered = [...batches].filter((b) => b.messages.length > 0).sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
    const results = await this.transaction(async (c) => {
      const out: AppendResult[] = [];
      for (const b of ordered) {
        const n = b.messages.length;
        const head = await c.query<{ base: string }>(
          `UPDATE ${this.t('partitions')} SET next_offset = next_offset + $3 WHERE topic = $1 AND partition = $2 RETURNING (next_offset - $3)::text AS base`,
          [b.topic, b.partition, n],
        );
        const base = head.rows[0].base;
        await c.query(
          `INSERT INTO ${this.t('records')} (topic, partition, "offset", key, value, headers, "timestamp")
           SELECT $1, $2, $3::bigint + m.ord - 1, m.key, m.value, m.headers::jsonb, m.ts
             FROM unnest($4::bytea[], $5::bytea[], $6::text[], $7::bigint[]) WITH ORDINALITY AS m(key, value, headers, ts, ord)`,
          [
            b.topic,
            b.partition,
            base,
            b.messages.map((m) => toBytes(m.key)),
            b.messages.map((m) => toBytes(m.value)),
            b.messages.map((m) => JSON.stringify(encodeHeaders(m.headers))),
            b.messages.map((m) => m.timestamp ?? String(Date.now())),
          ],
        );
        out.push({ topic: b.topic, partition: b.partition, baseOffset: base });
      }
      return out;
    });
    for (const topic of new Set(ordered.map((b) => b.topic))) this.events.emit('appended', topic);
    return results;
  }

  /** Up to `limit` records of each partition from its position, in offset order. */
  async fetch(positions: { topic: string; partition: number; offset: string }[], limit: number): Promise<StoredRecord[]> {
    if (positions.length === 0) return [];
    await this.ready();
    const { rows } = await this.pool.query<{ topic: string; partition: number; offset: string; key: Buffer | null; value: Buffer | null; headers: [string, string][]; timestamp: string }>(
      `SELECT r.topic, r.partition, r."offset"::text AS "offset", r.key, r.value, r.headers, r."timestamp"::text AS "timestamp"
         FROM unnest($1::text[], $2::int[], $3::bigint[]) AS p(topic, partition, pos)
         CROSS JOIN LATERAL (
           SELECT * FROM ${this.t('records')} x WHERE x.topic = p.topic AND x.partition = p.partition AND x."offset" >= p.pos ORDER BY x."offset" LIMIT $4
         ) r
        ORDER BY r.topic, r.partition, r."offset"`,
      [positions.map((p) => p.topic), positions.map((p) => p.partition), positions.map((p) => p.offset), limit],
    );
    return rows;
  }

  /** Calls `listener` after every append to `topic` through this instance; answers how to stop. */
  onAppend(listener: (topic: string) => void): () => void {
    this.events.on('appended', listener);
    return () => this.events.off('appended', listener);
  }

  // ---- groups -------------------------------------------------------------------------------

  /** The group's committed offsets (the next offset to read) for the topics, by `topic:partition`. */
  async committedOffsets(groupId: string, topics: string[]): Promise<Map<string, string>> {
    await this.ready();
    const { rows } = await this.pool.query<{ topic: string; partition: number; offset: string }>(
      `SELECT topic, partition, "offset"::text AS "offset" FROM ${this.t('group_offsets')} WHERE group_id = $1 AND topic = ANY($2::text[])`,
      [groupId, topics],
    );
    return new Map(rows.map((r) => [`${r.topic}:${r.partition}`, r.offset]));
  }

  async commit(groupId: string, offsets: { topic: string; partition: number; offset: string; metadata?: string | null }[]): Promise<void> {
    if (offsets.length === 0) return;
    await this.ready();
    await this.pool.query(
      `INSERT INTO ${this.t('group_offsets')} (group_id, topic, partition, "offset", metadata)
       SELECT $1, o.topic, o.partition, o.off, o.metadata FROM unnest($2::text[], $3::int[], $4::bigint[], $5::text[]) AS o(topic, partition, off, metadata)
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET "offset" = EXCLUDED."offset", metadata = EXCLUDED.metadata, committed_at = now()`,
      [groupId, offsets.map((o) => o.topic), offsets.map((o) => o.partition), offsets.map((o) => o.offset), offsets.map((o) => o.metadata ?? null)],
    );
  }

  /** Forgets the groups' offsets. A group with a member in this process is refused, as Kafka refuses a non-empty group. */
  async deleteGroups(groupIds: string[]): Promise<void> {
    const busy = groupIds.filter((g) => (this.groups.get(g) ?? []).length > 0);
    if (busy.length > 0) throw new EmbeddedBusError(`The group is not empty: ${busy.join(', ')}`, 'NON_EMPTY_GROUP');
    await this.ready();
    await this.pool.query(`DELETE FROM ${this.t('group_offsets')} WHERE group_id = ANY($1::text[])`, [groupIds]);
  }

  /** Whether the group has a member in this process. */
  hasMembers(groupId: string): boolean {
    return (this.groups.get(groupId) ?? []).length > 0;
  }

  /** Adds a member to its group; the first member is active, later ones stand by until it leaves. */
  join(groupId: string, member: GroupMember): void {
    const members = this.groups.get(groupId) ?? [];
    if (!members.includes(member)) members.push(member);
    this.groups.set(groupId, members);
    this.events.emit(`group:${groupId}`);
  }

  leave(groupId: string, member: GroupMember): void {
    const members = (this.groups.get(groupId) ?? []).filter((m) => m !== member);
    if (members.length > 0) this.groups.set(groupId, members);
    else this.groups.delete(groupId);
    this.events.emit(`group:${groupId}`);
  }

  isActive(groupId: string, member: GroupMember): boolean {
    return this.groups.get(groupId)?.[0] === member;
  }

  onGroupChange(groupId: string, listener: () => void): () => void {
    const name = `group:${groupId}`;
    this.events.on(name, listener);
    this.events.on('closed', listener);
    return () => {
      this.events.off(name, listener);
      this.events.off('closed', listener);
    };
  }

  private async transaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
