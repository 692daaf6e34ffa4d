import type { TeamMember } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';

/** An issued SK Tim Penanganan Aduan as it is kept for its document. */
export interface TeamDecreeEntry {
  complaintId: string;
  officeCode: string;
  decreeNumber: string;
  decreeDate: string;
  members: readonly TeamMember[];
  mandate: string;
  periodStartDate: string;
  periodEndDate: string;
  issuedBy: string;
  issuedAt: Date;
  requestId: string;
}

export async function saveTeamDecree(tx: EntityManager, d: TeamDecreeEntry): Promise<void> {
  // A decree after an appeal sent the complaint back (docs/adr/0053): the earlier round's decree is kept aside.
  await tx.query(
    `WITH earlier AS (DELETE FROM team_decree WHERE complaint_id = $1 RETURNING *)
     INSERT INTO team_decree_earlier_round SELECT *, $2::timestamptz FROM earlier`,
    [d.complaintId, d.issuedAt],
  );
  await tx.query(
    `INSERT INTO team_decree (complaint_id, office_code, decree_number, decree_date, members, mandate, period_start_date, period_end_date,
                              issued_by, issued_at, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [d.complaintId, d.officeCode, d.decreeNumber, d.decreeDate, JSON.stringify(d.members), d.mandate, d.periodStartDate, d.periodEndDate, d.issuedBy, d.issuedAt, d.requestId],
  );
}
