import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { FIELD_RULES } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { SectionRecord } from '../persistence/entities';

/** A section an office can disposition complaints to. */
export interface Section {
  code: string;
  name: string;
}

/** What {@link addSection} needs. */
export interface NewSection {
  officeCode: string;
  /** UPPER_SNAKE, unique in the office, e.g. `INTELDAKIM`. */
  code: string;
  /** Name in Bahasa Indonesia, e.g. `Seksi Inteldakim`. */
  name: string;
  /** Position in the office's list; after the last section when absent. */
  sortOrder?: number;
  /** Default true. */
  active?: boolean;
}

/** Whether `value` is an office code (2-6 capital letters, e.g. `BLP`). */
export function isOfficeCode(value: string): boolean {
  return FIELD_RULES.officeCode.pattern.test(value);
}

/** The active sections of an office, in display order; none for an office that has no sections yet. */
export async function activeSections(db: EntityManager, officeCode: string): Promise<Section[]> {
  const rows = await db.find(SectionRecord, { where: { officeCode, active: true }, order: { sortOrder: 'ASC', code: 'ASC' } });
  return rows.map((r) => ({ code: r.code, name: r.name }));
}

/** Every section of an office, the retired ones too (for the head of office's administration), in display order. */
export async function allSections(db: EntityManager, officeCode: string): Promise<(Section & { retired: boolean })[]> {
  const rows = await db.find(SectionRecord, { where: { officeCode }, order: { sortOrder: 'ASC', code: 'ASC' } });
  return rows.map((r) => ({ code: r.code, name: r.name, retired: !r.active }));
}

/**
 * Adds a section to an office's list, or updates it (name, order, whether active) when the
 * office already has a section with that code: the migrations (the `BLP` seed), tests and
 * AdministerSectionsHandler's add use it.
 */
export async function addSection(db: EntityManager, section: NewSection): Promise<void> {
  const v: FieldViolation[] = [];
  if (!isOfficeCode(section.officeCode)) v.push({ field: 'officeCode', description: `must be ${FIELD_RULES.officeCode.description}` });
  if (!FIELD_RULES.sectionCode.pattern.test(section.code)) v.push({ field: 'code', description: `must be ${FIELD_RULES.sectionCode.description}, e.g. ${FIELD_RULES.sectionCode.example}` });
  if (section.name.trim() === '' || section.name.length > FIELD_RULES.sectionName.maxLength) v.push({ field: 'name', description: `required, at most ${FIELD_RULES.sectionName.maxLength} characters` });
  if (section.sortOrder !== undefined && !Number.isInteger(section.sortOrder)) v.push({ field: 'sortOrder', description: 'must be an integer' });
  if (v.length > 0) throw new ServiceError('invalid', 'REQUEST.INVALID', 'the section cannot be added as sent', { fieldViolations: v });
  await db.query(
    `INSERT INTO section (office_code, code, name, sort_order, active)
     VALUES ($1, $2, $3, COALESCE($4, (SELECT COALESCE(max(sort_order), 0) + 10 FROM section WHERE office_code = $1)), $5)
     ON CONFLICT (office_code, code) DO UPDATE SET name = $3, sort_order = COALESCE($4, section.sort_order), active = $5`,
    [section.officeCode, section.code, section.name.trim(), section.sortOrder ?? null, section.active ?? true],
  );
}
