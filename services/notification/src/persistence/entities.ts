import type { DismissalReason } from '@pengaduan/sop';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The Informasi Tindak Lanjut (SOP step 7) as Admin Tikkim wrote it. The text is addressed to
 * the reporter, so it stays here: `complaint.reporter-informed` carries only this row's id.
 */
@Entity({ name: 'follow_up_information' })
export class FollowUpInformationRecord {
  /** The `informationRef` of `complaint.reporter-informed`. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  complaintId!: string;

  @Column({ type: 'text' })
  officeCode!: string;

  /** What the reporter is told, in Bahasa Indonesia. */
  @Column({ type: 'text' })
  text!: string;

  /** The officer's user id. */
  @Column({ type: 'text' })
  writtenBy!: string;

  @Column({ type: 'timestamptz' })
  writtenAt!: Date;

  /** The channel it is to reach the reporter over: the one the complaint came in over. */
  @Column({ type: 'text' })
  channel!: string;

  /** The provider's id of the sent message, when an adapter sent it (to match delivery receipts). */
  @Column({ type: 'text', nullable: true })
  providerMessageId!: string | null;

  /** For the information about a dismissed message: why it was dismissed (libs/sop DISMISSAL_REASONS), which the text may name as `{alasan}`. */
  @Column({ type: 'text', nullable: true })
  dismissalReason!: DismissalReason | null;
}

/**
 * Who to answer, as `complaint.received` said: the opaque `reporterRef` (intake resolves it to a
 * contact) and the channel the complaint came in over. No personal data.
 */
@Entity({ name: 'complaint_reporter' })
export class ComplaintReporterRecord {
  @PrimaryColumn({ type: 'uuid' })
  complaintId!: string;

  @Column({ type: 'text' })
  officeCode!: string;

  @Column({ type: 'text' })
  trackingNumber!: string;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ type: 'text' })
  reporterRef!: string;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;
}

export const NOTIFICATION_ENTITIES = [FollowUpInformationRecord, ComplaintReporterRecord];
