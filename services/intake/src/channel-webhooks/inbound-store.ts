import type { DeliveryReceipt, InboundProvider, ParsedWebhook, ProviderId, WebhookRequest } from '@pengaduan/channels';
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
  let stored = 0;
  let duplicates = 0;
  for (const message of parsed.messages) {
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
    const id = uuidv7();
    const inserted = (await tx.query(
      `INSERT INTO inbound_message (id, provider, provider_message_id, channel, office_code, account_id, sender_digest, sender_digest_version, key_id, sealed,
                                    media_count, sent_at, received_at, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
       ON CONFLICT (provider, provider_message_id) DO NOTHING RETURNING id`,
      [
        id,
        message.provider,
        message.providerMessageId,
        message.channel,
        office,
        message.accountId,
        deps.digest.of(message.channel, message.sender),
        deps.digest.version,
        deps.cipher.keyId,
        deps.cipher.sealBytes(Buffer.from(JSON.stringify(sealed), 'utf8')),
        message.media.length,
        message.sentAt,
        receivedAt,
      ],
    )) as unknown[];
    if (inserted.length === 0) {
      duplicates += 1;
      continue;
    }
    stored += 1;
    for (const [position, media] of message.media.entries()) {
      await tx.query(
        `INSERT INTO inbound_media (id, inbound_message_id, position, provider, account_id, kind, ref, stated_mime_type, stated_sha256, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [uuidv7(), id, position, message.provider, message.accountId, media.kind, media.ref, media.mimeType ?? null, media.sha256 ?? null, receivedAt],
      );
    }
  }
  let receipts = 0;
  for (const receipt of parsed.receipts) receipts += await storeReceipt(tx, receipt, receivedAt);
  return { stored, duplicates, receipts };
}

async function storeReceipt(tx: EntityManager, r: DeliveryReceipt, receivedAt: Date): Promise<number> {
  const rows = (await tx.query(
    `INSERT INTO inbound_receipt (id, provider, provider_message_id, status, at, error_code, received_at, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
     ON CONFLICT (provider, provider_message_id, status) DO NOTHING RETURNING id`,
    [uuidv7(), r.provider, r.providerMessageId, r.status, r.at, r.errorCode ?? null, receivedAt],
  )) as unknown[];
  return rows.length;
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
