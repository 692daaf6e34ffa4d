import type { Actor } from '@pengaduan/sop';
import { v7 as uuidv7 } from 'uuid';
import type { EntityManager } from 'typeorm';
import type { ReporterContact } from '../reporter-contact/contact-cipher';

/** The fields of a contact a read may disclose, in the record's words. */
export const CONTACT_FIELDS = ['name', 'phone', 'email', 'handle'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** One entry of the processing record (docs/adr/0029): who, which complaint, why, what — never the contact. */
export interface ContactReadEntry {
  complaintId: string;
  officeCode: string;
  actor: Actor;
  /** For an officer: their office as the gateway named it. */
  actorOffice?: string;
  purpose: string;
  reason?: string;
  fields: readonly ContactField[];
  outcome: 'READ' | 'REFUSED';
  refusalCode?: string;
  channel?: string;
}

/** The fields of a contact that hold something. */
export function disclosedFields(contact: ReporterContact | undefined): ContactField[] {
  return CONTACT_FIELDS.filter((f) => typeof contact?.[f] === 'string' && contact[f] !== '');
}

/** Adds one entry to the processing record; the table takes no updates or deletes. */
export async function recordContactRead(manager: EntityManager, entry: ContactReadEntry): Promise<void> {
  const user = entry.actor.kind === 'user' ? entry.actor : undefined;
  const service = entry.actor.kind === 'system' ? entry.actor.service : null;
  await manager.query(
    `INSERT INTO contact_processing_record
       (id, complaint_id, office_code, actor_kind, user_id, role, actor_office_code, service, purpose, reason, fields, outcome, refusal_code, channel)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      uuidv7(),
      entry.complaintId,
      entry.officeCode,
      entry.actor.kind,
      user?.userId ?? null,
      user?.role ?? null,
      user ? (entry.actorOffice ?? null) : null,
      service,
      entry.purpose,
      entry.reason ?? null,
      [...entry.fields],
      entry.outcome,
      entry.refusalCode ?? null,
      entry.channel ?? null,
    ],
  );
}
