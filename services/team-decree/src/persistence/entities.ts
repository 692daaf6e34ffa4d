import type { TeamMember } from '@pengaduan/sop';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The SK Tim Penanganan Aduan (SOP step 6) of a complaint, kept to render its document. */
@Entity({ name: 'team_decree' })
export class TeamDecreeRecord {
  @PrimaryColumn({ type: 'uuid' })
  complaintId!: string;

  @Column({ type: 'text' })
  officeCode!: string;

  /** Per office per year (WIB), gap-free: `SK/BLP/2026/000001`. */
  @Column({ type: 'text', unique: true })
  decreeNumber!: string;

  /** Date of the decree, `YYYY-MM-DD` (WIB). */
  @Column({ type: 'date' })
  decreeDate!: string;

  /** The team as libs/sop names it: NIP, name, position, role (exactly one KETUA). */
  @Column({ type: 'jsonb' })
  members!: TeamMember[];

  /** What the team is to do. */
  @Column({ type: 'text' })
  mandate!: string;

  @Column({ type: 'date' })
  periodStartDate!: string;

  @Column({ type: 'date' })
  periodEndDate!: string;

  /** The head of office who issued it, as on the event (`KEPALA_KANTOR:<userId>`). */
  @Column({ type: 'text' })
  issuedBy!: string;

  @Column({ type: 'timestamptz' })
  issuedAt!: Date;

  /** The request that issued it (the event's `causationid`). */
  @Column({ type: 'text' })
  requestId!: string;
}

/** The last decree number issued by an office in a year. */
@Entity({ name: 'decree_number_counter' })
export class DecreeNumberCounter {
  @PrimaryColumn({ type: 'text' })
  officeCode!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  lastValue!: number;
}

export const TEAM_DECREE_ENTITIES = [TeamDecreeRecord, DecreeNumberCounter];
