// Every state × every command × every actor, generated from tables written out here from
// SOP.md (not imported from the implementation, so the two can disagree and fail).
import type { ActorName } from './__fixtures__/complaints';
import {
  actors,
  COMPLAINT_ID,
  given,
  HISTORY,
  hour,
  NOW,
  ONE_ACTOR_PER_ROLE,
  TRACKING_NUMBER,
  validCommand,
} from './__fixtures__/complaints';
import type { Actor, CommandType, ComplaintStatus, SopEvent } from '../index';
import { COMMAND_TYPES, COMPLAINT_STATUSES } from '../index';

const OPEN: readonly ComplaintStatus[] = [
  'RECEIVED',
  'CONFIRMED',
  'DISMISSED',
  'DISPOSED',
  'SECTION_PROCESSED',
  'ANALYZED',
  'FOLLOW_UP_DECIDED',
  'NO_FOLLOW_UP_DECIDED',
  'TEAM_FORMED',
  'REPORTER_INFORMED',
  'APPEALED',
  'APPEAL_UPHELD',
];

/** Who may fire what, and from where, as SOP.md and DESIGN.md ("The complaint's life") say. */
const SOP_TABLE: { readonly [T in CommandType]: { by: readonly ActorName[]; from: readonly ComplaintStatus[] } } = {
  receive: { by: ['admin', 'intake'], from: ['NEW'] },
  appendMessage: { by: ['admin', 'intake'], from: OPEN },
  acknowledge: { by: ['intake'], from: OPEN },
  confirm: { by: ['admin'], from: ['RECEIVED'] },
  dismiss: { by: ['admin'], from: ['RECEIVED'] },
  dispose: { by: ['kepalaKantor'], from: ['CONFIRMED'] },
  respondAsSection: { by: ['lantaskim'], from: ['DISPOSED'] },
  analyze: { by: ['admin'], from: ['SECTION_PROCESSED'] },
  decideFollowUp: { by: ['kepalaSeksiTi'], from: ['ANALYZED'] },
  formTeam: { by: ['kepalaKantor'], from: ['FOLLOW_UP_DECIDED'] },
  informReporter: { by: ['admin'], from: ['TEAM_FORMED', 'NO_FOLLOW_UP_DECIDED', 'DISMISSED', 'APPEAL_UPHELD'] },
  recordNotificationFailure: { by: ['admin', 'intake'], from: ['REPORTER_INFORMED'] },
  recordDelivery: { by: ['admin', 'intake'], from: ['REPORTER_INFORMED'] },
  recordCallAttempt: { by: ['admin'], from: ['REPORTER_INFORMED'] },
  // docs/adr/0053: the reporter through intake, or Admin Tikkim recording what they said; the head reviews.
  rate: { by: ['admin', 'intake'], from: ['CLOSED'] },
  appeal: { by: ['admin', 'intake'], from: ['CLOSED'] },
  reviewAppeal: { by: ['kepalaKantor'], from: ['APPEALED'] },
  erasePersonalData: { by: ['admin', 'intake'], from: COMPLAINT_STATUSES.filter((s) => s !== 'NEW') },
  // docs/adr/0061: the data subject's requests, served by Admin Tikkim alone, after receipt.
  recordDataAccessRequest: { by: ['admin'], from: COMPLAINT_STATUSES.filter((s) => s !== 'NEW') },
  recordDataAccessAnswer: { by: ['admin'], from: COMPLAINT_STATUSES.filter((s) => s !== 'NEW') },
  recordContactCorrection: { by: ['admin'], from: COMPLAINT_STATUSES.filter((s) => s !== 'NEW') },
  recordContactRestriction: { by: ['admin'], from: COMPLAINT_STATUSES.filter((s) => s !== 'NEW') },
};

const at = NOW.toISOString();

/** The events the valid command of each type must produce in a legal status, written out in full. */
function expectedEvents(type: CommandType, status: ComplaintStatus, actor: Actor): SopEvent[] {
  switch (type) {
    case 'receive':
      return [
        {
          type: 'complaint.received',
          at,
          actor,
          data: {
            complaintId: COMPLAINT_ID,
            officeCode: 'KANIM-BLP',
            trackingNumber: TRACKING_NUMBER,
            channel: 'WHATSAPP',
            anonymous: false,
            confidential: false,
          },
        },
      ];
    case 'appendMessage':
      return [{ type: 'complaint.message-appended', at, actor, data: { messageId: 'M-2' } }];
    case 'acknowledge':
      return [{ type: 'complaint.acknowledged', at, actor, data: { trackingNumber: TRACKING_NUMBER } }];
    case 'confirm':
      return [
        {
          type: 'complaint.confirmed',
          at,
          actor,
          data: { classification: '03', summary: 'Dugaan pungli di loket paspor', anonymous: true, confidential: true },
        },
      ];
    case 'dismiss':
      return [
        {
          type: 'complaint.dismissed',
          at,
          actor,
          data: {
            dismissal: { reason: 'DUPLICATE', originalComplaintId: 'C-2025-0000' },
            note: 'Pesan yang sama dikirim dua kali',
          },
        },
      ];
    case 'dispose':
      return [
        {
          type: 'complaint.disposed',
          at,
          actor,
          data: { sheet: { entries: [{ sectionCode: 'TU', instructions: ['UNTUK_DIKETAHUI'] }] } },
        },
      ];
    case 'respondAsSection':
      // The fixture dispositioned LANTASKIM and INTELDAKIM: INTELDAKIM is still pending.
      return [
        {
          type: 'complaint.section-responded',
          at,
          actor,
          data: { sectionCode: 'LANTASKIM', response: 'Sudah ditangani' },
        },
      ];
    case 'analyze':
      return [
        {
          type: 'complaint.analyzed',
          at,
          actor,
          data: {
            findings: 'Petugas meminta uang tambahan',
            substantiated: 'PARTLY',
            classification: '03',
            severity: 'HIGH',
            recommendation: 'Tindak lanjuti dengan tim',
          },
        },
      ];
    case 'decideFollowUp':
      return [
        { type: 'complaint.follow-up-decided', at, actor, data: { decision: 'FOLLOW_UP', reason: 'Perlu pemeriksaan' } },
      ];
    case 'formTeam':
      return [
        {
          type: 'complaint.team-formed',
          at,
          actor,
          data: {
            decreeNumber: 'SK-0002',
            members: [
              { nip: '198001012005011001', name: 'Budi Santoso', position: 'Kepala Seksi Lantaskim', role: 'KETUA', userId: 'u-ketua' },
              { nip: '199002022015022002', name: 'Siti Aminah', position: 'Analis Keimigrasian', role: 'SEKRETARIS' },
            ],
          },
        },
      ];
    case 'informReporter': {
      // The fixture's appeal upholds the team's answer.
      const outcome = status === 'TEAM_FORMED' || status === 'APPEAL_UPHELD' ? 'FOLLOWED_UP' : status === 'DISMISSED' ? 'DISMISSED' : 'NO_FOLLOW_UP';
      return [
        {
          type: 'complaint.reporter-informed',
          at,
          actor,
          data: { outcome, informationRef: 'INFO-7' },
        },
      ];
    }
    case 'recordNotificationFailure':
      return [
        {
          type: 'complaint.notification-failed',
          at,
          actor,
          data: { purpose: 'FOLLOW_UP_INFORMATION', channel: 'WHATSAPP', errorCode: 'WHATSAPP.131047' },
        },
      ];
    case 'recordDelivery':
      return [
        { type: 'complaint.information-delivered', at, actor, data: { channel: 'SMS', method: 'PROVIDER_RECEIPT', deliveredAt: hour(19) } },
        { type: 'complaint.closed', at, actor, data: { outcome: 'FOLLOWED_UP' } },
      ];
    case 'recordCallAttempt':
      return [{ type: 'complaint.call-attempted', at, actor, data: { retryAt: hour(22), purpose: 'FOLLOW_UP_INFORMATION' } }];
    case 'rate':
      return [{ type: 'complaint.rated', at, actor, data: { rating: 4, hasComment: false, withinAppealWindow: true } }];
    case 'appeal':
      return [{ type: 'complaint.appealed', at, actor, data: { trigger: 'REQUEST', hasReason: true } }];
    case 'reviewAppeal':
      return [{ type: 'complaint.appeal-reviewed', at, actor, data: { decision: 'UPHOLD', reason: 'Jawaban sudah sesuai ketentuan' } }];
    case 'erasePersonalData':
      return [{ type: 'complaint.personal-data-erased', at, actor, data: { reason: 'REQUEST' } }];
    case 'recordDataAccessRequest':
      return [{ type: 'complaint.data-access-requested', at, actor, data: { requestId: 'R-1', verifiedBy: 'IN_PERSON', dueAt: hour(92) } }];
    case 'recordDataAccessAnswer':
      return [{ type: 'complaint.data-access-answered', at, actor, data: { requestId: 'R-1', answeredAt: hour(20), late: false } }];
    case 'recordContactCorrection':
      return [{ type: 'complaint.contact-corrected', at, actor, data: { fields: ['phone', 'email'] } }];
    case 'recordContactRestriction':
      return [{ type: 'complaint.contact-restricted', at, actor, data: {} }];
  }
}

const legalCases = COMMAND_TYPES.flatMap((type) =>
  SOP_TABLE[type].by.flatMap((actorName) =>
    COMPLAINT_STATUSES.map((status) => ({ type, actorName, status, legal: SOP_TABLE[type].from.includes(status) })),
  ),
);

describe('every state × every command, by an actor the SOP allows', () => {
  it('covers every command type and every status', () => {
    expect(new Set(legalCases.map((c) => c.type)).size).toBe(COMMAND_TYPES.length);
    expect(new Set(legalCases.map((c) => c.status)).size).toBe(14);
  });

  it.each(legalCases.filter((c) => c.legal))('$actorName may $type a complaint in status $status', ({ type, actorName, status }) => {
    const actor = actors[actorName];
    given(HISTORY[status])
      .when(validCommand(type, actor))
      .then(expectedEvents(type, status, actor));
  });

  it.each(legalCases.filter((c) => !c.legal))(
    '$actorName may not $type a complaint in status $status: illegal transition',
    ({ type, actorName, status }) => {
      given(HISTORY[status])
        .when(validCommand(type, actors[actorName]))
        .thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { status, commandType: type });
    },
  );
});

/**
 * Admin Tikkim's call about an acknowledgement no channel could give (docs/adr/0051): the number
 * told by phone is `acknowledge` by Admin Tikkim, in any open status, once the acknowledgement
 * failed and until it was given or given up; before, it is not refused for the role but for the
 * state.
 */
const ACKNOWLEDGEMENT_CALL: { by: readonly ActorName[]; from: readonly ComplaintStatus[] } = { by: ['admin'], from: OPEN };
const ackFailed: SopEvent = {
  type: 'complaint.notification-failed',
  at: hour(19),
  actor: actors.notification,
  data: { purpose: 'ACKNOWLEDGEMENT', channel: 'WHATSAPP', errorCode: 'WHATSAPP.131026' },
};

describe('the acknowledgement told by phone, in every state (docs/adr/0051)', () => {
  const cases = COMPLAINT_STATUSES.flatMap((status) => ACKNOWLEDGEMENT_CALL.by.map((actorName) => ({ status, actorName })));

  it.each(cases.filter((c) => ACKNOWLEDGEMENT_CALL.from.includes(c.status)))('$actorName tells it in status $status once it failed, and not before', ({ status, actorName }) => {
    const actor = actors[actorName];
    given(HISTORY[status], ackFailed)
      .when(validCommand('acknowledge', actor))
      .then([{ type: 'complaint.acknowledged', at, actor, data: { trackingNumber: TRACKING_NUMBER } }]);
    given(HISTORY[status]).when(validCommand('acknowledge', actor)).thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { status });
  });

  it.each(cases.filter((c) => !ACKNOWLEDGEMENT_CALL.from.includes(c.status)))('$actorName may not tell it in status $status', ({ status, actorName }) => {
    given(HISTORY[status]).when(validCommand('acknowledge', actors[actorName])).thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { status });
  });
});

const forbiddenCases = COMMAND_TYPES.flatMap((type) =>
  ONE_ACTOR_PER_ROLE.filter((name) => !SOP_TABLE[type].by.includes(name) && !(type === 'acknowledge' && ACKNOWLEDGEMENT_CALL.by.includes(name))).map((actorName) => ({
    type,
    actorName,
  })),
);

describe('every command × every role the SOP does not allow', () => {
  it('leaves PELAPOR and AUDITOR no command at all', () => {
    for (const type of COMMAND_TYPES) {
      expect(forbiddenCases).toContainEqual({ type, actorName: 'pelapor' });
      expect(forbiddenCases).toContainEqual({ type, actorName: 'auditor' });
    }
  });

  it.each(forbiddenCases)('$actorName is refused $type in every state', ({ type, actorName }) => {
    for (const status of COMPLAINT_STATUSES) {
      given(HISTORY[status])
        .when(validCommand(type, actors[actorName]))
        .thenRefused('COMPLAINT.FORBIDDEN_ROLE', { status, commandType: type });
    }
  });
});
