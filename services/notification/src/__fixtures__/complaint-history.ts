import {
  COMPLAINT_EVENTS_TOPIC,
  parseEnvelope,
  serializeEnvelope,
  sopEventToEnvelope,
  type EventEnvelope,
  type SopEnvelopeContext,
} from '@pengaduan/contracts';
import type { ConsumedEvent } from '@pengaduan/messaging';
import { decide, evolve, initialState, type Channel, type ComplaintState, type SopCommand, type SopEvent, type UserActor } from '@pengaduan/sop';
import { randomBytes, randomUUID } from 'node:crypto';

export const admin: UserActor = { kind: 'user', userId: 'u-admin-tikkim', role: 'ADMIN_TIKKIM' };
export const kakan: UserActor = { kind: 'user', userId: 'u-kakan', role: 'KEPALA_KANTOR' };
export const inteldakim: UserActor = { kind: 'user', userId: 'u-inteldakim', role: 'SEKSI_TERKAIT', sectionCode: 'INTELDAKIM' };
export const kasiTi: UserActor = { kind: 'user', userId: 'u-kasi-ti', role: 'KEPALA_SEKSI_TI' };

/** A fresh office code of 6 capital letters, so suites and runs never share an office. */
export function randomOffice(): string {
  return Array.from(randomBytes(6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

/** Where a history should stop. */
export type HistoryEnd = 'RECEIVED' | 'CONFIRMED' | 'DISMISSED' | 'FOLLOW_UP_DECIDED' | 'NO_FOLLOW_UP_DECIDED' | 'TEAM_FORMED';

export interface SeedComplaint {
  complaintId: string;
  officeCode: string;
  trackingNumber: string;
  channel: Channel;
  reporterRef: string;
}

export function newComplaint(officeCode: string, channel: Channel = 'PHONE'): SeedComplaint {
  return {
    complaintId: randomUUID(),
    officeCode,
    trackingNumber: `${officeCode}-2026-${String(randomBytes(2).readUInt16BE()).padStart(6, '0')}`,
    channel,
    reporterRef: `rep_${randomBytes(12).toString('hex')}`,
  };
}

/** The commands that carry a complaint to `end`, each by the role the SOP names. */
function commandsTo(end: HistoryEnd, c: SeedComplaint): SopCommand[] {
  const receive: SopCommand = {
    type: 'receive',
    actor: c.channel === 'PHONE' || c.channel === 'WALK_IN' ? admin : { kind: 'system', service: 'intake' },
    complaintId: c.complaintId,
    officeCode: c.officeCode,
    trackingNumber: c.trackingNumber,
    channel: c.channel,
    anonymous: false,
    confidential: false,
  };
  if (end === 'RECEIVED') return [receive];
  if (end === 'DISMISSED') return [receive, { type: 'dismiss', actor: admin, reason: 'NOT_A_COMPLAINT', note: 'Pertanyaan jadwal layanan.' }];
  const confirmed: SopCommand[] = [
    receive,
    { type: 'confirm', actor: admin, classification: '03', summary: 'Dugaan pungutan liar di loket paspor.', anonymous: false, confidential: false },
  ];
  if (end === 'CONFIRMED') return confirmed;
  const decided = (decision: 'FOLLOW_UP' | 'NO_FOLLOW_UP'): SopCommand[] => [
    ...confirmed,
    { type: 'dispose', actor: kakan, sheet: { entries: [{ sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN'] }] } },
    { type: 'respondAsSection', actor: inteldakim, sectionCode: 'INTELDAKIM', response: 'Telah diperiksa; petugas loket diberi teguran.' },
    {
      type: 'analyze',
      actor: admin,
      findings: 'Terdapat indikasi pungutan di luar PNBP.',
      substantiated: 'PARTLY',
      classification: '03',
      severity: 'HIGH',
      recommendation: 'Bentuk tim penanganan.',
    },
    { type: 'decideFollowUp', actor: kasiTi, decision, reason: decision === 'FOLLOW_UP' ? 'Perlu pemeriksaan lebih lanjut.' : 'Tidak terbukti.' },
  ];
  if (end === 'NO_FOLLOW_UP_DECIDED') return decided('NO_FOLLOW_UP');
  if (end === 'FOLLOW_UP_DECIDED') return decided('FOLLOW_UP');
  return [
    ...decided('FOLLOW_UP'),
    {
      type: 'formTeam',
      actor: kakan,
      decreeNumber: `W4.IMI.BLP-${randomBytes(2).toString('hex')}`,
      members: [{ nip: '198001012005011001', name: 'Budi Santoso', position: 'Kepala Seksi Inteldakim', role: 'KETUA' }],
    },
  ];
}

/** The events libs/sop decides for a complaint that got to `end`, a minute apart, ending at `endAt`. */
export function historyTo(end: HistoryEnd, c: SeedComplaint, endAt: Date): SopEvent[] {
  const commands = commandsTo(end, c);
  let state: ComplaintState = initialState();
  const events: SopEvent[] = [];
  commands.forEach((command, i) => {
    const decision = decide(command, state, new Date(endAt.getTime() - (commands.length - 1 - i) * 60_000));
    if (!decision.ok) throw new Error(`fixture history is illegal at ${command.type}: ${decision.error.message}`);
    events.push(...decision.events);
    state = decision.events.reduce(evolve, state);
  });
  return events;
}

/** The envelope a producer would publish for a seeded event, with the wire-only fields filled in. */
export function envelopeOf(event: SopEvent, c: SeedComplaint): EventEnvelope {
  const ctx: SopEnvelopeContext = { source: 'pengaduan/test', subject: c.complaintId, office: c.officeCode, correlationId: randomUUID() };
  switch (event.type) {
    case 'complaint.received':
      return sopEventToEnvelope(event, ctx, { receivedAt: new Date(event.at), reporterRef: c.reporterRef, messageCount: 1 });
    case 'complaint.disposed':
      return sopEventToEnvelope(event, ctx, { dispositionSheetNumber: `LD-${randomBytes(3).toString('hex')}` });
    case 'complaint.team-formed':
      return sopEventToEnvelope(event, ctx, {
        decreeDate: event.at.slice(0, 10),
        mandate: 'Menangani pengaduan pungutan liar.',
        periodStartDate: event.at.slice(0, 10),
        periodEndDate: event.at.slice(0, 10),
      });
    case 'complaint.message-appended':
    case 'complaint.acknowledged':
    case 'complaint.reporter-informed':
    case 'complaint.notification-failed':
      throw new Error(`the fixture does not seed ${event.type}`);
    default:
      return sopEventToEnvelope(event, ctx);
  }
}

/** A seeded event as the consumer receives it from the topic. */
export function consumed(envelope: EventEnvelope, offset = 0): ConsumedEvent {
  const parsed = parseEnvelope(serializeEnvelope(envelope));
  if (!parsed.ok) throw new Error(`fixture event does not parse: ${parsed.reason} ${parsed.problems.join('; ')}`);
  return { ...parsed, topic: COMPLAINT_EVENTS_TOPIC, partition: 0, offset: String(offset) };
}
