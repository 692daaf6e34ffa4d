import { OfficeDirectory } from '@pengaduan/documents';
import { ComplaintCommandExecutor, lockComplaintState, type CommandContext, type ServiceRuntime } from '@pengaduan/messaging';
import { PollingWorker, type Clock, type Logger } from '@pengaduan/runtime';
import { isOpen, OPEN_STATUSES, type Channel, type SystemActor } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { WebFormMessage } from '../channel-webhooks/web-form.inbound';
import { INTAKE_EVENT_SOURCE, type StateConsumerGroup } from '../complaint-state/own-events';
import { storeMessage } from '../append-message/append-message.handler';
import { rateCommand } from '../rate-complaint/complaint-feedback.handler';
import { OfficeProfileVersions } from '../office-profile/office-profile-versions';
import { ComplaintRegistration, type Letterheads } from '../register-complaint/complaint-registration';
import type { ContactCipher, ReporterContact } from '../reporter-contact/contact-cipher';
import type { SealedInboundMessage } from './inbound-message';
import { ratingReply } from './rating-reply';
import type { SenderDigest } from './sender-digest';

type InboundMessage = SealedInboundMessage & { submission?: WebFormMessage['submission'] };

/** intake acting on a channel message, as recorded on the events it emits without an officer. */
export const INTAKE_ACTOR: SystemActor = { kind: 'system', service: 'intake' };

const DEFAULT_LETTERHEADS = new OfficeProfileVersions(OfficeDirectory.load());

export interface InboundProcessorOptions {
  /** How often to look for stored messages when nothing woke it (default 500 ms). */
  pollMs?: number;
  /** Attempts before a message is set aside as FAILED for an officer to look at (default 8). */
  maxAttempts?: number;
  /** The offices' profiles in force for the Laporan Aduan (default: over the built-in file's). */
  letterheads?: Letterheads;
}

interface InboundRow {
  id: string;
  provider: string;
  provider_message_id: string;
  channel: Channel;
  office_code: string;
  key_id: string;
  sealed: Buffer;
  media_count: number;
  sent_at: Date;
  attempts: number;
}

/**
 * Turns stored channel messages into complaints, one transaction per message: a sender with an
 * open complaint of that office on that channel gets the message appended
 * (`complaint.message-appended`); anyone else opens a new complaint (`complaint.received` with
 * the channel); both through ComplaintCommandExecutor, as intake's system actor, inside the
 * message's transaction. A sender's messages go in the order they were sent (an earlier one still
 * pending holds the later ones back, and an advisory lock on the sender keeps two replicas from
 * opening two complaints for one person). A message that keeps failing is retried with backoff
 * and then set aside as FAILED, kept and logged, never dropped; the others go on meanwhile.
 */
export class InboundProcessor extends PollingWorker {
  /** Runs the message's command inside the message's own transaction (its inbound row makes it idempotent). */
  private readonly executor: ComplaintCommandExecutor;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly keys: { cipher: ContactCipher; digest: SenderDigest },
    stateGroup: StateConsumerGroup,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: InboundProcessorOptions = {},
  ) {
    super('inbound processing', options.pollMs ?? 500, logger);
    this.executor = new ComplaintCommandExecutor({ runtime, source: INTAKE_EVENT_SOURCE, stateConsumerGroup: stateGroup.groupId, now: () => clock.now() });
  }

  protected runDue(): Promise<number> {
    return this.processDue();
  }

  /** Processes every message due now; answers how many were processed (tests call it directly). */
  async processDue(): Promise<number> {
    let n = 0;
    for (;;) {
      const outcome = await this.processNext();
      if (outcome === 'none') return n;
      if (outcome === 'processed') n += 1;
    }
  }

  /** One message: processed, held back (an earlier one of its sender is pending), failed, or none due. */
  private async processNext(): Promise<'processed' | 'held' | 'failed' | 'none'> {
    let claimed: InboundRow | undefined;
    try {
      return await this.runtime.dataSource.transaction(async (tx) => {
        const now = this.clock.now();
        const [row] = (await tx.query(
          `SELECT id, provider, provider_message_id, channel, office_code, key_id, sealed, media_count, sent_at, attempts
             FROM inbound_message WHERE status = 'PENDING' AND next_attempt_at <= $1
            ORDER BY sent_at, received_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [now],
        )) as InboundRow[];
        if (!row) return 'none';
        claimed = row;
        const message = this.open(row);
        // The sender under every digest version held: their rows may predate a rotation.
        const digests = this.keys.digest.all(row.channel, message.sender);
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [digests[0]]);
        const [earlier] = (await tx.query(
          `SELECT 1 FROM inbound_message WHERE sender_digest = ANY($1) AND status = 'PENDING' AND id <> $2 AND (sent_at, id) < ($3, $2) LIMIT 1`,
          [digests, row.id, row.sent_at],
        )) as unknown[];
        if (earlier) {
          await tx.query(`UPDATE inbound_message SET next_attempt_at = $2 WHERE id = $1`, [row.id, new Date(now.getTime() + 200)]);
          return 'held';
        }
        const done = await this.process(tx, row, message, digests);
        await tx.query(
          `UPDATE inbound_message SET status = 'PROCESSED', complaint_id = $2, complaint_message_id = $3, processed_at = $4, attempts = attempts + 1, last_error = NULL WHERE id = $1`,
          [row.id, done.complaintId, done.messageId, now],
        );
        this.logger.info({ inboundId: row.id, provider: row.provider, complaintId: done.complaintId, appended: done.appended }, processedHow(done));
        return 'processed';
      });
    } catch (err) {
      if (!claimed) throw err;
      await this.recordFailure(claimed, err as Error);
      return 'failed';
    }
  }

  private open(row: InboundRow): InboundMessage {
    if (!this.keys.cipher.holds(row.key_id)) throw new Error(`inbound message sealed with key ${row.key_id}, which this intake does not hold`);
    return JSON.parse(this.keys.cipher.openBytes(row.sealed, row.key_id).toString('utf8')) as InboundMessage;
  }

  private async process(tx: EntityManager, row: InboundRow, message: InboundMessage, digests: string[]): Promise<{ complaintId: string; messageId: string | null; appended: boolean }> {
    const text = describe(message);
    // A message is intake acting on its own: it caused the command, and traces it.
    const context = { requestId: row.id, actor: INTAKE_ACTOR, correlationId: row.id };
    if (!message.submission) {
      const open = await this.openComplaintOf(tx, row, digests);
      if (open) return { ...(await this.append(tx, { ...context, complaintId: open }, row, text)), appended: true };
      const rated = await ratingReply(tx, row, message, digests, (c) => this.executor.within(tx).execute(rateCommand(this.keys.cipher, { ...context, ...c })), this.clock.now());
      if (rated) return { complaintId: rated, messageId: null, appended: false };
    }
    const contact: ReporterContact = message.submission
      ? { ...(message.submission.name ? { name: message.submission.name } : {}), ...(message.submission.phone ? { phone: message.submission.phone } : {}), ...(message.submission.email ? { email: message.submission.email } : {}) }
      : contactOf(row.channel, message);
    const registration = new ComplaintRegistration(this.keys.cipher, context, {
      officeCode: row.office_code,
      channel: row.channel,
      text,
      contact,
      anonymous: message.submission?.anonymous ?? false,
      confidential: message.submission?.confidential ?? false,
      receivedAt: row.sent_at,
      reporterDigest: { digest: digests[0], version: this.keys.digest.version },
      letterheads: this.options.letterheads ?? DEFAULT_LETTERHEADS,
    });
    const registered = await registration.run((cmd) => this.executor.within(tx).register(cmd));
    return { complaintId: registered.complaintId, messageId: registered.firstMessageId, appended: false };
  }

  /**
   * The sender's latest complaint of that office on that channel that libs/sop still takes
   * messages for (an open one), its state locked; undefined when there is none, or when it
   * closed before the lock was taken (the message then opens a new complaint, as after closing).
   */
  private async openComplaintOf(tx: EntityManager, row: InboundRow, digests: string[]): Promise<string | undefined> {
    const [latest] = (await tx.query(
      `SELECT c.id FROM complaint c JOIN complaint_state s ON s.complaint_id = c.id
        WHERE c.reporter_digest = ANY($1) AND c.office_code = $2 AND c.channel = $3 AND s.status = ANY($4)
        ORDER BY c.received_at DESC LIMIT 1`,
      [digests, row.office_code, row.channel, OPEN_STATUSES],
    )) as { id: string }[];
    if (!latest) return undefined;
    const locked = await lockComplaintState(tx, latest.id);
    return locked && isOpen(locked.state) ? latest.id : undefined;
  }

  /** Appends the message to the sender's open complaint (`complaint.message-appended`). */
  private async append(tx: EntityManager, context: CommandContext, row: InboundRow, text: string): Promise<{ complaintId: string; messageId: string }> {
    const messageId = uuidv7();
    await this.executor.within(tx).execute({
      context,
      command: () => ({ type: 'appendMessage', actor: INTAKE_ACTOR, messageId }),
      outputs: async (_decided, tx, now) => {
        const sequence = await storeMessage(tx, { id: messageId, complaintId: context.complaintId, channel: row.channel, text, receivedAt: row.sent_at }, now);
        return { extras: () => ({ channel: row.channel, receivedAt: row.sent_at, sequence, attachmentCount: row.media_count }) };
      },
    });
    return { complaintId: context.complaintId, messageId };
  }

  private async recordFailure(row: InboundRow, err: Error): Promise<void> {
    const attempts = row.attempts + 1;
    const max = this.options.maxAttempts ?? 8;
    const failed = attempts >= max;
    const delayMs = Math.min(60_000, 500 * 2 ** (attempts - 1));
    await this.runtime.dataSource.query(
      `UPDATE inbound_message SET attempts = $2, last_error = $3, status = $4, next_attempt_at = $5 WHERE id = $1`,
      [row.id, attempts, err.message.slice(0, 500), failed ? 'FAILED' : 'PENDING', new Date(this.clock.now().getTime() + delayMs)],
    );
    const log = { inboundId: row.id, provider: row.provider, attempts, err: { message: err.message } };
    if (failed) this.logger.error(log, 'channel message set aside after repeated failures: an officer must look at it (inbound_message status FAILED)');
    else this.logger.warn(log, 'channel message not processed yet; will try again');
  }
}

function processedHow(done: { messageId: string | null; appended: boolean }): string {
  if (done.messageId === null) return 'channel reply taken as the rating of the sender’s closed complaint';
  return done.appended ? 'channel message appended to the sender’s open complaint' : 'channel message opened a complaint';
}

/** How to answer the sender on their channel: their number on WhatsApp and SMS, their id elsewhere. */
function contactOf(channel: Channel, m: SealedInboundMessage): ReporterContact {
  const name = m.senderName ? { name: m.senderName } : {};
  return channel === 'WHATSAPP' || channel === 'SMS' ? { ...name, phone: m.sender } : { ...name, handle: m.sender };
}

const MEDIA_LABEL: Record<string, string> = { image: 'foto', audio: 'pesan suara', video: 'video', document: 'dokumen', sticker: 'stiker' };

/** The message as officers read it: the text, plus a line for a location and for each attachment (kept separately). */
export function describe(m: SealedInboundMessage): string {
  const lines: string[] = [];
  if (m.text) lines.push(m.text);
  if (m.location) {
    const { latitude, longitude, name, address } = m.location;
    lines.push(`[lokasi: ${latitude}, ${longitude}${name ? ` — ${name}` : ''}${address ? `, ${address}` : ''}]`);
  }
  for (const media of m.media) lines.push(`[${MEDIA_LABEL[media.kind] ?? media.kind} terlampir]`);
  return lines.length > 0 ? lines.join('\n') : '[pesan tanpa teks]';
}
