import type { Channel, ComplaintStatus, DismissalReason } from '@pengaduan/sop';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A dismissal as intake keeps it: the reason with what that reason needs, and the officer's note. */
export interface DismissalRecord {
  reason: DismissalReason;
  /** For `DUPLICATE`: the complaint this one repeats. */
  duplicateOf?: string;
  /** For `NOT_OUR_AUTHORITY`: the office or agency the matter belongs to. */
  belongsTo?: string;
  note?: string;
}

/** A complaint as intake knows it: where it came from, its tracking number, its SOP status. */
@Entity({ name: 'complaint' })
export class ComplaintRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  officeCode!: string;

  /** Per office per year, gap-free: `BLP-2026-000123`. */
  @Column({ type: 'text', unique: true })
  trackingNumber!: string;

  @Column({ type: 'text' })
  channel!: Channel;

  /**
   * The SOP status (libs/sop) as intake last decided it. The status the next command is
   * decided against lives in `complaint_state` (libs/messaging), which also follows the other
   * services' events.
   */
  @Column({ type: 'text' })
  status!: ComplaintStatus;

  /** Identity hidden from every officer but the intake admin; as registered, then as confirmed. */
  @Column({ type: 'boolean' })
  anonymous!: boolean;

  /** The report is never public; as registered, then as confirmed. */
  @Column({ type: 'boolean' })
  confidential!: boolean;

  /** Permen PAN 5/2009 code given at confirmation (step 2). */
  @Column({ type: 'text', nullable: true })
  classificationCode!: string | null;

  /** For channel `LAPOR`, and only then: the SP4N-LAPOR! report number, unique per office (docs/adr/0055). */
  @Column({ type: 'text', nullable: true })
  laporReportNumber!: string | null;

  /** For a complaint another office transferred here: the complaint it came from (an erasure follows the link, docs/adr/0057). */
  @Column({ type: 'uuid', nullable: true })
  transferredFromComplaintId!: string | null;

  /** The forwarded complaint report (Laporan Terusan Aduan): the admin's summary, free of personal data. */
  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  /** Why step 2 ended the message without it becoming a complaint. */
  @Column({ type: 'jsonb', nullable: true })
  dismissal!: DismissalRecord | null;

  @Column({ type: 'timestamptz', nullable: true })
  dismissedAt!: Date | null;

  /** Opaque reference to the reporter's contact; the only thing events carry about the reporter. */
  @Column({ type: 'text' })
  reporterRef!: string;

  /**
   * For a complaint that came over a provider channel: the keyed digest of the sender's address
   * on it (see `SenderDigest`), so the sender's next message joins this complaint while it is open.
   */
  @Column({ type: 'text', nullable: true })
  reporterDigest!: string | null;

  /** The version of the digest key `reporterDigest` is under (null: before versions; see docs/adr/0026). */
  @Column({ type: 'text', nullable: true })
  reporterDigestVersion!: string | null;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** What the reporter wrote: kept here, never in an event. */
@Entity({ name: 'complaint_message' })
export class ComplaintMessageRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  complaintId!: string;

  /** 1 for the report itself, then each appended message. */
  @Column({ type: 'int' })
  sequence!: number;

  @Column({ type: 'text' })
  channel!: Channel;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;
}

/**
 * The reporter's contact, encrypted at rest (AES-256-GCM, key from the environment). Only
 * intake can read it; other services ask intake for it by `reporterRef` over gRPC.
 */
@Entity({ name: 'reporter_contact' })
export class ReporterContactRecord {
  @PrimaryColumn({ type: 'text' })
  reporterRef!: string;

  /** Which key encrypted it, so keys can be rotated. */
  @Column({ type: 'text' })
  keyId!: string;

  /** iv ‖ ciphertext ‖ auth tag. */
  @Column({ type: 'bytea' })
  sealed!: Buffer;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** The last tracking number issued for an office in a year. */
@Entity({ name: 'tracking_number_counter' })
export class TrackingNumberCounter {
  @PrimaryColumn({ type: 'text' })
  officeCode!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  lastValue!: number;
}

export const INTAKE_ENTITIES = [ComplaintRecord, ComplaintMessageRecord, ReporterContactRecord, TrackingNumberCounter];
