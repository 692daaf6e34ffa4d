import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A complaint's Analisis Aduan (SOP step 4) and Keputusan Tindak Lanjut (step 5), kept to
 * render their documents. Written with the command that records them, or projected from the
 * complaint stream when the events come from elsewhere (a rebuilt schema).
 */
@Entity({ name: 'analysis_record' })
export class AnalysisRecord {
  @PrimaryColumn({ type: 'uuid' })
  complaintId!: string;

  @Column({ type: 'text' })
  officeCode!: string;

  /** What the analysis found, in the officer's words. */
  @Column({ type: 'text' })
  findings!: string;

  /** libs/sop `Substantiation`: `YES`, `PARTLY` or `NO`. */
  @Column({ type: 'text' })
  substantiated!: string;

  /** Permen PAN 5/2009 classification code, `01` to `10`. */
  @Column({ type: 'text' })
  classificationCode!: string;

  /** libs/sop `Severity`: `LOW`, `MEDIUM` or `HIGH`. */
  @Column({ type: 'text' })
  severity!: string;

  @Column({ type: 'text' })
  recommendation!: string;

  /** The officer who analysed it, as on the event (`ADMIN_TIKKIM:<userId>`). */
  @Column({ type: 'text' })
  analyzedBy!: string;

  @Column({ type: 'timestamptz' })
  analyzedAt!: Date;

  /** The request that recorded the analysis (the event's `causationid`), when known. */
  @Column({ type: 'text', nullable: true })
  analysisRequestId!: string | null;

  /** libs/sop `FollowUpDecision`, once step 5 decided it. */
  @Column({ type: 'text', nullable: true })
  decision!: string | null;

  @Column({ type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionRequestId!: string | null;
}

export const ANALYSIS_ENTITIES = [AnalysisRecord];
