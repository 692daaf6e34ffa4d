import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { validate as isUuid } from 'uuid';

/** The follow-up information as written: what Admin Tikkim posts on SP4N-LAPOR! (docs/adr/0055). */
export interface WrittenInformation {
  informationId: string;
  text: string;
  writtenAt: Date;
}

/**
 * The newest follow-up information written for a complaint of the office (an upheld appeal writes
 * another, docs/adr/0053). Another office's complaint is answered as one with none written, so
 * its existence is not told.
 */
@Injectable()
export class FollowUpInformationQuery {
  constructor(private readonly runtime: ServiceRuntime) {}

  async newest(complaintId: string, officeCode: string): Promise<WrittenInformation> {
    if (!isUuid(complaintId)) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'complaint_id must be a UUID', { fieldViolations: [{ field: 'complaint_id', description: 'must be a UUID' }] });
    }
    const [row] = (await this.runtime.dataSource.query(
      `SELECT id, text, written_at FROM follow_up_information WHERE complaint_id = $1 AND office_code = $2 ORDER BY written_at DESC, id DESC LIMIT 1`,
      [complaintId, officeCode],
    )) as { id: string; text: string; written_at: Date }[];
    if (!row) throw new ServiceError('not-found', 'DOCUMENT.NOT_FOUND', 'no follow-up information is written for this complaint of the office');
    return { informationId: row.id, text: row.text, writtenAt: new Date(row.written_at) };
  }
}
