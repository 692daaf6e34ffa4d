// Test support: a complaint's history up to any SOP status, decided by libs/sop itself
// (received → confirmed → disposed → section processed → analysed → decided → team formed),
// as libs/sop events and as the envelopes the producing services would publish.
import {
  COMPLAINT_EVENTS_TOPIC,
  EVENT_CATALOGUE,
  parseEnvelope,
  serializeEnvelope,
  sopEventToEnvelope,
  type EventEnvelope,
  type ParsedEvent,
} from '@pengaduan/contracts';
import { decide, evolve, initialState, type Actor, type ComplaintState, type ComplaintStatus, type SopCommand, type SopEvent } from '@pengaduan/sop';
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { randomOfficeCode } from './platform-stack';

/** An event as a consumer hands it to its handler (the shape of @pengaduan/messaging's ConsumedEvent). */
export type ConsumedEvent = ParsedEvent & { topic: string; partition: number; offset: string };

export const actors = {
  intake: { kind: 'system', service: 'intake' },
  adminTikkim: { kind: 'user', userId: 'u-admin-tikkim', role: 'ADMIN_TIKKIM' },
  kepalaKantor: { kind: 'user', userId: 'u-kepala-kantor', role: 'KEPALA_KANTOR' },
  inteldakim: { kind: 'user', userId: 'u-inteldakim', role: 'SEKSI_TERKAIT', sectionCode: 'INTELDAKIM' },
  kepalaSeksiTi: { kind: 'user', userId: 'u-kasi-ti', role: 'KEPALA_SEKSI_TI' },
  auditor: { kind: 'user', userId: 'u-auditor', role: 'AUDITOR' },
} as const satisfies Record<string, Actor>;

export interface ComplaintHistory {
  complaintId: string;
  officeCode: string;
  events: SopEvent[];
  envelopes: EventEnvelope[];
  state: ComplaintState;
}

export interface HistoryOptions {
  officeCode?: string;
  /** Time of the first event; each later step comes an hour after the one before. */
  start?: Date;
  /** The complaint's tracking number (default `<office>-2026-000001`; give one per complaint when many share an office). */
  trackingNumber?: string;
  /** The step-5 branch, when the history goes that far. */
  decision?: 'FOLLOW_UP' | 'NO_FOLLOW_UP';
}

/** The SOP's commands in order, as the officers of the fixture give them. */
function nextCommand(state: ComplaintState, complaintId: string, officeCode: string, options: HistoryOptions): SopCommand {
  switch (state.status) {
    case 'NEW':
      return {
        type: 'receive',
        actor: actors.intake,
        complaintId,
        officeCode,
        trackingNumber: options.trackingNumber ?? `${officeCode}-2026-000001`,
        channel: 'WHATSAPP',
        anonymous: false,
        confidential: false,
      };
    case 'RECEIVED':
      return { type: 'confirm', actor: actors.adminTikkim, classification: '03', summary: 'Dugaan pungutan liar di loket paspor', anonymous: false, confidential: true };
    case 'CONFIRMED':
      return { type: 'dispose', actor: actors.kepalaKantor, sheet: { entries: [{ sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN'] }] } };
    case 'DISPOSED':
      return { type: 'respondAsSection', actor: actors.inteldakim, sectionCode: 'INTELDAKIM', response: 'Rekaman CCTV loket 3 telah diperiksa' };
    case 'SECTION_PROCESSED':
      return {
        type: 'analyze',
        actor: actors.adminTikkim,
        findings: 'Petugas loket 3 meminta biaya di luar PNBP',
        substantiated: 'YES',
        classification: '03',
        severity: 'HIGH',
        recommendation: 'Bentuk tim pemeriksa',
      };
    case 'ANALYZED':
      return { type: 'decideFollowUp', actor: actors.kepalaSeksiTi, decision: options.decision ?? 'FOLLOW_UP', reason: 'Aduan terbukti' };
    case 'FOLLOW_UP_DECIDED':
      return {
        type: 'formTeam',
        actor: actors.kepalaKantor,
        decreeNumber: `SK/${officeCode}/2026/000001`,
        members: [{ nip: '198001012005011001', name: 'Budi Santoso', position: 'Kepala Seksi Inteldakim', role: 'KETUA' }],
      };
    case 'TEAM_FORMED':
    case 'NO_FOLLOW_UP_DECIDED':
      return { type: 'informReporter', actor: actors.adminTikkim, informationRef: `info_${complaintId}` };
    case 'REPORTER_INFORMED':
      return { type: 'recordDelivery', actor: actors.adminTikkim, channel: 'WHATSAPP', method: 'PHONE_CALL', deliveredAt: state.since };
    default:
      throw new Error(`the fixture goes no further than ${state.status}`);
  }
}

/** The wire-only fields the producing service adds to each event. */
function extrasFor(event: SopEvent, officeCode: string, at: Date): object {
  switch (event.type) {
    case 'complaint.received':
      return { receivedAt: at, reporterRef: `rep_${randomBytes(12).toString('hex')}`, messageCount: 1 };
    case 'complaint.disposed':
      return { dispositionSheetNumber: `LD/${officeCode}/2026/000001` };
    case 'complaint.team-formed':
      return { decreeDate: '2026-03-02', mandate: 'Memeriksa dugaan pungutan liar', periodStartDate: '2026-03-02', periodEndDate: '2026-03-31' };
    case 'complaint.reporter-informed':
      return { channel: 'WHATSAPP' };
    default:
      return {};
  }
}

/** A new complaint's history, decided step by step by libs/sop, until it reaches `status`. */
export function historyUntil(status: ComplaintStatus, options: HistoryOptions = {}): ComplaintHistory {
  const complaintId = uuidv7();
  const officeCode = options.officeCode ?? randomOfficeCode();
  const start = options.start ?? new Date('2026-03-02T01:00:00Z');
  let state: ComplaintState = initialState();
  const events: SopEvent[] = [];
  const envelopes: EventEnvelope[] = [];
  for (let step = 0; state.status !== status; step++) {
    const at = new Date(start.getTime() + step * 3_600_000);
    const decision = decide(nextCommand(state, complaintId, officeCode, options), state, at);
    if (!decision.ok) throw new Error(`fixture history refused at ${state.status}: ${decision.error.message}`);
    for (const event of decision.events) {
      state = evolve(state, event);
      events.push(event);
      const source = `pengaduan/${EVENT_CATALOGUE[event.type].producer}`;
      envelopes.push(sopEventToEnvelope(event, { source, subject: complaintId, office: officeCode, correlationId: complaintId }, extrasFor(event, officeCode, at) as never));
    }
  }
  return { complaintId, officeCode, events, envelopes, state };
}

/** An envelope as a consumer receives it: serialized, parsed and validated, with where it was read. */
export function asConsumed(envelope: EventEnvelope, offset = 0): ConsumedEvent {
  const parsed = parseEnvelope(serializeEnvelope(envelope));
  if (!parsed.ok) throw new Error(`fixture event is invalid: ${parsed.reason}`);
  return { ...parsed, topic: COMPLAINT_EVENTS_TOPIC, partition: 0, offset: String(offset) };
}
