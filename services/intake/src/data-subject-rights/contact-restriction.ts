import { ServiceError } from '@pengaduan/runtime';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** Whether the processing of the contact behind `reporterRef` is restricted now (UU 27/2022, docs/adr/0056). */
export async function contactRestricted(manager: EntityManager, reporterRef: string): Promise<boolean> {
  const [last] = (await manager.query('SELECT restricted FROM contact_restriction_record WHERE reporter_ref = $1 ORDER BY at DESC, id DESC LIMIT 1', [reporterRef])) as {
    restricted: boolean;
  }[];
  return last?.restricted ?? false;
}

/** One restriction or its lift, as Admin Tikkim recorded it. */
export interface ContactRestrictionChange {
  reporterRef: string;
  officeCode: string;
  restricted: boolean;
  reason: string;
  userId: string;
  at: Date;
}

/**
 * Records a restriction or its lift. Restricting a restricted contact (or lifting a free one) is
 * refused as a conflict, so a repeated click cannot hide that it changed nothing.
 */
export async function changeContactRestriction(manager: EntityManager, change: ContactRestrictionChange): Promise<void> {
  await manager.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`contact-restriction:${change.reporterRef}`]);
    if ((await contactRestricted(tx, change.reporterRef)) === change.restricted) {
      throw new ServiceError('conflict', 'CONTACT.RESTRICTION_UNCHANGED', change.restricted ? 'the contact is already restricted' : 'the contact is not restricted');
    }
    await tx.query('INSERT INTO contact_restriction_record (id, reporter_ref, office_code, restricted, reason, user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      uuidv7(),
      change.reporterRef,
      change.officeCode,
      change.restricted,
      change.reason,
      change.userId,
      change.at,
    ]);
  });
}
