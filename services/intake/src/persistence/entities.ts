import type { ComplaintState } from '@pengaduan/sop';
import { Column, Entity, PrimaryColumn } from 'typeorm';

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
  channel!: string;

  /** The SOP status (libs/sop), as intake last decided it. */
  @Column({ type: 'text' })
  status!: string;

  /** The libs/sop state, so the next command is decided against what intake knows. */
  @Column({ type: 'jsonb' })
  sopState!: ComplaintState;

  @Column({ type: 'boolean' })
  anonymous!: boolean;

  @Column({ type: 'boolean' })
  confidential!: boolean;

  /** Opaque reference to the reporter's contact; the only thing events carry about the reporter. */
  @Column({ type: 'text' })
  reporterRef!: string;

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
  channel!: string;

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

/** A command already answered, by its idempotency key, with a hash of what was asked. */
@Entity({ name: 'idempotency_key' })
export class IdempotencyRecord {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  operation!: string;

  @Column({ type: 'text' })
  requestHash!: string;

  @Column({ type: 'jsonb', nullable: true })
  response!: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

export const INTAKE_ENTITIES = [ComplaintRecord, ComplaintMessageRecord, ReporterContactRecord, TrackingNumberCounter, IdempotencyRecord];
