import { timestampFromDate, durationFromMs } from '@bufbuild/protobuf/wkt';
import type { MessageInitShape } from '@bufbuild/protobuf';
import {
  Channel,
  ComplaintOutcome,
  DeliveryMethod,
  DismissalReason,
  DispositionInstruction,
  FollowUpDecision,
  NotificationPurpose,
  Severity,
  Substantiation,
  TeamRole,
  type EventSchema,
  type EventType,
} from '../../index';

const at = (iso: string) => timestampFromDate(new Date(iso));

/** One valid payload per event type, as a producer would write it. */
export const VALID_PAYLOADS: { [T in EventType]: MessageInitShape<EventSchema<T>> } = {
  'complaint.received': {
    complaintId: '0195f0a2-7c1e-7000-8000-000000000001',
    officeCode: 'BLP',
    trackingNumber: 'BLP-2026-000123',
    channel: Channel.WHATSAPP,
    receivedAt: at('2026-03-14T01:02:03.000Z'),
    reporterRef: 'rep_01HZX',
    anonymous: true,
    confidential: false,
    messageCount: 1,
    firstMessageId: 'msg-1',
  },
  'complaint.message-appended': { messageId: 'msg-2', channel: Channel.WHATSAPP, receivedAt: at('2026-03-14T01:10:00.000Z'), sequence: 2, attachmentCount: 1 },
  'complaint.confirmed': { classificationCode: '02', summary: 'Antrean paspor melebihi jam layanan.', anonymous: true, confidential: false },
  'complaint.dismissed': { reason: DismissalReason.DUPLICATE, duplicateOf: '0195f0a2-7c1e-7000-8000-000000000009', note: 'Sama dengan aduan sebelumnya.' },
  'complaint.disposed': {
    dispositionSheetNumber: 'LD/BLP/2026/0007',
    sections: [
      { sectionCode: 'LANTASKIM', instructions: [DispositionInstruction.TINDAK_LANJUTI, DispositionInstruction.KOORDINASIKAN], note: 'Segera.' },
      { sectionCode: 'TU', instructions: [DispositionInstruction.UNTUK_DIKETAHUI] },
    ],
    documentSha256: 'a'.repeat(64),
  },
  'complaint.section-responded': { sectionCode: 'LANTASKIM', response: 'Jadwal loket ditambah mulai Senin.' },
  'complaint.disposition-completed': { sectionCodes: ['LANTASKIM', 'TU'] },
  'complaint.analyzed': {
    findings: 'Loket kedua tidak dibuka pada jam sibuk.',
    substantiated: Substantiation.PARTLY,
    classificationCode: '02',
    severity: Severity.MEDIUM,
    recommendation: 'Tindak lanjuti dengan tim.',
  },
  'complaint.follow-up-decided': { decision: FollowUpDecision.FOLLOW_UP, reason: 'Perlu perbaikan prosedur loket.' },
  'complaint.team-formed': {
    decreeNumber: 'W.1.IMI.IMI.5-UM.01.01-0123',
    decreeDate: '2026-03-16',
    members: [
      { name: 'Budi Santoso', nip: '198001012005011001', position: 'Kepala Seksi Lantaskim', teamRole: TeamRole.KETUA },
      { name: 'Siti Aminah', nip: '199002022015022002', position: 'Analis Keimigrasian', teamRole: TeamRole.SEKRETARIS, userId: 'u-42' },
    ],
    mandate: 'Menata ulang jadwal loket paspor.',
    periodStartDate: '2026-03-16',
    periodEndDate: '2026-04-15',
  },
  'complaint.acknowledged': { channel: Channel.WHATSAPP, trackingNumber: 'BLP-2026-000123', providerMessageId: 'wamid.X' },
  'complaint.reporter-informed': { informationRef: 'info-7', channel: Channel.SMS, templateId: 'follow_up_v1', outcome: ComplaintOutcome.FOLLOWED_UP },
  'complaint.information-delivered': { channel: Channel.SMS, method: DeliveryMethod.PROVIDER_RECEIPT, deliveredAt: at('2026-03-17T02:00:00.000Z') },
  'complaint.notification-failed': {
    purpose: NotificationPurpose.FOLLOW_UP_INFORMATION,
    channel: Channel.WHATSAPP,
    errorCode: 'WHATSAPP.131047',
    attempt: 1,
    willRetry: false,
    fallbackChannel: Channel.SMS,
  },
  'complaint.closed': { closedAt: at('2026-03-17T02:05:00.000Z'), outcome: ComplaintOutcome.FOLLOWED_UP },
  'sla.deadline-warning': {
    deadlineId: 'dl-1',
    stepId: 'DISPOSE_AND_PROCESS',
    startedAt: at('2026-03-14T02:00:00.000Z'),
    dueAt: at('2026-03-14T14:00:00.000Z'),
    remaining: durationFromMs(2 * 3600_000),
    responsibleRole: 'KEPALA_KANTOR',
  },
  'sla.deadline-breached': {
    deadlineId: 'dl-1',
    stepId: 'DISPOSE_AND_PROCESS',
    startedAt: at('2026-03-14T02:00:00.000Z'),
    dueAt: at('2026-03-14T14:00:00.000Z'),
    responsibleRole: 'KEPALA_KANTOR',
  },
  'sla.escalated': {
    deadlineId: 'dl-1',
    stepId: 'DISPOSE_AND_PROCESS',
    dueAt: at('2026-03-14T14:00:00.000Z'),
    escalatedToRole: 'KEPALA_KANTOR',
    lateness: durationFromMs(3600_000),
    level: 1,
  },
};
