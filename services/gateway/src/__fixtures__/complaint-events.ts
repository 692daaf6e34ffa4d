import { create } from '@bufbuild/protobuf';
import { durationFromMs, timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  Channel,
  COMPLAINT_EVENTS_TOPIC,
  ComplaintConfirmedSchema,
  ComplaintReceivedSchema,
  createEnvelope,
  parseEnvelope,
  serializeEnvelope,
  SlaDeadlineWarningSchema,
  type EventEnvelope,
} from '@pengaduan/contracts';
import type { ConsumedEvent } from '@pengaduan/messaging';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

export interface ReceivedFacts {
  complaintId?: string;
  officeCode?: string;
  trackingNumber?: string;
  channel?: Channel;
  receivedAt?: Date;
  anonymous?: boolean;
  confidential?: boolean;
  reporterRef?: string;
  /** The event's time; defaults to `receivedAt`. */
  at?: Date;
}

/** `complaint.received` as intake publishes it. */
export function complaintReceived(facts: ReceivedFacts = {}): EventEnvelope {
  const complaintId = facts.complaintId ?? uuidv7();
  const officeCode = facts.officeCode ?? 'BLP';
  const receivedAt = facts.receivedAt ?? new Date('2026-03-14T02:05:09.123Z');
  return createEnvelope({
    type: 'complaint.received',
    source: 'pengaduan/intake',
    subject: complaintId,
    office: officeCode,
    actor: 'system:gateway',
    correlationId: randomUUID(),
    time: facts.at ?? receivedAt,
    data: create(ComplaintReceivedSchema, {
      complaintId,
      officeCode,
      trackingNumber: facts.trackingNumber ?? `${officeCode}-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
      channel: facts.channel ?? Channel.PHONE,
      receivedAt: timestampFromDate(receivedAt),
      reporterRef: facts.reporterRef ?? `rep_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
      anonymous: facts.anonymous ?? false,
      confidential: facts.confidential ?? false,
      messageCount: 1,
    }),
  });
}

/** `complaint.confirmed` (SOP step 2) of a complaint. */
export function complaintConfirmed(complaintId: string, at: Date, officeCode = 'BLP'): EventEnvelope {
  return createEnvelope({
    type: 'complaint.confirmed',
    source: 'pengaduan/intake',
    subject: complaintId,
    office: officeCode,
    actor: 'ADMIN_TIKKIM:u-admin-1',
    correlationId: randomUUID(),
    time: at,
    data: create(ComplaintConfirmedSchema, { classificationCode: '02', summary: 'Pungutan di loket paspor', anonymous: false, confidential: false }),
  });
}

/** `sla.deadline-warning` of a complaint's disposition step. */
export function deadlineWarning(complaintId: string, at: Date, officeCode = 'BLP'): EventEnvelope {
  return createEnvelope({
    type: 'sla.deadline-warning',
    source: 'pengaduan/sla-monitor',
    subject: complaintId,
    office: officeCode,
    actor: 'system:sla-monitor',
    correlationId: randomUUID(),
    time: at,
    data: create(SlaDeadlineWarningSchema, {
      deadlineId: randomUUID(),
      stepId: 'DISPOSE_AND_PROCESS',
      startedAt: timestampFromDate(new Date(at.getTime() - 10 * 3_600_000)),
      dueAt: timestampFromDate(new Date(at.getTime() + 2 * 3_600_000)),
      remaining: durationFromMs(2 * 3_600_000),
      responsibleRole: 'KEPALA_KANTOR',
    }),
  });
}

/** The event as a consumer hands it to its handler: the published bytes, parsed. */
export function asConsumed(envelope: EventEnvelope, offset = '0'): ConsumedEvent {
  const parsed = parseEnvelope(serializeEnvelope(envelope));
  if (!parsed.ok) throw new Error(`the fixture is not a valid event: ${parsed.reason}`);
  return { ...parsed, topic: COMPLAINT_EVENTS_TOPIC, partition: 0, offset };
}
