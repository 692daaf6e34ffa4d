import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Channel intake: what providers' webhooks delivered, stored before the webhook answers 200.
 *
 * - `inbound_message`: one row per provider message, unique by (provider, provider message id),
 *   so a redelivered webhook stores nothing. The message (sender, name, text, location, media
 *   references) is sealed with the reporter-contact key; `sender_digest` (a keyed HMAC of the
 *   sender's address) finds the sender's open complaint without the address in clear.
 * - `inbound_media`: each attachment, fetched the provider's way, checked and kept.
 * - `inbound_receipt`: delivery receipts for notification, forwarded over gRPC.
 * - `webhook_quarantine`: a request that could not be read (kept sealed, for inspection).
 * - `webhook_rejection`: counts of refused requests (bad signature, unknown account, too large).
 * - `complaint.reporter_digest`: the digest of the sender a channel complaint came from.
 */
export class IntakeChannels1795800000800 implements MigrationInterface {
  name = 'IntakeChannels1795800000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inbound_message (
        id uuid PRIMARY KEY,
        provider text NOT NULL,
        provider_message_id text NOT NULL,
        channel text NOT NULL,
        office_code text NOT NULL,
        account_id text NOT NULL,
        sender_digest text NOT NULL,
        key_id text NOT NULL,
        sealed bytea NOT NULL,
        media_count int NOT NULL,
        sent_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PROCESSED', 'FAILED')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        complaint_id uuid,
        complaint_message_id uuid,
        processed_at timestamptz,
        CONSTRAINT inbound_message_once UNIQUE (provider, provider_message_id)
      )`);
    await q.query(`CREATE INDEX inbound_message_due ON inbound_message (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query('CREATE INDEX inbound_message_sender ON inbound_message (sender_digest, sent_at)');
    await q.query(`
      CREATE TABLE inbound_media (
        id uuid PRIMARY KEY,
        inbound_message_id uuid NOT NULL REFERENCES inbound_message (id),
        position int NOT NULL,
        provider text NOT NULL,
        account_id text NOT NULL,
        kind text NOT NULL,
        ref text NOT NULL,
        stated_mime_type text,
        stated_sha256 text,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'STORED', 'REJECTED', 'FAILED')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        reason text,
        mime_type text,
        size_bytes int,
        sha256 text,
        content bytea,
        fetched_at timestamptz,
        CONSTRAINT inbound_media_once UNIQUE (inbound_message_id, position)
      )`);
    await q.query(`CREATE INDEX inbound_media_due ON inbound_media (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query(`
      CREATE TABLE inbound_receipt (
        id uuid PRIMARY KEY,
        provider text NOT NULL,
        provider_message_id text NOT NULL,
        status text NOT NULL,
        at timestamptz NOT NULL,
        error_code text,
        received_at timestamptz NOT NULL,
        forwarded_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        CONSTRAINT inbound_receipt_once UNIQUE (provider, provider_message_id, status)
      )`);
    await q.query('CREATE INDEX inbound_receipt_due ON inbound_receipt (next_attempt_at) WHERE forwarded_at IS NULL');
    await q.query(`
      CREATE TABLE webhook_quarantine (
        id uuid PRIMARY KEY,
        provider text NOT NULL,
        received_at timestamptz NOT NULL,
        reason text NOT NULL,
        content_type text,
        key_id text NOT NULL,
        sealed_request bytea NOT NULL
      )`);
    await q.query(`
      CREATE TABLE webhook_rejection (
        provider text NOT NULL,
        reason text NOT NULL,
        count bigint NOT NULL,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (provider, reason)
      )`);
    await q.query('ALTER TABLE complaint ADD COLUMN reporter_digest text');
    await q.query('CREATE INDEX complaint_reporter_digest ON complaint (reporter_digest, office_code) WHERE reporter_digest IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX complaint_reporter_digest');
    await q.query('ALTER TABLE complaint DROP COLUMN reporter_digest');
    for (const t of ['webhook_rejection', 'webhook_quarantine', 'inbound_receipt', 'inbound_media', 'inbound_message']) await q.query(`DROP TABLE ${t}`);
  }
}
