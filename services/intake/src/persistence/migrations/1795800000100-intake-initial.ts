import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeInitial1795800000100 implements MigrationInterface {
  name = 'IntakeInitial1795800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint (
        id uuid PRIMARY KEY,
        office_code text NOT NULL,
        tracking_number text NOT NULL UNIQUE,
        channel text NOT NULL,
        status text NOT NULL,
        sop_state jsonb NOT NULL,
        anonymous boolean NOT NULL,
        confidential boolean NOT NULL,
        reporter_ref text NOT NULL,
        received_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX complaint_office_status ON complaint (office_code, status)');
    await q.query(`
      CREATE TABLE complaint_message (
        id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaint (id),
        sequence int NOT NULL,
        channel text NOT NULL,
        text text NOT NULL,
        received_at timestamptz NOT NULL,
        UNIQUE (complaint_id, sequence)
      )`);
    await q.query(`
      CREATE TABLE reporter_contact (
        reporter_ref text PRIMARY KEY,
        key_id text NOT NULL,
        sealed bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE tracking_number_counter (
        office_code text NOT NULL,
        year int NOT NULL,
        last_value int NOT NULL,
        PRIMARY KEY (office_code, year)
      )`);
    await q.query(`
      CREATE TABLE idempotency_key (
        key text PRIMARY KEY,
        operation text NOT NULL,
        request_hash text NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['idempotency_key', 'tracking_number_counter', 'reporter_contact', 'complaint_message', 'complaint']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
