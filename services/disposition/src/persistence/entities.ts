import type { DispositionInstruction } from '@pengaduan/sop';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A section of an office that the head of office can disposition complaints to. Sections are
 * data per office (SOP.md): offices differ in structure, so nothing about them is code.
 */
@Entity({ name: 'section' })
export class SectionRecord {
  @PrimaryColumn({ type: 'text' })
  officeCode!: string;

  /** Unique in the office, e.g. `INTELDAKIM`. */
  @PrimaryColumn({ type: 'text' })
  code!: string;

  /** Name in Bahasa Indonesia, as shown to officers and on the disposition sheet. */
  @Column({ type: 'text' })
  name!: string;

  /** Display order in the office's list. */
  @Column({ type: 'int' })
  sortOrder!: number;

  /** An inactive section stays on old sheets but cannot be dispositioned to. */
  @Column({ type: 'boolean' })
  active!: boolean;
}

/** One line of a disposition sheet as stored: the section and the head of office's instructions. */
export interface DispositionSheetLine {
  sectionCode: string;
  instructions: DispositionInstruction[];
  note?: string;
}

/** The disposition sheet (Lembar Disposisi) of a complaint, kept for the document. */
@Entity({ name: 'disposition_sheet' })
export class DispositionSheetRecord {
  /** A complaint is dispositioned once. */
  @PrimaryColumn({ type: 'uuid' })
  complaintId!: string;

  /** `LD/<OFFICE>/<YEAR>/<000001>`, per office per year, gap-free. */
  @Column({ type: 'text', unique: true })
  number!: string;

  @Column({ type: 'text' })
  officeCode!: string;

  /** The year (in WIB) the number belongs to. */
  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'jsonb' })
  lines!: DispositionSheetLine[];

  /** The head of office's note on the whole sheet. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** User id of the head of office who signed it. */
  @Column({ type: 'text' })
  disposedBy!: string;

  @Column({ type: 'timestamptz' })
  disposedAt!: Date;
}

/** The last disposition sheet number issued for an office in a year. */
@Entity({ name: 'disposition_sheet_counter' })
export class DispositionSheetCounter {
  @PrimaryColumn({ type: 'text' })
  officeCode!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  lastValue!: number;
}

export const DISPOSITION_ENTITIES = [SectionRecord, DispositionSheetRecord, DispositionSheetCounter];
