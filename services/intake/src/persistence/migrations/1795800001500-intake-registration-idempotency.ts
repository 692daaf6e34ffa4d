import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registrations go through ComplaintCommandExecutor like every other command (docs/adr/0037),
 * so their idempotency keys live in `command_idempotency` too. The answers already given move
 * there, in the executor's shape (the registration's answer as its `result`), so a retry
 * across the upgrade still gets its first answer; a key some other command already holds
 * keeps that command's answer.
 */
export class IntakeRegistrationIdempotency1795800001500 implements MigrationInterface {
  name = 'IntakeRegistrationIdempotency1795800001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO command_idempotency (request_id, operation, request_hash, response, created_at)
      SELECT key, operation, request_hash,
             CASE WHEN response IS NULL THEN NULL
                  ELSE jsonb_build_object('complaintId', response->'complaintId', 'status', response->'status', 'eventIds', '[]'::jsonb, 'result', response) END,
             created_at
        FROM idempotency_key
      ON CONFLICT (request_id) DO NOTHING`);
    await q.query('DROP TABLE idempotency_key');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_key (
        key text PRIMARY KEY,
        operation text NOT NULL,
        request_hash text NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO idempotency_key (key, operation, request_hash, response, created_at)
      SELECT request_id, operation, request_hash, response->'result', created_at FROM command_idempotency WHERE operation = 'RegisterComplaint'`);
    await q.query(`DELETE FROM command_idempotency WHERE operation = 'RegisterComplaint'`);
  }
}
