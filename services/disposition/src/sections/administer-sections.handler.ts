import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { FIELD_RULES } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SectionRecord } from '../persistence/entities';
import { addSection, isOfficeCode, type Section } from './section-list';

/** A section as the head of office administers it: retired or not. */
export interface AdministeredSection extends Section {
  retired: boolean;
}

/** What a section command did: the section now, whether anything changed, the name before a rename. */
export interface SectionChange {
  section: AdministeredSection;
  changed: boolean;
  previousName?: string;
}

const sectionOf = (r: SectionRecord): AdministeredSection => ({ code: r.code, name: r.name, retired: !r.active });

/**
 * The head of office's commands on the office's sections (ADR 0042; the gateway checks the
 * role): add, rename, retire. Each is idempotent by its content (the same command again changes
 * nothing), so a retry needs no request id. A section is never deleted: a disposition sheet
 * copies the section's name when it is made, and a retired section stays on the old sheets; it
 * is only no longer offered (ListSections) nor accepted for a new disposition.
 */
@Injectable()
export class AdministerSectionsHandler {
  constructor(private readonly runtime: ServiceRuntime) {}

  async add(officeCode: string, code: string, name: string): Promise<SectionChange> {
    checkFields({ officeCode, code, name });
    return this.runtime.dataSource.transaction(async (tx) => {
      const existing = await locked(tx, officeCode, code);
      if (existing) {
        if (existing.active && existing.name === name.trim()) return { section: sectionOf(existing), changed: false };
        throw new ServiceError('conflict', 'SECTION.CODE_TAKEN', `the office already has a section ${code}${existing.active ? '' : ' (retired)'}`, {
          fieldViolations: [{ field: 'code', description: 'is already a section of the office' }],
        });
      }
      await addSection(tx, { officeCode, code, name });
      return { section: { code, name: name.trim(), retired: false }, changed: true };
    });
  }

  async rename(officeCode: string, code: string, name: string): Promise<SectionChange> {
    checkFields({ officeCode, code, name });
    return this.runtime.dataSource.transaction(async (tx) => {
      const existing = await this.existing(tx, officeCode, code);
      if (!existing.active) throw new ServiceError('conflict', 'SECTION.RETIRED', `the section ${code} is retired`);
      const previousName = existing.name;
      if (previousName === name.trim()) return { section: sectionOf(existing), changed: false, previousName };
      await tx.update(SectionRecord, { officeCode, code }, { name: name.trim() });
      return { section: { code, name: name.trim(), retired: false }, changed: true, previousName };
    });
  }

  async retire(officeCode: string, code: string): Promise<SectionChange> {
    checkFields({ officeCode, code });
    return this.runtime.dataSource.transaction(async (tx) => {
      const existing = await this.existing(tx, officeCode, code);
      if (!existing.active) return { section: sectionOf(existing), changed: false };
      await tx.update(SectionRecord, { officeCode, code }, { active: false });
      return { section: { ...sectionOf(existing), retired: true }, changed: true };
    });
  }

  private async existing(tx: EntityManager, officeCode: string, code: string): Promise<SectionRecord> {
    const record = await locked(tx, officeCode, code);
    if (!record) throw new ServiceError('not-found', 'SECTION.NOT_FOUND', `the office ${officeCode} has no section ${code}`);
    return record;
  }
}

/** The section's row, locked until the transaction ends. */
function locked(tx: EntityManager, officeCode: string, code: string): Promise<SectionRecord | null> {
  return tx.findOne(SectionRecord, { where: { officeCode, code }, lock: { mode: 'pessimistic_write' } });
}

function checkFields(fields: { officeCode: string; code: string; name?: string }): void {
  const v: FieldViolation[] = [];
  if (!isOfficeCode(fields.officeCode)) v.push({ field: 'officeCode', description: `must be ${FIELD_RULES.officeCode.description}` });
  if (!FIELD_RULES.sectionCode.pattern.test(fields.code)) v.push({ field: 'code', description: `must be ${FIELD_RULES.sectionCode.description}, e.g. ${FIELD_RULES.sectionCode.example}` });
  if (fields.name !== undefined && (fields.name.trim() === '' || fields.name.length > FIELD_RULES.sectionName.maxLength)) {
    v.push({ field: 'name', description: `required, at most ${FIELD_RULES.sectionName.maxLength} characters` });
  }
  if (v.length > 0) throw new ServiceError('invalid', 'REQUEST.INVALID', 'the section command is not valid as sent', { fieldViolations: v });
}
