import { ServiceRuntime } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import { ComplaintViewRecord } from '../persistence/entities';
import type { RecordedEvent } from './tracking-steps';

/** What the tracking page is built from: the view and the complaint's events, nothing else. */
export interface TrackedComplaintFacts {
  view: Pick<ComplaintViewRecord, 'id' | 'trackingNumber' | 'officeCode' | 'channel' | 'receivedAt' | 'status'>;
  events: RecordedEvent[];
}

/**
 * Reads the gateway's read model for the public tracking page: the complaint's view and the
 * types and times of its timeline's events (never their summaries or actors), with the
 * follow-up decision and the notices the steps' triggers look at.
 */
@Injectable()
export class TrackingQueries {
  constructor(private readonly runtime: ServiceRuntime) {}

  /** The complaint with both this id and this tracking number, or null (also while the read model has not caught up). */
  async tracked(complaintId: string, trackingNumber: string): Promise<TrackedComplaintFacts | null> {
    const ds = this.runtime.dataSource;
    const view = await ds.getRepository(ComplaintViewRecord).findOne({
      select: { id: true, trackingNumber: true, officeCode: true, channel: true, receivedAt: true, status: true },
      where: { id: complaintId, trackingNumber },
    });
    if (!view) return null;
    const rows = (await ds.query('SELECT type, occurred_at, purpose FROM complaint_timeline WHERE complaint_id = $1 ORDER BY position', [complaintId])) as {
      type: string;
      occurred_at: Date;
      purpose: string | null;
    }[];
    const [output] = (await ds.query(`SELECT follow_up_decision ->> 'decision' AS decision FROM complaint_output WHERE complaint_id = $1`, [complaintId])) as {
      decision: string | null;
    }[];
    const decision = output?.decision ?? undefined;
    const events = rows.map(
      (r): RecordedEvent => ({
        type: r.type,
        at: r.occurred_at,
        ...(r.type === 'complaint.follow-up-decided' && decision ? { data: { decision } } : {}),
        // The acknowledgement given up does not end step 8 (docs/adr/0051).
        ...(r.purpose ? { data: { purpose: r.purpose } } : {}),
      }),
    );
    return { view, events };
  }
}
