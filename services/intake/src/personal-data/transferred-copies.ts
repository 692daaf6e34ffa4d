import type { EntityManager } from 'typeorm';

/** A complaint linked to another by a transfer, and the reporter ref its copy of the contact is under. */
interface TransferLinked {
  complaintId: string;
  reporterRef: string;
}

/**
 * The complaints a transfer links to `complaintId`, both ways and through chains (transferred on
 * again), without it: the transfer copies the complainant's contact and messages under a new
 * reporter ref in the other office, so an erasure of the one is an erasure of the others
 * (docs/adr/0057). Those erased already (the data's ledger) are left out.
 */
export async function transferLinkedComplaints(tx: EntityManager, complaintId: string): Promise<TransferLinked[]> {
  const rows = (await tx.query(
    `WITH RECURSIVE linked(id, from_id) AS (
       SELECT id, transferred_from_complaint_id FROM complaint WHERE id = $1::uuid
       UNION
       SELECT c.id, c.transferred_from_complaint_id FROM complaint c JOIN linked l ON c.transferred_from_complaint_id = l.id OR c.id = l.from_id
     )
     SELECT c.id, c.reporter_ref FROM complaint c JOIN linked l ON l.id = c.id
      WHERE c.id <> $1::uuid AND NOT EXISTS (SELECT 1 FROM personal_data_erasure e WHERE e.reporter_ref = c.reporter_ref)
      ORDER BY c.received_at, c.id`,
    [complaintId],
  )) as { id: string; reporter_ref: string }[];
  return rows.map((r) => ({ complaintId: r.id, reporterRef: r.reporter_ref }));
}
