import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * docs/adr/0053: an appeal sent back to step 3 or 4 may end in a new team decree. The earlier
 * round's decree moves to `team_decree_earlier_round` (its number stays issued), and
 * `team_decree` keeps the decree in force, one per complaint.
 */
export class TeamDecreeAppealRounds1795801001940 implements MigrationInterface {
  name = 'TeamDecreeAppealRounds1795801001940';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE team_decree_earlier_round (
        LIKE team_decree INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
        superseded_at timestamptz NOT NULL,
        PRIMARY KEY (complaint_id, issued_at)
      )`);
    await q.query('CREATE UNIQUE INDEX team_decree_earlier_round_number ON team_decree_earlier_round (decree_number)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE team_decree_earlier_round');
  }
}
