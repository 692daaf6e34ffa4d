import type { DeliveryReceipt, InboundMessage, InboundProvider, ParsedWebhook, ProviderId, WebhookRequest } from '@pengaduan/channels';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { SealedInboundMessage } from '../inbound-messages/inbound-message';
import type { SenderDigest } from '../inbound-messages/sender-digest';
import type { ContactCipher } from '../reporter-contact/contact-cipher';
import type { WebFormMessage } from './web-form.inbound';

/** What storing one webhook did. */
export interface StoredWebhook {
  /** Messages stored now. */
  stored: number;
  /** Messages already stored by an earlier delivery (same provider message id): nothing changed. */
  duplicates: number;
  /** Receipts stored now (a repeated one is a no-op too). */
  receipts: number;
}

/**
 * Stores what a verified webhook carried, in the caller's transaction: each message once by
 * (provider, provider message id), sealed, with a row per attachment to fetch; each receipt
 * once by (provider, message id, status). Processing happens afterwards (InboundProcessor).
 */
export async function storeWebhook(
  tx: EntityManager,
  deps: { cipher: ContactCipher; digest: SenderDigest },
  provider: InboundProvider,
  parsed: ParsedWebhook,
  receivedAt: Date,
): Promise<StoredWebhook> {
  const [stored] = await storePreparedWebhooks(tx, [prepareWebhook(deps, provider, parsed, receivedAt)]);
  return stored;
}

/** One message's row of `inbound_message`, sealed and digested, and its attachments. */
interface PreparedMessage {
  id: string;
  provider: string;
  providerMessageId: string;
  channel: string;
  office: string;
  accountId: string;
  senderDigest: string;
  senderDigestVersion: string;
  keyId: string;
  sealed: Buffer;
  media: InboundMessage['media'];
  sentAt: Date;
}

/** A verified webhook's rows, ready to insert: what {@link storePreparedWebhooks} takes. */
export interface PreparedWebhook {
  messages: PreparedMessage[];
  receipts: DeliveryReceipt[];
  receivedAt: Date;
}

/**
 * Seals and digests a parsed webhook's messages, outside any transaction (the CPU work of a
 * webhook is done before it holds a connection). Throws, storing nothing, when a message names
 * an account no office has.
 */
export function prepareWebhook(deps: { cipher: ContactCipher; digest: SenderDigest }, provider: InboundProvider, parsed: ParsedWebhook, receivedAt: Date): PreparedWebhook {
  const messages = parsed.messages.map((message): PreparedMessage => {
    const office = provider.officeOf(message.accountId);
    if (!office) throw new Error(`${provider.id} parsed a message for an account without an office`);
    const sealed: SealedInboundMessage & { submission?: WebFormMessage['submission'] } = {
      sender: message.sender,
      ...(message.senderName ? { senderName: message.senderName } : {}),
      ...(message.text !== undefined ? { text: message.text } : {}),
      ...(message.location ? { location: message.location } : {}),
      media: message.media,
      ...('submission' in message ? { submission: (message as WebFormMessage).submission } : {}),
    };
    return {
      id: uuidv7(),
      provider: message.provider,
      providerMessageId: message.providerMessageId,
      channel: message.channel,
      office,
      accountId: message.accountId,
      senderDigest: deps.digest.of(message.channel, message.sender),
      senderDigestVersion: deps.digest.version,
      keyId: deps.cipher.keyId,
      sealed: deps.cipher.sealBytes(Buffer.from(JSON.stringify(sealed), 'utf8')),
      media: message.media,
      sentAt: message.sentAt,
    };
  });
  return { messages, receipts: parsed.receipts, receivedAt };
}

/** Rows per INSERT statement (Postgres takes at most 65,535 parameters in one). */
const ROWS_PER_STATEMENT = 1_000;

/**
 * Stores several verified webhooks in the caller's transaction (a group commit: one commit for
 * all of them), with a few multi-row statements rather than one per row. Each message is stored
 * once by (provider, provider message id), whether an earlier transaction or an earlier webhook
 * of the same group stored it already (the first in the given order stores it, the others count
 * a duplicate); each receipt once by (provider, message id, status). Answers what each webhook
 * stored, in the order given.
 */
export async function storePreparedWebhooks(tx: EntityManager, webhooks: readonly PreparedWebhook[]): Promise<StoredWebhook[]> {
  const messages = webhooks.flatMap((w, at) => w.messages.map((m) => ({ at, m, receivedAt: w.receivedAt })));
  const inserted = new Set<string>();
  for (const chunk of chunks(messages)) {
    const params: unknown[] = [];
    const rows = chunk.map(({ m, receivedAt }) => {
      const p = params.length;
      params.push(m.id, m.provider, m.providerMessageId, m.channel, m.office, m.accountId, m.senderDigest, m.senderDigestVersion, m.keyId, m.sealed, m.media.length, m.sentAt, receivedAt);
      return `(${Array.from({ length: 13 }, (_, i) => `$${p + i + 1}`).join(', ')}, $${p + 13})`;
    });
    const returned = (await tx.query(
      `INSERT INTO inbound_message (id, provider, provider_message_id, channel, office_code, account_id, sender_digest, sender_digest_version, key_id, sealed,
                                    media_count, sent_at, received_at, next_attempt_at)
       VALUES ${rows.join(', ')}
       ON CONFLICT (provider, provider_message_id) DO NOTHING RETURNING id`,
      params,
    )) as { id: string }[];
    for (const r of returned) inserted.add(r.id);
  }
  const media = messages.filter(({ m }) => inserted.has(m.id)).flatMap(({ m, receivedAt }) => m.media.map((item, position) => ({ m, item, position, receivedAt })));
  for (const chunk of chunks(media)) {
    const params: unknown[] = [];
    const rows = chunk.map(({ m, item, position, receivedAt }) => {
      const p = params.length;
      params.push(uuidv7(), m.id, position, m.provider, m.accountId, item.kind, item.ref, item.mimeType ?? null, item.sha256 ?? null, receivedAt);
      return `(${Array.from({ length: 10 }, (_, i) => `$${p + i + 1}`).join(', ')})`;
    });
    await tx.query(
      `INSERT INTO inbound_media (id, inbound_message_id, position, provider, account_id, kind, ref, stated_mime_type, stated_sha256, next_attempt_at)
       VALUES ${rows.join(', ')}`,
      params,
    );
  }
  const receipts = webhooks.flatMap((w, at) => w.receipts.map((r) => ({ at, r, id: uuidv7(), receivedAt: w.receivedAt })));
  const storedReceipts = new Set<string>();
  for (const chunk of chunks(receipts)) {
    const params: unknown[] = [];
    const rows = chunk.map(({ r, id, receivedAt }) => {
      const p = params.length;
      params.push(id, r.provider, r.providerMessageId, r.status, r.at, r.errorCode ?? null, receivedAt);
      return `(${Array.from({ length: 7 }, (_, i) => `$${p + i + 1}`).join(', ')}, $${p + 7})`;
    });
    const returned = (await tx.query(
      `INSERT INTO inbound_receipt (id, provider, provider_message_id, status, at, error_code, received_at, next_attempt_at)
       VALUES ${rows.join(', ')}
       ON CONFLICT (provider, provider_message_id, status) DO NOTHING RETURNING id`,
      params,
    )) as { id: string }[];
    for (const r of returned) storedReceipts.add(r.id);
  }
  const results = webhooks.map((): StoredWebhook => ({ stored: 0, duplicates: 0, receipts: 0 }));
  for (const { at, m } of messages) {
    if (inserted.has(m.id)) results[at].stored += 1;
    else results[at].duplicates += 1;
  }
  for (const { at, id } of receipts) if (storedReceipts.has(id)) results[at].receipts += 1;
  return results;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) out.push(items.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}

/**
 * Keeps a request that could not be read, sealed (it may hold a complainant's number and
 * words), with why: an officer or developer opens it to see what the provider sent.
 */
export async function quarantine(tx: EntityManager, cipher: ContactCipher, provider: ProviderId, request: WebhookRequest, reason: string, receivedAt: Date): Promise<string> {
  const id = uuidv7();
  const kept = { subpath: request.subpath, query: request.query, headers: request.headers, body: request.rawBody.toString('base64') };
  await tx.query(
    `INSERT INTO webhook_quarantine (id, provider, received_at, reason, content_type, key_id, sealed_request) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, provider, receivedAt, reason, request.headers['content-type'] ?? null, cipher.keyId, cipher.sealBytes(Buffer.from(JSON.stringify(kept), 'utf8'))],
  );
  return id;
}

/** Counts a refused request by provider and reason (nothing of the request is kept). */
export async function countRejection(tx: EntityManager, provider: string, reason: string, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO webhook_rejection (provider, reason, count, last_at) VALUES ($1, $2, 1, $3)
     ON CONFLICT (provider, reason) DO UPDATE SET count = webhook_rejection.count + 1, last_at = EXCLUDED.last_at`,
    [provider, reason, at],
  );
}
