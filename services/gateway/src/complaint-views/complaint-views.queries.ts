import { ServiceRuntime } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import type { FindOptionsWhere } from 'typeorm';
import { ComplaintViewRecord } from '../persistence/entities';

/** Reads the read model (complaint_view); the projection is the only writer. */
@Injectable()
export class ComplaintViewQueries {
  constructor(private readonly runtime: ServiceRuntime) {}

  private get views() {
    return this.runtime.dataSource.getRepository(ComplaintViewRecord);
  }

  byId(id: string): Promise<ComplaintViewRecord | null> {
    return this.views.findOneBy({ id });
  }

  /** 0 or 1 complaint (tracking numbers are unique), within an office when one is given. */
  byTrackingNumber(trackingNumber: string, officeCode?: string): Promise<ComplaintViewRecord[]> {
    const where: FindOptionsWhere<ComplaintViewRecord> = { trackingNumber };
    if (officeCode) where.officeCode = officeCode;
    return this.views.findBy(where);
  }

  /** The most recently received complaints first (ties broken by id, UUIDv7: registration order). */
  newest(limit: number, officeCode?: string): Promise<ComplaintViewRecord[]> {
    return this.views.find({
      where: officeCode ? { officeCode } : {},
      order: { receivedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }
}
