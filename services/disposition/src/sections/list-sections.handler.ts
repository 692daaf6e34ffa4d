import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { FIELD_RULES } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { activeSections, allSections, isOfficeCode, type Section } from './section-list';

/** The sections an office can disposition to (for the head of office's disposition form). */
@Injectable()
export class ListSectionsHandler {
  constructor(private readonly runtime: ServiceRuntime) {}

  /** `includeRetired`: the retired sections too, marked (the head of office's administration). */
  async execute(officeCode: string, includeRetired = false): Promise<(Section & { retired?: boolean })[]> {
    if (!isOfficeCode(officeCode)) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'the office code is invalid', {
        fieldViolations: [{ field: 'officeCode', description: `must be ${FIELD_RULES.officeCode.description}` }],
      });
    }
    const db = this.runtime.dataSource.manager;
    return includeRetired ? allSections(db, officeCode) : activeSections(db, officeCode);
  }
}
