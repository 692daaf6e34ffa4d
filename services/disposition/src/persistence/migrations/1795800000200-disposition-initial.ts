import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sections of Kantor Imigrasi Kelas II TPI Belakang Padang (office `BLP`), the office whose
 * SOP this platform implements. Other offices get their sections as data, never in code.
 */
const BLP_SECTIONS: readonly [code: string, name: string][] = [
  ['TATA_USAHA', 'Subbagian Tata Usaha'],
  ['LANTASKIM', 'Seksi Lalu Lintas Keimigrasian'],
  ['INTELDAKIM', 'Seksi Inteldakim'],
  ['INTALTUSKIM', 'Seksi Izin Tinggal dan Status Keimigrasian'],
  ['TIKKIM', 'Seksi Teknologi Informasi dan Komunikasi Keimigrasian'],
];

export class DispositionInitial1795800000200 implements MigrationInterface {
  name = 'DispositionInitial1795800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE section (
        office_code text NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        sort_order int NOT NULL,
        active boolean NOT NULL DEFAULT true,
        PRIMARY KEY (office_code, code)
      )`);
    for (const [i, [code, name]] of BLP_SECTIONS.entries()) {
      await q.query('INSERT INTO section (office_code, code, name, sort_order, active) VALUES ($1, $2, $3, $4, true)', ['BLP', code, name, (i + 1) * 10]);
    }
    await q.query(`
      CREATE TABLE disposition_sheet_counter (
        office_code text NOT NULL,
        year int NOT NULL,
        last_value int NOT NULL,
        PRIMARY KEY (office_code, year)
      )`);
    await q.query(`
      CREATE TABLE disposition_sheet (
        complaint_id uuid PRIMARY KEY,
        number text NOT NULL UNIQUE,
        office_code text NOT NULL,
        year int NOT NULL,
        lines jsonb NOT NULL,
        note text,
        disposed_by text NOT NULL,
        disposed_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX disposition_sheet_office_year ON disposition_sheet (office_code, year)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['disposition_sheet', 'disposition_sheet_counter', 'section']) await q.query(`DROP TABLE ${t}`);
  }
}
