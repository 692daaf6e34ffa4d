import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { FIELD_RULES } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { activeSections, isOfficeCode, type Section } from './section-list';

/** The sections an office can disposition to (for the head of office's disposition form). */
@Injectable()
export class ListSectionsHandler {
  constructor(private readonly runtime: ServiceRuntime) {}

  async execute(officeCode: string): Promise<Section[]> {
    if (!isOfficeCode(officeCode)) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'the office code is invalid', {
        fieldViolations: [{ field: 'officeCode', description: `must be ${FIELD_RULES.officeCode.description}` }],
      });
    }
    return activeSections(this.runtime.dataSource.manager, officeCode);
  }
}
