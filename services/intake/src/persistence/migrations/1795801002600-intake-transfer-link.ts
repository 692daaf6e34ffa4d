import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A complaint transferred from another office names the complaint it came from
 * (`transferred_from_complaint_id`, docs/adr/0057): the transfer copies the complainant's contact
 * under a new reporter ref, and an erasure follows the link both ways. Complaints transferred
 * before are linked from intake's own journal, the `complaint.received` events in its outbox.
 */
export class IntakeTransferLink1795801002600 implements MigrationInterface {
  name = 'IntakeTransferLink1795801002600';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaint ADD COLUMN transferred_from_complaint_id uuid');
    await q.query(`
      UPDATE complaint c SET transferred_from_complaint_id = (o.body::jsonb #>> '{data,transferredFromComplaintId}')::uuid
        FROM outbox o
       WHERE o.event_type = 'complaint.received' AND o.message_key = c.id::text
         AND o.body::jsonb #>> '{data,transferredFromComplaintId}' IS NOT NULL`);
    await q.query('CREATE INDEX complaint_transferred_from ON complaint (transferred_from_complaint_id) WHERE transferred_from_complaint_id IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX complaint_transferred_from');
    await q.query('ALTER TABLE complaint DROP COLUMN transferred_from_complaint_id');
  }
}
