import { actorLabel } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import { Clock, ServiceError, type FieldViolation } from '@pengaduan/runtime';
import {
  checkMessageTemplateRequest,
  isRole,
  isStatusMessagePurpose,
  MESSAGE_CHANNELS,
  MESSAGE_TEMPLATE_KINDS,
  type DismissalReason,
  type MessageChannel,
  type MessageTemplateKind,
  type MessageTemplateVariant,
  type NotificationPurpose,
} from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { OutboundMessage } from '../channels/channel.port';
import { acknowledgementMessage, builtInBody, composeMessage, dismissalReasonText } from '../channels/message-texts';

/** The one role that words the office's messages (docs/adr/0050, as the office's administration of ADR 0042). */
const TEMPLATE_ADMINISTRATOR = 'KEPALA_KANTOR';

/** A text as it is in force for one purpose, variant and channel of an office. */
export interface TemplateInForce {
  kind: MessageTemplateKind;
  channel: MessageChannel;
  body: string;
  builtIn: boolean;
  /** The built-in text, to compare with and reset to. */
  builtInBody: string;
  /** Versions recorded (a reset is one); 0 when never set. */
  version: number;
  changedAt?: Date;
}

/** What a change did (see the proto's MessageTemplateChange). */
export interface TemplateChange {
  template: TemplateInForce;
  changed: boolean;
  previousBody: string;
  previousBuiltIn: boolean;
}

/** A change as the gRPC controller hands it over: enum names as libs/sop spells them, unchecked. */
export interface TemplateChangeRequest {
  officeCode: string;
  purpose: string;
  variant: string;
  channel: string;
  expectedVersion?: number;
  /** The new text; absent for a reset. */
  body?: string;
  actor: { userId: string; role: string; officeCode?: string };
  requestKey: string;
}

interface VersionRow {
  purpose: NotificationPurpose;
  variant: MessageTemplateVariant;
  channel: MessageChannel;
  version: number;
  body: string | null;
  reset: boolean;
  changed_at: Date;
}

const COLUMNS = 'purpose, variant, channel, version, body, reset, changed_at';

/**
 * The office's own texts in force for a purpose on a channel, by variant (a variant absent is
 * built-in): what the dispatcher reads at the moment it sends.
 */
export async function officeBodies(manager: EntityManager, officeCode: string, purpose: NotificationPurpose, channel: string): Promise<Partial<Record<MessageTemplateVariant, string>>> {
  const rows = (await manager.query(
    `SELECT DISTINCT ON (variant) ${COLUMNS} FROM message_template_version
      WHERE office_code = $1 AND purpose = $2 AND channel = $3 ORDER BY variant, version DESC`,
    [officeCode, purpose, channel],
  )) as VersionRow[];
  return Object.fromEntries(rows.filter((r) => !r.reset && r.body !== null).map((r) => [r.variant, r.body]));
}

/**
 * The offices' texts of the messages to reporters (docs/adr/0050), in the append-only
 * `message_template_version`: the newest version of a text is in force unless it is a reset,
 * which brings the built-in text (message-texts.ts) back. The dispatcher reads them at the
 * moment it sends; the head of office sets and resets them through the gateway.
 */
@Injectable()
export class MessageTemplates {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly clock: Clock,
  ) {}

  /** Every text of the office, by libs/sop's orders of kinds and channels. */
  async list(officeCode: string): Promise<TemplateInForce[]> {
    const rows = (await this.runtime.dataSource.query(
      `SELECT DISTINCT ON (purpose, variant, channel) ${COLUMNS} FROM message_template_version
        WHERE office_code = $1 ORDER BY purpose, variant, channel, version DESC`,
      [officeCode],
    )) as VersionRow[];
    const newest = new Map(rows.map((r) => [`${r.purpose}:${r.variant}:${r.channel}`, r]));
    return MESSAGE_TEMPLATE_KINDS.flatMap((kind) => MESSAGE_CHANNELS.map((channel) => inForce(kind, channel, newest.get(`${kind.purpose}:${kind.variant}:${channel}`))));
  }

  /** The head of office words a text; the same request again answers as the first time. */
  set(request: TemplateChangeRequest): Promise<TemplateChange> {
    return this.change(request, request.body ?? '');
  }

  /** The head of office goes back to the built-in text; nothing is recorded when it is in force already. */
  reset(request: TemplateChangeRequest): Promise<TemplateChange> {
    return this.change(request, null);
  }

  private async change(request: TemplateChangeRequest, body: string | null): Promise<TemplateChange> {
    const { kind, channel } = checked(request, body);
    const { officeCode, requestKey } = request;
    const changedBy = actorLabel({ kind: 'user', userId: request.actor.userId, role: request.actor.role as typeof TEMPLATE_ADMINISTRATOR });
    return this.runtime.dataSource.transaction(async (tx) => {
      // One request at a time per key, then one change at a time per text (always in this order).
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`message_template_request:${officeCode}:${requestKey}`]);
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`message_template:${officeCode}:${kind.purpose}:${kind.variant}:${channel}`]);
      const [earlier] = (await tx.query(`SELECT ${COLUMNS} FROM message_template_version WHERE office_code = $1 AND request_key = $2`, [officeCode, requestKey])) as VersionRow[];
      if (earlier) return this.replayed(tx, officeCode, earlier, { kind, channel, body });
      const current = await this.versionOf(tx, officeCode, kind, channel);
      const currentVersion = current?.version ?? 0;
      if (request.expectedVersion !== undefined && request.expectedVersion !== currentVersion) {
        throw new ServiceError('conflict', 'MESSAGE_TEMPLATE.VERSION_CONFLICT', `the text is at version ${currentVersion}, not ${request.expectedVersion}`, { version: currentVersion });
      }
      const before = inForce(kind, channel, current);
      if (body === null && before.builtIn) return { template: before, changed: false, previousBody: before.body, previousBuiltIn: true };
      const now = this.clock.now();
      await tx.query(
        `INSERT INTO message_template_version (id, office_code, purpose, variant, channel, version, body, reset, changed_by, changed_at, request_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [uuidv7(), officeCode, kind.purpose, kind.variant, channel, currentVersion + 1, body, body === null, changedBy, now, requestKey],
      );
      const after = inForce(kind, channel, { purpose: kind.purpose, variant: kind.variant, channel, version: currentVersion + 1, body, reset: body === null, changed_at: now });
      return { template: after, changed: true, previousBody: before.body, previousBuiltIn: before.builtIn };
    });
  }

  /** The same request again: the answer it had, nothing recorded; the key with another change: 422. */
  private async replayed(tx: EntityManager, officeCode: string, earlier: VersionRow, asked: { kind: MessageTemplateKind; channel: MessageChannel; body: string | null }): Promise<TemplateChange> {
    const same = earlier.purpose === asked.kind.purpose && earlier.variant === asked.kind.variant && earlier.channel === asked.channel && earlier.body === asked.body;
    if (!same) throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this request key was used for another change');
    const before = inForce(asked.kind, asked.channel, await this.versionOf(tx, officeCode, asked.kind, asked.channel, earlier.version - 1));
    return { template: inForce(asked.kind, asked.channel, earlier), changed: false, previousBody: before.body, previousBuiltIn: before.builtIn };
  }

  /** The newest version of a text, or the one numbered `version`. */
  private async versionOf(tx: EntityManager, officeCode: string, kind: MessageTemplateKind, channel: MessageChannel, version?: number): Promise<VersionRow | undefined> {
    const [row] = (await tx.query(
      `SELECT ${COLUMNS} FROM message_template_version
        WHERE office_code = $1 AND purpose = $2 AND variant = $3 AND channel = $4 AND ($5::int IS NULL OR version = $5)
        ORDER BY version DESC LIMIT 1`,
      [officeCode, kind.purpose, kind.variant, channel, version ?? null],
    )) as VersionRow[];
    return row;
  }
}

function inForce(kind: MessageTemplateKind, channel: MessageChannel, row: VersionRow | undefined): TemplateInForce {
  const own = row && !row.reset && row.body !== null ? row.body : undefined;
  const builtIn = builtInBody(kind);
  return {
    kind,
    channel,
    body: own ?? builtIn,
    builtIn: own === undefined,
    builtInBody: builtIn,
    version: row?.version ?? 0,
    ...(row ? { changedAt: row.changed_at } : {}),
  };
}

/**
 * The actor (403 unless the office's head of office), then the request's purpose, variant,
 * channel and text by libs/sop's one check: 400 naming each field that breaks a rule,
 * `MESSAGE_TEMPLATE.TEXT_REFUSED` for the text's own rules, else `REQUEST.INVALID`.
 */
function checked(request: TemplateChangeRequest, body: string | null): { kind: MessageTemplateKind; channel: MessageChannel } {
  const { actor } = request;
  if (!isRole(actor.role) || actor.role !== TEMPLATE_ADMINISTRATOR || actor.officeCode !== request.officeCode) {
    throw new ServiceError('forbidden', 'MESSAGE_TEMPLATE.FORBIDDEN_ROLE', `only the ${TEMPLATE_ADMINISTRATOR} of office ${request.officeCode} words its messages`);
  }
  const result = checkMessageTemplateRequest({ ...request, body });
  const violations: FieldViolation[] = [...result.violations];
  if (request.requestKey.trim() === '') violations.push({ field: 'request_key', description: 'is required: the same on every retry of the change' });
  if (!('kind' in result) || violations.length > 0) {
    // The text's own rules have a code of their own; a purpose, variant or channel unknown is a request as any other.
    const code = violations.every((v) => v.field === 'body') ? 'MESSAGE_TEMPLATE.TEXT_REFUSED' : 'REQUEST.INVALID';
    throw new ServiceError('invalid', code, `the change cannot be made: ${violations.map((v) => `${v.field} ${v.description}`).join('; ')}`, { fieldViolations: violations });
  }
  return { kind: result.kind, channel: result.channel };
}

/** What the dispatcher sends for one queued message over one channel. */
export interface MessageToSend {
  officeCode: string;
  purpose: NotificationPurpose;
  /** The follow-up information the message carries (not for the acknowledgement). */
  informationId: string | null;
  channel: string;
  trackingNumber: string;
}

/**
 * The message as the reporter reads it, composed at the moment of sending with the office's
 * texts then in force (docs/adr/0050): the text, the approved template, and for the
 * acknowledgement the text with a tracking PIN, should intake issue one with the address (the
 * PIN reaches only the rendered message, ADR 0041).
 */
export async function composeToSend(manager: EntityManager, m: MessageToSend): Promise<Pick<OutboundMessage, 'text' | 'template' | 'withTrackingPin'>> {
  const bodies = await officeBodies(manager, m.officeCode, m.purpose, m.channel);
  if (m.purpose === 'ACKNOWLEDGEMENT') {
    return { ...acknowledgementMessage(m.trackingNumber, undefined, bodies.STANDARD), withTrackingPin: (pin: string) => acknowledgementMessage(m.trackingNumber, pin, bodies.TRACKING_PIN) };
  }
  // A status message names the tracking number only (docs/adr/0054).
  if (isStatusMessagePurpose(m.purpose)) return composeMessage({ purpose: m.purpose, variant: 'STANDARD' }, { nomor: m.trackingNumber }, bodies.STANDARD);
  const [row] = (await manager.query('SELECT text, dismissal_reason FROM follow_up_information WHERE id = $1', [m.informationId])) as { text: string; dismissal_reason: DismissalReason | null }[];
  if (!row) throw new Error(`follow-up information ${m.informationId} not found`);
  const alasan = dismissalReasonText(row.dismissal_reason);
  return composeMessage({ purpose: m.purpose, variant: 'STANDARD' }, { nomor: m.trackingNumber, informasi: row.text, ...(alasan ? { alasan } : {}) }, bodies.STANDARD);
}
