import { createIdempotentProducer, redrive, ServiceRuntime, type DeadLetteredMessage } from '@pengaduan/messaging';
import { Clock, ServiceError } from '@pengaduan/runtime';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { DeadLetterDto, DeadLetterListDto, RedriveResultDto } from './dead-letters.dto';

interface DeadLetterRow {
  id: string;
  consumer_group: string;
  event_id: string | null;
  event_type: string | null;
  complaint_id: string | null;
  reason: string;
  error_code: string;
  attempts: number;
  failed_at: Date;
  redrive_id: string | null;
  redriven_at: Date | null;
  redriven_by: string | null;
  total: string;
}

interface MessageRow {
  id: string;
  message_key: Buffer | null;
  message_value: Buffer | null;
  message_headers: Record<string, string>;
}

const STATE_FILTER = { waiting: 'd.redrive_id IS NULL', redriven: 'd.redrive_id IS NOT NULL', all: 'true' } as const;

/** A dead letter re-driving can help: one its group tried (refused before any attempt: malformed, signature). */
const REDRIVABLE = 'd.attempts > 0';

function toDto(r: DeadLetterRow): DeadLetterDto {
  return {
    id: r.id,
    consumerGroup: r.consumer_group,
    eventId: r.event_id,
    eventType: r.event_type,
    complaintId: r.complaint_id,
    reason: r.reason,
    errorCode: r.error_code,
    attempts: r.attempts,
    failedAt: r.failed_at.toISOString(),
    redrivable: r.attempts > 0,
    redriven: r.redrive_id && r.redriven_at ? { redriveId: r.redrive_id, at: r.redriven_at.toISOString(), by: r.redriven_by ?? '' } : null,
  };
}

const toMessage = (m: MessageRow): DeadLetteredMessage => ({ key: m.message_key, value: m.message_value, headers: m.message_headers });

/**
 * The consumer groups' dead letters for the platform operators (docs/adr/0043): the list the
 * gateway's follower keeps of every DLQ, and re-drives, recorded, that put events back on their
 * group's re-drive topic only.
 */
export class DeadLetters implements OnApplicationShutdown {
  private producer?: Promise<Producer>;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly clock: Clock,
    /** The groups whose DLQs the gateway reads. */
    readonly groups: readonly string[],
  ) {}

  async list(query: { group?: string; state: keyof typeof STATE_FILTER; limit: number; offset: number }): Promise<DeadLetterListDto> {
    const ds = this.runtime.dataSource;
    const rows = (await ds.query(
      `SELECT d.id, d.consumer_group, d.event_id, d.event_type, d.complaint_id, d.reason, d.error_code, d.attempts, d.failed_at,
              d.redrive_id, r.at AS redriven_at, u.username AS redriven_by, count(*) OVER () AS total
         FROM dead_letter d
         LEFT JOIN dead_letter_redrive r ON r.id = d.redrive_id
         LEFT JOIN user_account u ON u.id = r.account_id
        WHERE ($1::text IS NULL OR d.consumer_group = $1) AND ${STATE_FILTER[query.state]}
        ORDER BY d.failed_at, d.id
        LIMIT $2 OFFSET $3`,
      [query.group ?? null, query.limit, query.offset],
    )) as DeadLetterRow[];
    const waiting = (await ds.query('SELECT consumer_group, count(*)::int AS n FROM dead_letter WHERE redrive_id IS NULL GROUP BY consumer_group')) as { consumer_group: string; n: number }[];
    const counts = new Map(waiting.map((w) => [w.consumer_group, w.n]));
    const groups = [...new Set([...this.groups, ...counts.keys()])].sort().map((group) => ({ group, waiting: counts.get(group) ?? 0 }));
    return { items: rows.map(toDto), total: rows.length > 0 ? Number(rows[0].total) : 0, limit: query.limit, offset: query.offset, groups };
  }

  /** Puts one dead letter back for its group. */
  redriveOne(user: AuthenticatedUser, requestKey: string, id: string): Promise<RedriveResultDto> {
    return this.recorded(user, requestKey, async (tx) => {
      const [row] = (await tx.query(
        `SELECT d.id, d.consumer_group, d.attempts, d.redrive_id, r.at AS redriven_at, u.username AS redriven_by, d.message_key, d.message_value, d.message_headers
           FROM dead_letter d LEFT JOIN dead_letter_redrive r ON r.id = d.redrive_id LEFT JOIN user_account u ON u.id = r.account_id
          WHERE d.id = $1 FOR UPDATE OF d`,
        [id],
      )) as (MessageRow & Pick<DeadLetterRow, 'consumer_group' | 'attempts' | 'redrive_id' | 'redriven_at' | 'redriven_by'>)[];
      if (!row) throw new ServiceError('not-found', 'DEAD_LETTER.NOT_FOUND', 'there is no dead letter with this id');
      if (row.redrive_id) {
        const when = `${row.redriven_at?.toISOString() ?? ''} by ${row.redriven_by ?? 'an operator'}`;
        throw new ServiceError('conflict', 'DEAD_LETTER.ALREADY_REDRIVEN', `the dead letter was re-driven already (${when}, re-drive ${row.redrive_id})`, { state: 'REDRIVEN' });
      }
      if (row.attempts <= 0) throw new ServiceError('conflict', 'DEAD_LETTER.NOT_REDRIVABLE', 'the event was refused before its group tried it: re-driving cannot help', { state: 'REFUSED' });
      return { group: row.consumer_group, deadLetterId: row.id, messages: [toMessage(row)] };
    });
  }

  /** Puts back every waiting dead letter of a group that re-driving can help, oldest first. */
  redriveGroup(user: AuthenticatedUser, requestKey: string, group: string): Promise<RedriveResultDto> {
    if (!this.groups.includes(group)) {
      throw new ServiceError('invalid', 'DEAD_LETTER.UNKNOWN_GROUP', `the gateway reads the dead letters of ${this.groups.join(', ')} only`, {
        fieldViolations: [{ field: 'group', description: `must be one of ${this.groups.join(', ')}` }],
      });
    }
    return this.recorded(user, requestKey, async (tx) => {
      const rows = (await tx.query(
        `SELECT d.id, d.message_key, d.message_value, d.message_headers FROM dead_letter d
          WHERE d.consumer_group = $1 AND d.redrive_id IS NULL AND ${REDRIVABLE}
          ORDER BY d.dlq_offset FOR UPDATE`,
        [group],
      )) as MessageRow[];
      return { group, deadLetterId: null, messages: rows.map(toMessage), ids: rows.map((r) => r.id) };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const producer = await this.producer?.catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
  }

  /**
   * One re-drive, once per operator and Idempotency-Key: the record and the dead letters' mark
   * commit only after the group's re-drive topic acknowledged the events (a failure sends nothing
   * that is recorded; a message sent twice is applied once, as the group's inbox sees to it).
   */
  private async recorded(
    user: AuthenticatedUser,
    requestKey: string,
    pick: (tx: EntityManager) => Promise<{ group: string; deadLetterId: string | null; messages: DeadLetteredMessage[]; ids?: string[] }>,
  ): Promise<RedriveResultDto> {
    const earlier = await this.byRequest(user.id, requestKey);
    if (earlier) return earlier;
    const redriveId = uuidv7();
    const at = this.clock.now();
    try {
      return await this.runtime.dataSource.transaction(async (tx) => {
        const { group, deadLetterId, messages, ids } = await pick(tx);
        await tx.query(
          'INSERT INTO dead_letter_redrive (id, account_id, request_key, consumer_group, dead_letter_id, event_count, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [redriveId, user.id, requestKey, group, deadLetterId, messages.length, at],
        );
        await tx.query('UPDATE dead_letter SET redrive_id = $1 WHERE id = ANY($2::uuid[])', [redriveId, ids ?? (deadLetterId ? [deadLetterId] : [])]);
        try {
          await redrive(await this.connectedProducer(), group, redriveId, messages);
        } catch (err) {
          throw new ServiceError('unavailable', 'SERVICE.UNAVAILABLE', `the re-drive topic cannot be reached: ${(err as Error).message}; try again with the same Idempotency-Key`);
        }
        return { redriveId, group, count: messages.length, at: at.toISOString() };
      });
    } catch (err) {
      // The same key sent twice at once: the other request recorded it.
      const replay = (err as { code?: string }).code === '23505' ? await this.byRequest(user.id, requestKey) : undefined;
      if (replay) return replay;
      throw err;
    }
  }

  private async byRequest(accountId: string, requestKey: string): Promise<RedriveResultDto | undefined> {
    const [row] = (await this.runtime.dataSource.query('SELECT id, consumer_group, event_count, at FROM dead_letter_redrive WHERE account_id = $1 AND request_key = $2', [
      accountId,
      requestKey,
    ])) as { id: string; consumer_group: string; event_count: number; at: Date }[];
    return row ? { redriveId: row.id, group: row.consumer_group, count: row.event_count, at: row.at.toISOString() } : undefined;
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = createIdempotentProducer(this.runtime.kafka);
      await producer.connect();
      return producer;
    })();
    this.producer.catch(() => (this.producer = undefined));
    return this.producer;
  }
}
