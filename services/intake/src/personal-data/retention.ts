import { formatIndonesianDate, PdfWriter } from '@pengaduan/documents';
import type { CommandOutcome } from '@pengaduan/messaging';
import type { SystemActor } from '@pengaduan/sop';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { INTAKE_EVENT_SOURCE } from '../complaint-state/own-events';
import { DEFAULT_RETENTION_DAYS } from '../config';
import type { ErasePersonalDataCommand } from './erase-personal-data.handler';


const SYSTEM: SystemActor = { kind: 'system', service: 'intake' };

/**
 * The closed complaints past their office's period for their kind (docs/adr/0057): a dismissed
 * message's (`DISMISSED_MESSAGE`) or a closed complaint's (`CLOSED_COMPLAINT`), the latest the head
 * of office set in `office_retention_policy`, else the default ($2 days); counted from closing, up to $1.
 */
const EXPIRED_COMPLAINTS = `
  policy AS (SELECT DISTINCT ON (office_code, kind) office_code, kind, days FROM office_retention_policy ORDER BY office_code, kind, version DESC),
  expired AS (
    SELECT c.id, (s.state->>'since')::timestamptz AS since FROM complaint c JOIN complaint_state s ON s.complaint_id = c.id
      LEFT JOIN policy p ON p.office_code = c.office_code
       AND p.kind = CASE WHEN s.state->>'outcome' = 'DISMISSED' THEN 'DISMISSED_MESSAGE' ELSE 'CLOSED_COMPLAINT' END
     WHERE s.status = 'CLOSED' AND (s.state->>'since')::timestamptz + make_interval(days => COALESCE(p.days, $2::int)) < $1::timestamptz)`;

/** What one run erased, and the destruction records it wrote. */
export interface RetentionRun {
  erased: { complaintId: string; trackingNumber: string; officeCode: string }[];
  records: { id: string; officeCode: string; number: string; complaints: number }[];
}

/** The erasure a retention run asks for: the handler, or anything that answers as it does. */
export type Erase = (command: ErasePersonalDataCommand) => Promise<CommandOutcome>;

/**
 * One run of the retention job (docs/adr/0057): every closed complaint whose closing is more than
 * its office's period for its kind (`days`, the default, for an office that set none) before `now` and whose complainant is not erased yet is erased with reason RETENTION, as
 * the system, through the one command path (`complaint.personal-data-erased`). The request id of
 * each is `retention:<complaint id>`, so replicas running together erase each once and record one
 * event (the second gets the first's outcome). Then, per office, the erasures by retention that no
 * destruction record lists yet are claimed by one UPDATE and listed in a new one (a PDF), so no
 * erasure is listed twice either. A complaint refused meanwhile (erased on request) is passed over.
 */
export async function applyRetention(ds: DataSource, erase: Erase, now: Date, options: { days?: number; batch?: number } = {}): Promise<RetentionRun> {
  const days = options.days ?? DEFAULT_RETENTION_DAYS;
  const due = (await ds.query(
    `WITH ${EXPIRED_COMPLAINTS}
     SELECT c.id, c.tracking_number, c.office_code FROM complaint c JOIN expired x ON x.id = c.id
      WHERE NOT EXISTS (SELECT 1 FROM personal_data_key k WHERE k.reporter_ref = c.reporter_ref AND k.destroyed_at IS NOT NULL)
        -- A transfer's copy and its original are erased together: only once neither is within its period.
        AND NOT EXISTS (
          SELECT 1 FROM complaint l WHERE (l.transferred_from_complaint_id = c.id OR l.id = c.transferred_from_complaint_id)
             AND NOT EXISTS (SELECT 1 FROM expired lx WHERE lx.id = l.id))
      ORDER BY x.since, c.id LIMIT $3`,
    [now, days, options.batch ?? 500],
)) as { id: string; tracking_number: string; office_code: string }[];
  const erased: RetentionRun['erased'] = [];
  for (const c of due) {
    try {
      await erase({ requestId: `retention:${c.id}`, complaintId: c.id, actor: SYSTEM, correlationId: randomUUID(), reason: 'RETENTION' });
      erased.push({ complaintId: c.id, trackingNumber: c.tracking_number, officeCode: c.office_code });
    } catch (err) {
      if ((err as { code?: string }).code !== 'PERSONAL_DATA.ERASED') throw err;
    }
  }
  return { erased, records: await recordDestructions(ds, now) };
}

/** Lists every erasure by retention not yet in a destruction record in a new one per office. */
async function recordDestructions(ds: DataSource, now: Date): Promise<RetentionRun['records']> {
  const offices = (await ds.query(
    `SELECT DISTINCT c.office_code FROM personal_data_erasure e JOIN complaint c ON c.reporter_ref = e.reporter_ref
      WHERE e.reason = 'RETENTION' AND e.destruction_record_id IS NULL ORDER BY 1`,
  )) as { office_code: string }[];
  const records: RetentionRun['records'] = [];
  for (const { office_code: officeCode } of offices) {
    const record = await ds.transaction(async (tx) => {
      const id = randomUUID();
      // One record at a time per office (replicas running together): numbers stay gap-free and unique.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('destruction_record:' || $1))`, [officeCode]);
      // The row first (its content filled below), so the claim can name it.
      const [{ n }] = (await tx.query(`SELECT count(*)::int + 1 AS n FROM destruction_record WHERE office_code = $1 AND date_part('year', created_at) = $2`, [officeCode, now.getUTCFullYear()])) as { n: number }[];
      const number = `BAP/${officeCode}/${now.getUTCFullYear()}/${String(n).padStart(6, '0')}`;
      await tx.query(`INSERT INTO destruction_record (id, office_code, number, created_at, complaint_count, sha256, content) VALUES ($1, $2, $3, $4, 1, repeat('0', 64), '\\x'::bytea)`, [id, officeCode, number, now]);
      const claimed = (await tx.query(
        `UPDATE personal_data_erasure e SET destruction_record_id = $1 FROM complaint c
          WHERE c.reporter_ref = e.reporter_ref AND c.office_code = $2 AND e.reason = 'RETENTION' AND e.destruction_record_id IS NULL
          RETURNING c.tracking_number, e.erased_at`,
        [id, officeCode],
      )) as unknown[];
      // TypeORM answers an UPDATE … RETURNING on Postgres as [rows, count].
      const rows = (Array.isArray(claimed[0]) ? claimed[0] : claimed) as { tracking_number: string; erased_at: Date }[];
      if (rows.length === 0) {
        await tx.query('DELETE FROM destruction_record WHERE id = $1', [id]);
        return undefined;
      }
      rows.sort((a, b) => a.tracking_number.localeCompare(b.tracking_number));
      const pdf = await destructionRecordPdf({ officeCode, number, at: now, rows });
      await tx.query('UPDATE destruction_record SET complaint_count = $2, sha256 = $3, content = $4 WHERE id = $1', [id, rows.length, createHash('sha256').update(pdf).digest('hex'), pdf]);
      return { id, officeCode, number, complaints: rows.length };
    });
    if (record) records.push(record);
  }
  return records;
}

/** Berita Acara Pemusnahan: what was destroyed, by tracking number, kind and date; never personal data. */
async function destructionRecordPdf(r: { officeCode: string; number: string; at: Date; rows: readonly { tracking_number: string; erased_at: Date }[] }): Promise<Buffer> {
  const pdf = new PdfWriter({ title: 'Berita Acara Pemusnahan Data Pribadi', subject: r.number, author: r.officeCode, keywords: 'UU 27/2022, retensi, pemusnahan', createdAt: r.at });
  pdf.heading('BERITA ACARA PEMUSNAHAN DATA PRIBADI PELAPOR');
  pdf.labelled(
    [
      { label: 'Nomor', value: r.number },
      { label: 'Kantor', value: r.officeCode },
      { label: 'Tanggal', value: formatIndonesianDate(r.at) },
      { label: 'Dasar', value: 'UU 27/2022 tentang Pelindungan Data Pribadi; masa retensi kantor berakhir' },
      { label: 'Cara', value: 'Kunci data pribadi tiap pelapor dimusnahkan; kontak, isi pesan dan lampiran tidak dapat dibaca lagi' },
    ],
    { labelWidth: 110, separator: ':', gapAfter: 10 },
  );
  pdf.table(
    [
      { header: 'No.', share: 0.08 },
      { header: 'Nomor aduan', share: 0.32 },
      { header: 'Data yang dimusnahkan', share: 0.4 },
      { header: 'Tanggal', share: 0.2 },
    ],
    r.rows.map((row, i) => [String(i + 1), row.tracking_number, 'Kontak, pesan, lampiran', formatIndonesianDate(row.erased_at)]),
    { gapAfter: 10 },
  );
  pdf.text(`Dicatat oleh sistem (${INTAKE_EVENT_SOURCE}); setiap pemusnahan juga tercatat sebagai peristiwa complaint.personal-data-erased pada log aduan.`);
  return pdf.finish((page, of) => ({ left: r.number, right: `Halaman ${page} dari ${of}` }));
}
