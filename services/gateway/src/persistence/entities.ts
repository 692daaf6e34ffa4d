import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One complaint as the gateway's read model knows it, built only from the complaint stream
 * (see projection/). It holds nothing about the reporter but the opaque `reporterRef`.
 */
@Entity({ name: 'complaint_view' })
export class ComplaintViewRecord {
  /** The complaint id (the events' `subject`). */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  officeCode!: string;

  /** `BLP-2026-000123`: unique, as intake issues it. */
  @Column({ type: 'text', unique: true })
  trackingNumber!: string;

  /** The channel name of libs/sop, e.g. `PHONE`. */
  @Column({ type: 'text' })
  channel!: string;

  /** The SOP status (libs/sop) the events so far lead to. */
  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'boolean' })
  anonymous!: boolean;

  @Column({ type: 'boolean' })
  confidential!: boolean;

  /** Opaque reference to the reporter's contact in intake; kept for later views, never returned. */
  @Column({ type: 'text' })
  reporterRef!: string;

  /** When the complaint reached the office. */
  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  /** The time of the last event applied. */
  @Column({ type: 'timestamptz' })
  updatedAt!: Date;

  /** CloudEvents `type` of the last event applied. */
  @Column({ type: 'text' })
  lastEventType!: string;

  /** CloudEvents `id` of the last event applied. */
  @Column({ type: 'uuid' })
  lastEventId!: string;

  /** Events applied so far (1 after `complaint.received`). */
  @Column({ type: 'int' })
  eventCount!: number;
}

export const GATEWAY_ENTITIES = [ComplaintViewRecord];
