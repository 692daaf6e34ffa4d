import type { DataSource, EntityManager } from 'typeorm';
import type { ConsumedEvent } from './consumer-options';
import { idKey, isApplicable, type Applicable, type BatchContext, type Sorted } from './sorted-message';

/**
 * What the batch claim found for an event: `claimed` (its first counted attempt is this batch's),
 * `handled` (processed or dead-lettered before: a redelivery), or `alone` (an attempt of it is on
 * record already, e.g. in a batch that died with the process: it goes by itself, so a poison event
 * is found and counted without the events around it).
 */
export type ClaimOutcome = 'claimed' | 'handled' | 'alone';

/** An event's inbox row as its own claim leaves it. */
export interface InboxClaim {
  started_attempts: number;
  processed_at: Date | null;
  dead_lettered_at: Date | null;
}

/**
 * Claims the events of a batch in one statement, outside any effect transaction (ADR 0007): a new
 * event gets its row with one attempt begun; one whose row shows no counted attempt (only
 * transient failures, which are not counted) gets one; any other is left as it is. The main query
 * reads `inbox` as it was before the statement, so it tells the three outcomes apart.
 */
const BATCH_CLAIM = `
  WITH incoming AS (
    SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::bigint[]) AS t(event_id, event_type, subject, kafka_offset)
  ), claimed AS (
    INSERT INTO inbox (consumer_group, event_id, event_type, subject, topic, partition, kafka_offset, started_attempts)
    SELECT $1::text, event_id, event_type, subject, $6::text, $7::int, kafka_offset, 1 FROM incoming
    ON CONFLICT (consumer_group, event_id) DO UPDATE SET started_attempts = 1
      WHERE inbox.started_attempts <= 0 AND inbox.processed_at IS NULL AND inbox.dead_lettered_at IS NULL
    RETURNING event_id
  )
  SELECT i.event_id, c.event_id IS NOT NULL AS claimed, (b.processed_at IS NOT NULL OR b.dead_lettered_at IS NOT NULL) AS handled
  FROM incoming i
  LEFT JOIN claimed c ON c.event_id = i.event_id
  LEFT JOIN inbox b ON b.consumer_group = $1::text AND b.event_id = i.event_id`;

/** The statements the event consumer makes on its group's inbox rows (ADR 0007, docs/adr/0031). */
export class ConsumerInbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly groupId: string,
  ) {}

  /** The batch claim (see BATCH_CLAIM), once; the caller retries it. */
  async claimBatch(events: Applicable[], ctx: BatchContext): Promise<Map<string, ClaimOutcome>> {
    const unique = new Map<string, ConsumedEvent>();
    for (const { event } of events) if (!unique.has(idKey(event.envelope.id))) unique.set(idKey(event.envelope.id), event);
    const list = [...unique.values()];
    const params = [
      this.groupId,
      list.map((e) => e.envelope.id),
      list.map((e) => e.envelope.type),
      list.map((e) => e.envelope.subject),
      list.map((e) => e.offset),
      ctx.topic,
      ctx.partition,
    ];
    const rows = (await this.dataSource.query(BATCH_CLAIM, params)) as { event_id: string; claimed: boolean; handled: boolean }[];
    return new Map(rows.map((r) => [idKey(r.event_id), r.claimed ? 'claimed' : r.handled ? 'handled' : 'alone']));
  }

  /** Takes back the attempts a failed batch claimed but never made, so that each event's own claim counts once. */
  async unclaim(items: Sorted[]): Promise<void> {
    const ids = items.filter(isApplicable).map((i) => i.event.envelope.id);
    await this.dataSource
      .query(
        'UPDATE inbox SET started_attempts = started_attempts - 1 WHERE consumer_group = $1 AND event_id = ANY($2::uuid[]) AND processed_at IS NULL AND dead_lettered_at IS NULL AND started_attempts > 0',
        [this.groupId, ids],
      )
      .catch(() => undefined);
  }

  /** The candidates still open, their rows locked in `tx`. */
  async lockOpen(tx: EntityManager, candidates: string[]): Promise<Set<string>> {
    // Locked, not merely read: a concurrent redelivery of the same events (a rebalance) waits, then finds them processed.
    const open = (await tx.query(
      'SELECT event_id FROM inbox WHERE consumer_group = $1 AND event_id = ANY($2::uuid[]) AND processed_at IS NULL AND dead_lettered_at IS NULL ORDER BY event_id FOR UPDATE',
      [this.groupId, candidates],
    )) as { event_id: string }[];
    return new Set(open.map((r) => idKey(r.event_id)));
  }

  async markAllProcessed(tx: EntityManager, applied: string[]): Promise<void> {
    await tx.query(
      'UPDATE inbox SET processed_at = now(), finished_attempts = finished_attempts + 1, last_error = NULL WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])',
      [this.groupId, applied],
    );
  }

  /** Records an attempt before it starts, outside the effect's transaction. */
  async claim(event: ConsumedEvent): Promise<InboxClaim> {
    const env = event.envelope;
    const rows = (await this.dataSource.query(
      `INSERT INTO inbox (consumer_group, event_id, event_type, subject, topic, partition, kafka_offset, started_attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
       ON CONFLICT (consumer_group, event_id) DO UPDATE
         SET started_attempts = inbox.started_attempts
           + CASE WHEN inbox.processed_at IS NULL AND inbox.dead_lettered_at IS NULL THEN 1 ELSE 0 END
       RETURNING started_attempts, processed_at, dead_lettered_at`,
      [this.groupId, env.id, env.type, env.subject, event.topic, event.partition, event.offset],
    )) as InboxClaim[];
    return rows[0];
  }

  /** Whether the event is processed already, its row locked in `tx`. */
  async lockProcessed(tx: EntityManager, eventId: string): Promise<boolean> {
    const [row] = (await tx.query(
      'SELECT processed_at FROM inbox WHERE consumer_group = $1 AND event_id = $2 FOR UPDATE',
      [this.groupId, eventId],
    )) as { processed_at: Date | null }[];
    return Boolean(row?.processed_at);
  }

  async markProcessed(tx: EntityManager, eventId: string): Promise<void> {
    await tx.query(
      'UPDATE inbox SET processed_at = now(), finished_attempts = finished_attempts + 1, last_error = NULL WHERE consumer_group = $1 AND event_id = $2',
      [this.groupId, eventId],
    );
  }

  /** An attempt ended in failure; a transient one is taken back, as it says nothing about the event. */
  async recordFailure(eventId: string, err: unknown, transient: boolean): Promise<void> {
    const error = err as Error & { code?: string };
    await this.dataSource
      .query(
        `UPDATE inbox SET finished_attempts = finished_attempts + 1, last_error = $3,
           started_attempts = CASE WHEN $4 THEN started_attempts - 1 ELSE started_attempts END
         WHERE consumer_group = $1 AND event_id = $2`,
        [this.groupId, eventId, `${error.code ?? error.name}: ${error.message}`, transient],
      )
      .catch(() => undefined);
  }

  async lastError(eventId: string): Promise<string | null | undefined> {
    const [row] = (await this.dataSource.query(
      'SELECT last_error FROM inbox WHERE consumer_group = $1 AND event_id = $2',
      [this.groupId, eventId],
    )) as { last_error: string | null }[];
    return row?.last_error;
  }

  /** The events of `ids` this group has on record and has not processed (dead-lettered, or being tried). */
  async unprocessed(ids: string[]): Promise<Set<string>> {
    const rows = (await this.dataSource.query('SELECT event_id FROM inbox WHERE consumer_group = $1 AND event_id = ANY($2::uuid[]) AND processed_at IS NULL', [this.groupId, ids])) as {
      event_id: string;
    }[];
    return new Set(rows.map((r) => idKey(r.event_id)));
  }

  /**
   * Opens again the events of `ids` this group dead-lettered, their attempts counted afresh (an
   * operator re-drove them, docs/adr/0043), and answers those now open: the reopened ones, and
   * any reopened before whose attempt has not finished (a re-drive redelivered after a crash).
   * A processed event or one this group never saw is not among them.
   */
  async reopenDeadLettered(ids: string[]): Promise<Set<string>> {
    const rows = (await this.dataSource.query(
      `WITH reopened AS (
         UPDATE inbox SET dead_lettered_at = NULL, started_attempts = 0, last_error = NULL
         WHERE consumer_group = $1 AND event_id = ANY($2::uuid[]) AND dead_lettered_at IS NOT NULL AND processed_at IS NULL
         RETURNING event_id
       )
       SELECT event_id FROM reopened
       UNION SELECT event_id FROM inbox WHERE consumer_group = $1 AND event_id = ANY($2::uuid[]) AND processed_at IS NULL AND dead_lettered_at IS NULL`,
      [this.groupId, ids],
    )) as { event_id: string }[];
    return new Set(rows.map((r) => idKey(r.event_id)));
  }

  async markDeadLettered(eventId: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE inbox SET dead_lettered_at = now() WHERE consumer_group = $1 AND event_id = $2',
      [this.groupId, eventId],
    );
  }
}
