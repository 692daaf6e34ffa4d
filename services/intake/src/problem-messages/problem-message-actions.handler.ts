import { UnknownAccountError, WebhookPayloadError, type InboundProvider, type WebhookRequest } from '@pengaduan/channels';
import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError, type Clock, type Logger } from '@pengaduan/runtime';
import { FIELD_RULES, type Role } from '@pengaduan/sop';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import { prepareWebhook, storePreparedWebhooks } from '../channel-webhooks/inbound-store';
import type { SenderDigest } from '../inbound-messages/sender-digest';
import type { ContactCipher } from '../reporter-contact/contact-cipher';
import { ProblemMessageOffices } from './problem-message-offices';
import { INBOUND_COLUMNS, PROBLEM_MESSAGE_WORKERS, QUARANTINE_COLUMNS, requireRole, toItem, type ProblemMessageItem, type ProblemMessageRow } from './problem-message';

/** The officer acting, and the action's idempotency key. */
export interface ProblemMessageActionContext {
  requestId: string;
  userId: string;
  role: Role;
  officeCode: string;
  /** The problem message's id. */
  id: string;
}

/** What re-processing did: see `ReprocessProblemMessageResponse.outcome`. */
export type ReprocessOutcome = 'STORED' | 'UNREADABLE' | 'REQUEUED';

export interface ProblemMessageActionAnswer {
  outcome: ReprocessOutcome | 'DISCARDED';
  item: ProblemMessageItem;
}

/** The request as the sealed quarantine keeps it. */
interface KeptRequest {
  subpath: string;
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  body: string;
}

const DISCARD_REASON = FIELD_RULES.problemMessageDiscardReason;

/**
 * Re-processes or discards one problem message of the officer's office (docs/adr/0047), in
 * one transaction with its record in `problem_message_action` (who, when, what, why), which
 * is also the action's idempotency: a retry with the same request id gets the first answer.
 *
 * - A quarantined request is parsed again by the provider's current parser; if it reads now,
 *   its messages are stored as a webhook's are and the processor turns them into complaints
 *   (their `complaint.received` is the record of that); if not, it stays quarantined with the
 *   parser's new reason.
 * - A FAILED channel message goes back to PENDING with its attempts reset.
 * - Discarding keeps the row, marked DISCARDED.
 */
export class ProblemMessageActionsHandler {
  private readonly providers: ReadonlyMap<string, InboundProvider>;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly deps: { cipher: ContactCipher; digest: SenderDigest },
    providers: readonly InboundProvider[],
    private readonly offices: ProblemMessageOffices,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly onRequeued: () => void = () => undefined,
  ) {
    this.providers = new Map(providers.map((p) => [p.id, p]));
  }

  async reprocess(c: ProblemMessageActionContext): Promise<ProblemMessageActionAnswer> {
    requireRole(PROBLEM_MESSAGE_WORKERS, c.role, 'work');
    check(c);
    const answer = await this.once(c, 'REPROCESS', undefined, async (tx, target) => {
      if (target.kind === 'FAILED_MESSAGE') {
        await tx.query(`UPDATE inbound_message SET status = 'PENDING', attempts = 0, next_attempt_at = $2 WHERE id = $1`, [target.id, this.clock.now()]);
        return { outcome: 'REQUEUED' as const, item: { ...toItem(target), status: 'PENDING', attempts: 0 } };
      }
      return this.reparse(tx, target);
    });
    if (answer.outcome === 'STORED' || answer.outcome === 'REQUEUED') this.onRequeued();
    return answer;
  }

  async discard(c: ProblemMessageActionContext & { reason: string }): Promise<ProblemMessageActionAnswer> {
    requireRole(PROBLEM_MESSAGE_WORKERS, c.role, 'work');
    check(c);
    const reason = c.reason.trim();
    if (reason.length < DISCARD_REASON.minLength || reason.length > DISCARD_REASON.maxLength) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'the reason is missing or too long', {
        fieldViolations: [{ field: 'reason', description: `${DISCARD_REASON.minLength} to ${DISCARD_REASON.maxLength} characters` }],
      });
    }
    return this.once(c, 'DISCARD', reason, async (tx, target) => {
      const table = target.kind === 'QUARANTINED_WEBHOOK' ? 'webhook_quarantine' : 'inbound_message';
      await tx.query(`UPDATE ${table} SET status = 'DISCARDED' WHERE id = $1`, [target.id]);
      return { outcome: 'DISCARDED' as const, item: { ...toItem(target), status: 'DISCARDED' } };
    });
  }

  /**
   * Runs `act` on the office's waiting problem message once per request id, and records it. A
   * concurrent retry waits for the first (the lock on the key) and gets its answer.
   */
  private async once(
    c: ProblemMessageActionContext,
    action: 'REPROCESS' | 'DISCARD',
    reason: string | undefined,
    act: (tx: EntityManager, target: ProblemMessageRow) => Promise<ProblemMessageActionAnswer>,
  ): Promise<ProblemMessageActionAnswer> {
    const hash = createHash('sha256').update(JSON.stringify({ action, id: c.id, reason: reason ?? null, userId: c.userId })).digest('hex');
    return this.runtime.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`problem-message/${c.requestId}`]);
      const [done] = (await tx.query('SELECT request_hash, answer FROM problem_message_action WHERE request_id = $1', [c.requestId])) as { request_hash: string; answer: ProblemMessageActionAnswer }[];
      if (done) {
        if (done.request_hash !== hash) throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this idempotency key was already used for a different request');
        return { ...done.answer, item: { ...done.answer.item, receivedAt: new Date(done.answer.item.receivedAt) } };
      }
      const target = await this.lockTarget(tx, c);
      if (target.status !== 'QUARANTINED' && target.status !== 'FAILED') {
        throw new ServiceError('conflict', 'PROBLEM_MESSAGE.SETTLED', `the problem message is ${target.status} already`, { state: target.status });
      }
      const answer = await act(tx, target);
      await tx.query(
        `INSERT INTO problem_message_action (request_id, request_hash, at, kind, target_id, office_code, action, outcome, reason, user_id, role, answer)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [c.requestId, hash, this.clock.now(), target.kind, target.id, c.officeCode, action, answer.outcome, reason ?? null, c.userId, c.role, JSON.stringify(answer)],
      );
      this.logger.info({ problemMessageId: target.id, kind: target.kind, provider: target.provider, action, outcome: answer.outcome, userId: c.userId }, 'problem message worked');
      return answer;
    });
  }

  /** The problem message, locked, if it is the office's: 404 otherwise (another office's is not told apart from none). */
  private async lockTarget(tx: EntityManager, c: ProblemMessageActionContext): Promise<ProblemMessageRow & { key_id?: string; sealed_request?: Buffer }> {
    const [quarantined] = (await tx.query(`SELECT ${QUARANTINE_COLUMNS}, key_id, sealed_request FROM webhook_quarantine WHERE id = $1 AND provider = ANY($2) FOR UPDATE`, [
      c.id,
      this.offices.providersOf(c.officeCode),
    ])) as (ProblemMessageRow & { key_id: string; sealed_request: Buffer })[];
    if (quarantined) return quarantined;
    const [failed] = (await tx.query(`SELECT ${INBOUND_COLUMNS} FROM inbound_message WHERE id = $1 AND office_code = $2 FOR UPDATE`, [c.id, c.officeCode])) as ProblemMessageRow[];
    if (failed) return failed;
    throw new ServiceError('not-found', 'PROBLEM_MESSAGE.NOT_FOUND', 'no problem message of the office has this id');
  }

  /** Parses the kept request again; stores its messages when it reads now. */
  private async reparse(tx: EntityManager, target: ProblemMessageRow & { key_id?: string; sealed_request?: Buffer }): Promise<ProblemMessageActionAnswer> {
    const unreadable = async (reason: string): Promise<ProblemMessageActionAnswer> => {
      await tx.query('UPDATE webhook_quarantine SET reason = $2 WHERE id = $1', [target.id, reason]);
      return { outcome: 'UNREADABLE', item: { ...toItem(target), reason } };
    };
    const provider = this.providers.get(target.provider);
    if (!provider) return unreadable(`the ${target.provider} channel is not configured on this platform`);
    if (!target.key_id || !target.sealed_request || !this.deps.cipher.holds(target.key_id)) return unreadable(`sealed with key ${target.key_id ?? '?'}, which this intake does not hold`);
    const kept = JSON.parse(this.deps.cipher.openBytes(target.sealed_request, target.key_id).toString('utf8')) as KeptRequest;
    const request: WebhookRequest = { method: 'POST', publicUrl: '', subpath: kept.subpath, headers: kept.headers, query: kept.query, rawBody: Buffer.from(kept.body, 'base64') };
    let prepared;
    try {
      prepared = prepareWebhook(this.deps, provider, provider.parse(request, target.received_at), target.received_at);
    } catch (err) {
      if (err instanceof WebhookPayloadError) return unreadable(err.reason);
      if (err instanceof UnknownAccountError) return unreadable('it names an account no office is configured with');
      throw err;
    }
    const [stored] = await storePreparedWebhooks(tx, [prepared]);
    await tx.query(`UPDATE webhook_quarantine SET status = 'REPROCESSED' WHERE id = $1`, [target.id]);
    this.logger.info({ problemMessageId: target.id, provider: target.provider, ...stored }, 'quarantined webhook read on re-processing: stored');
    return { outcome: 'STORED', item: { ...toItem(target), status: 'REPROCESSED' } };
  }
}

function check(c: ProblemMessageActionContext): void {
  const violations = [];
  if (!c.requestId || c.requestId.length > FIELD_RULES.requestId.maxLength) violations.push({ field: 'requestId', description: `1 to ${FIELD_RULES.requestId.maxLength} characters` });
  if (!isUuid(c.id)) violations.push({ field: 'id', description: 'must be a UUID' });
  if (violations.length > 0) throw new ServiceError('invalid', 'REQUEST.INVALID', 'the request is not valid', { fieldViolations: violations });
}
