import type { EntityManager } from 'typeorm';
import type { ContactCipher, ReporterContact } from '../reporter-contact/contact-cipher';
import { openStoredReporter } from '../reporter-contact/reporter-contacts';
import { contactOnly } from '../reporter-contact/tracking-pin';

/** One complaint of the person, with everything intake holds of it that concerns them. */
export interface PersonComplaint {
  complaintId: string;
  trackingNumber: string;
  channel: string;
  status: string;
  receivedAt: string;
  /** The events that made the complaint what it is, as intake's state knows them: its version. */
  version: number;
  messages: { sequence: number; channel: string; receivedAt: string; text: string }[];
  /** `fileName`: the attachment's file in the export's ZIP. */
  attachments: { id: string; kind: string; mimeType: string | null; sizeBytes: number | null; sha256: string | null; fileName: string }[];
  documents: { kind: string; number: string; title: string; fileName: string; sha256: string; issuedAt: string }[];
  /** ADR 0029's processing record of this complaint: who read the contact, when, why; never the contact. */
  contactReads: { at: string; actorKind: string; userId: string | null; role: string | null; service: string | null; purpose: string; fields: string[]; outcome: string }[];
  /** The complaint's timeline as the gateway's read model holds it: every status change, when, and the officer's role (never who). */
  timeline: PersonTimelineEntry[];
}

/** One event of a complaint's timeline in the export. */
export interface PersonTimelineEntry {
  at: string;
  type: string;
  status: string;
  actorRole: string | null;
  actorService: string | null;
  summary: string;
}

/** Everything intake holds about one person in one office (UU 27/2022 access, docs/adr/0056). */
export interface PersonData {
  officeCode: string;
  contact: ReporterContact;
  complaints: PersonComplaint[];
}

/** The contact fields that tell one person's contacts apart from another's. */
const IDENTIFYING = ['phone', 'email', 'handle'] as const;

/**
 * The person's complaints in the office: the one named, every one sharing its `reporterRef`, and
 * every one whose contact has the same phone, e-mail or handle. Opening each of the office's
 * contacts costs one decryption per complaint; an office's complaints in a year are thousands.
 */
export async function personComplaintRefs(manager: EntityManager, cipher: ContactCipher, officeCode: string, reporterRef: string): Promise<{ contact: ReporterContact; complaintIds: string[] }> {
  const rows = (await manager.query(
    `SELECT c.id, c.reporter_ref, r.key_id, r.sealed FROM complaint c LEFT JOIN reporter_contact r ON r.reporter_ref = c.reporter_ref
      WHERE c.office_code = $1 ORDER BY c.received_at, c.id`,
    [officeCode],
  )) as { id: string; reporter_ref: string; key_id: string | null; sealed: Buffer | null }[];
  const open = async (r: (typeof rows)[number]): Promise<ReporterContact> =>
    r.sealed && r.key_id ? contactOnly((await openStoredReporter(manager, cipher, r.reporter_ref, r.sealed, r.key_id, `the contact ${r.reporter_ref}`)) ?? {}) : {};
  // Another person's contact that does not open (a key this intake no longer holds) is not theirs to compare.
  const othersContact = (r: (typeof rows)[number]): Promise<ReporterContact> => open(r).catch(() => ({}));
  const own = rows.find((r) => r.reporter_ref === reporterRef);
  const contact = own ? await open(own) : {};
  const same = (other: ReporterContact) => IDENTIFYING.some((f) => !!contact[f] && normalised(contact[f]) === normalised(other[f]));
  const complaintIds: string[] = [];
  for (const r of rows) if (r.reporter_ref === reporterRef || same(await othersContact(r))) complaintIds.push(r.id);
  return { contact, complaintIds };
}

function normalised(value: string | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

/**
 * Assembles what intake holds about the person behind `reporterRef` in `officeCode`, with the
 * timelines the gateway gave (keyed by complaint; one of a complaint not the person's is ignored).
 */
export async function collectPersonData(
  manager: EntityManager,
  cipher: ContactCipher,
  officeCode: string,
  reporterRef: string,
  timelines: ReadonlyMap<string, PersonTimelineEntry[]> = new Map(),
): Promise<PersonData> {
  const { contact, complaintIds } = await personComplaintRefs(manager, cipher, officeCode, reporterRef);
  const complaints: PersonComplaint[] = [];
  for (const id of complaintIds) complaints.push({ ...(await complaintOf(manager, id)), timeline: timelines.get(id) ?? [] });
  return { officeCode, contact, complaints };
}

async function complaintOf(manager: EntityManager, id: string): Promise<Omit<PersonComplaint, 'timeline'>> {
  const [c] = (await manager.query(
    `SELECT c.tracking_number, c.channel, coalesce(s.status, c.status) AS status, c.received_at, coalesce(s.version, 0)::int AS version
       FROM complaint c LEFT JOIN complaint_state s ON s.complaint_id = c.id WHERE c.id = $1`,
    [id],
  )) as { tracking_number: string; channel: string; status: string; received_at: Date; version: number }[];
  if (!c) throw new Error(`complaint ${id} vanished while its person's data was assembled`);
  const messages = (await manager.query('SELECT sequence, channel, received_at, text FROM complaint_message WHERE complaint_id = $1 ORDER BY sequence', [id])) as {
    sequence: number;
    channel: string;
    received_at: Date;
    text: string;
  }[];
  const attachments = (await manager.query(
    `SELECT a.id, a.kind, a.mime_type, a.size_bytes, a.sha256 FROM inbound_media a JOIN inbound_message m ON m.id = a.inbound_message_id
      WHERE m.complaint_id = $1 AND a.status = 'STORED' ORDER BY m.sent_at, a.position`,
    [id],
  )) as { id: string; kind: string; mime_type: string | null; size_bytes: number | null; sha256: string | null }[];
  const documents = (await manager.query('SELECT kind, number, title, file_name, sha256, issued_at FROM complaint_document WHERE complaint_id = $1 ORDER BY issued_at', [id])) as {
    kind: string;
    number: string;
    title: string;
    file_name: string;
    sha256: string;
    issued_at: Date;
  }[];
  const reads = (await manager.query(
    'SELECT at, actor_kind, user_id, role, service, purpose, fields, outcome FROM contact_processing_record WHERE complaint_id = $1 ORDER BY at, id',
    [id],
  )) as { at: Date; actor_kind: string; user_id: string | null; role: string | null; service: string | null; purpose: string; fields: string[]; outcome: string }[];
  return {
    complaintId: id,
    trackingNumber: c.tracking_number,
    channel: c.channel,
    status: c.status,
    receivedAt: c.received_at.toISOString(),
    version: c.version,
    messages: messages.map((m) => ({ sequence: m.sequence, channel: m.channel, receivedAt: m.received_at.toISOString(), text: m.text })),
    attachments: attachments.map((a, i) => ({ id: a.id, kind: a.kind, mimeType: a.mime_type, sizeBytes: a.size_bytes, sha256: a.sha256, fileName: attachmentFileName(c.tracking_number, i, a) })),
    documents: documents.map((d) => ({ kind: d.kind, number: d.number, title: d.title, fileName: d.file_name, sha256: d.sha256, issuedAt: d.issued_at.toISOString() })),
    contactReads: reads.map((r) => ({ at: r.at.toISOString(), actorKind: r.actor_kind, userId: r.user_id, role: r.role, service: r.service, purpose: r.purpose, fields: r.fields, outcome: r.outcome })),
  };
}

/** Where an attachment's file is in the export's ZIP: by complaint, in order, named by its id and media type. */
function attachmentFileName(trackingNumber: string, index: number, a: { id: string; mime_type: string | null }): string {
  const extension = /^[a-z]+\/([a-z0-9]{1,8})$/.exec(a.mime_type ?? '')?.[1]?.replace('jpeg', 'jpg') ?? 'bin';
  return `lampiran/${trackingNumber}/${String(index + 1).padStart(2, '0')}-${a.id}.${extension}`;
}
