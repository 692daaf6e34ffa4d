// Test support: actors, event histories reaching every status, one valid command of each
// type, and the given(events).when(command).then(events) helper. The histories are written
// out as literal events (not produced by decide) so the tests compare decide with the SOP,
// not with itself.
import type { Actor, CommandType, ComplaintStatus, Decision, SopCommand, SopError, SopEvent } from '../../index';
import { decide, replay } from '../../index';

const T0 = Date.UTC(2025, 2, 3, 1, 0, 0); // Monday 3 March 2025, 08:00 WIB

/** ISO-8601 UTC time `h` hours after the first event of the fixture complaint. */
export function hour(h: number): string {
  return new Date(T0 + h * 3_600_000).toISOString();
}

/** The `now` every `when` uses unless told otherwise: after every fixture event. */
export const NOW = new Date(hour(20));

export const actors = {
  pelapor: { kind: 'user', userId: 'u-pelapor', role: 'PELAPOR' },
  admin: { kind: 'user', userId: 'u-admin', role: 'ADMIN_TIKKIM' },
  kepalaKantor: { kind: 'user', userId: 'u-kakan', role: 'KEPALA_KANTOR' },
  lantaskim: { kind: 'user', userId: 'u-lantaskim', role: 'SEKSI_TERKAIT', sectionCode: 'LANTASKIM' },
  inteldakim: { kind: 'user', userId: 'u-inteldakim', role: 'SEKSI_TERKAIT', sectionCode: 'INTELDAKIM' },
  tataUsaha: { kind: 'user', userId: 'u-tu', role: 'SEKSI_TERKAIT', sectionCode: 'TU' },
  kepalaSeksiTi: { kind: 'user', userId: 'u-kasi-ti', role: 'KEPALA_SEKSI_TI' },
  tim: { kind: 'user', userId: 'u-tim', role: 'TIM_PENANGANAN' },
  auditor: { kind: 'user', userId: 'u-auditor', role: 'AUDITOR' },
  intake: { kind: 'system', service: 'intake' },
  notification: { kind: 'system', service: 'notification' },
} as const satisfies Record<string, Actor>;

export type ActorName = keyof typeof actors;

/** One actor per role (the section officer of LANTASKIM for SEKSI_TERKAIT), plus a system actor. */
export const ONE_ACTOR_PER_ROLE: readonly ActorName[] = [
  'pelapor',
  'admin',
  'kepalaKantor',
  'lantaskim',
  'kepalaSeksiTi',
  'tim',
  'auditor',
  'intake',
];

export const COMPLAINT_ID = 'C-2025-0001';
export const TRACKING_NUMBER = 'ADU-BLP-0001';

// --- the fixture complaint's events, step by step -------------------------------------------

export const received: SopEvent = {
  type: 'complaint.received',
  at: hour(0),
  actor: actors.intake,
  data: {
    complaintId: COMPLAINT_ID,
    officeCode: 'KANIM-BLP',
    trackingNumber: TRACKING_NUMBER,
    channel: 'WHATSAPP',
    anonymous: false,
    confidential: false,
  },
};

export const confirmed: SopEvent = {
  type: 'complaint.confirmed',
  at: hour(1),
  actor: actors.admin,
  data: { classification: '02', summary: 'Antrean paspor melebihi jam layanan', anonymous: false, confidential: true },
};

export const dismissedAsSpam: SopEvent = {
  type: 'complaint.dismissed',
  at: hour(1),
  actor: actors.admin,
  data: { dismissal: { reason: 'SPAM' }, note: 'Promosi judi daring' },
};

export const disposedToTwoSections: SopEvent = {
  type: 'complaint.disposed',
  at: hour(2),
  actor: actors.kepalaKantor,
  data: {
    sheet: {
      entries: [
        { sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI'] },
        { sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN', 'KOORDINASIKAN'], note: 'Segera' },
      ],
    },
  },
};

export const lantaskimResponded: SopEvent = {
  type: 'complaint.section-responded',
  at: hour(3),
  actor: actors.lantaskim,
  data: { sectionCode: 'LANTASKIM', response: 'Loket tambahan dibuka' },
};

export const inteldakimResponded: SopEvent = {
  type: 'complaint.section-responded',
  at: hour(4),
  actor: actors.inteldakim,
  data: { sectionCode: 'INTELDAKIM', response: 'Tidak ada temuan' },
};

export const dispositionCompleted: SopEvent = {
  type: 'complaint.disposition-completed',
  at: hour(4),
  actor: actors.inteldakim,
  data: { sectionCodes: ['LANTASKIM', 'INTELDAKIM'] },
};

export const analyzed: SopEvent = {
  type: 'complaint.analyzed',
  at: hour(5),
  actor: actors.admin,
  data: {
    findings: 'Antrean terjadi karena satu loket rusak',
    substantiated: 'YES',
    classification: '02',
    severity: 'MEDIUM',
    recommendation: 'Bentuk tim untuk memperbaiki alur antrean',
  },
};

export const decidedFollowUp: SopEvent = {
  type: 'complaint.follow-up-decided',
  at: hour(6),
  actor: actors.kepalaSeksiTi,
  data: { decision: 'FOLLOW_UP', reason: 'Aduan terbukti' },
};

export const decidedNoFollowUp: SopEvent = {
  type: 'complaint.follow-up-decided',
  at: hour(6),
  actor: actors.kepalaSeksiTi,
  data: { decision: 'NO_FOLLOW_UP', reason: 'Sudah diselesaikan oleh seksi' },
};

export const teamFormed: SopEvent = {
  type: 'complaint.team-formed',
  at: hour(7),
  actor: actors.kepalaKantor,
  data: {
    decreeNumber: 'W4.IMI.IMI.6-UM.01.01-0001',
    members: [
      { nip: '198001012005011001', name: 'Budi Santoso', position: 'Kepala Seksi Lantaskim', role: 'KETUA', userId: 'u-ketua' },
      { nip: '199002022015022002', name: 'Siti Aminah', position: 'Analis Keimigrasian', role: 'ANGGOTA' },
    ],
  },
};

export function reporterInformed(outcome: 'FOLLOWED_UP' | 'NO_FOLLOW_UP' | 'DISMISSED', at = hour(8)): SopEvent {
  return { type: 'complaint.reporter-informed', at, actor: actors.admin, data: { outcome, informationRef: 'INFO-1' } };
}

export function delivered(at = hour(9)): SopEvent {
  return {
    type: 'complaint.information-delivered',
    at,
    actor: actors.notification,
    data: { channel: 'WHATSAPP', method: 'PROVIDER_RECEIPT', deliveredAt: at },
  };
}

export function closed(outcome: 'FOLLOWED_UP' | 'NO_FOLLOW_UP' | 'DISMISSED', at = hour(9)): SopEvent {
  return { type: 'complaint.closed', at, actor: actors.notification, data: { outcome } };
}

// --- histories reaching every status ---------------------------------------------------------

const toSectionProcessed = [
  received,
  confirmed,
  disposedToTwoSections,
  lantaskimResponded,
  inteldakimResponded,
  dispositionCompleted,
];
const toTeamFormed = [...toSectionProcessed, analyzed, decidedFollowUp, teamFormed];
const toClosed = [...toTeamFormed, reporterInformed('FOLLOWED_UP'), delivered(), closed('FOLLOWED_UP')];

/** The reporter rates the closed complaint through intake (docs/adr/0053). */
export function rated(rating: number, at = hour(10), withinAppealWindow = true): SopEvent {
  return { type: 'complaint.rated', at, actor: actors.intake, data: { rating, hasComment: true, withinAppealWindow } };
}

/** An appeal opened by a poor rating (in the rating's decision) or by the reporter's request (docs/adr/0053). */
export function appealed(trigger: 'POOR_RATING' | 'REQUEST' = 'POOR_RATING', at = hour(10)): SopEvent {
  return { type: 'complaint.appealed', at, actor: actors.intake, data: { trigger, hasReason: true } };
}

/** The head of office's review of the appeal (docs/adr/0053). */
export function appealReviewed(decision: 'REDISPOSE' | 'REANALYZE' | 'UPHOLD', at = hour(11)): SopEvent {
  return {
    type: 'complaint.appeal-reviewed',
    at,
    actor: actors.kepalaKantor,
    data: { decision, ...(decision === 'UPHOLD' ? { reason: 'Jawaban sudah sesuai ketentuan' } : {}) },
  };
}

/** A history that leaves the fixture complaint in each status (REPORTER_INFORMED and CLOSED via the team). */
export const HISTORY: { readonly [S in ComplaintStatus]: readonly SopEvent[] } = {
  NEW: [],
  RECEIVED: [received],
  CONFIRMED: [received, confirmed],
  DISMISSED: [received, dismissedAsSpam],
  DISPOSED: [received, confirmed, disposedToTwoSections],
  SECTION_PROCESSED: toSectionProcessed,
  ANALYZED: [...toSectionProcessed, analyzed],
  FOLLOW_UP_DECIDED: [...toSectionProcessed, analyzed, decidedFollowUp],
  NO_FOLLOW_UP_DECIDED: [...toSectionProcessed, analyzed, decidedNoFollowUp],
  TEAM_FORMED: toTeamFormed,
  REPORTER_INFORMED: [...toTeamFormed, reporterInformed('FOLLOWED_UP')],
  CLOSED: toClosed,
  APPEALED: [...toClosed, rated(1), appealed()],
  APPEAL_UPHELD: [...toClosed, rated(1), appealed(), appealReviewed('UPHOLD')],
};

/** A call that did not reach the reporter, to try again two hours later (docs/adr/0044). */
export function callAttempted(at = hour(9)): SopEvent {
  return { type: 'complaint.call-attempted', at, actor: actors.admin, data: { retryAt: new Date(Date.parse(at) + 2 * 3_600_000).toISOString() } };
}

/** Admin Tikkim gives up reaching the reporter (docs/adr/0044); `closed` follows in the same decision. */
export function deliveryAbandoned(at = hour(10)): SopEvent {
  return { type: 'complaint.delivery-abandoned', at, actor: actors.admin, data: { reason: 'Nomor tidak aktif setelah tiga kali dihubungi' } };
}

/** No channel could give the acknowledgement (its own channel refused it); a call task for Admin Tikkim (docs/adr/0051). */
export function acknowledgementFailed(at = hour(0)): SopEvent {
  return {
    type: 'complaint.notification-failed',
    at,
    actor: actors.notification,
    data: { purpose: 'ACKNOWLEDGEMENT', channel: 'WHATSAPP', errorCode: 'WHATSAPP.131026' },
  };
}

/** Admin Tikkim gave the tracking number on the phone after its channel failed (docs/adr/0051). */
export function acknowledgedByPhone(at = hour(1)): SopEvent {
  return { type: 'complaint.acknowledged', at, actor: actors.admin, data: { trackingNumber: TRACKING_NUMBER } };
}

/** A call about the acknowledgement that did not reach the reporter, to try again two hours later (docs/adr/0051). */
export function acknowledgementCallAttempted(at = hour(1)): SopEvent {
  return {
    type: 'complaint.call-attempted',
    at,
    actor: actors.admin,
    data: { retryAt: new Date(Date.parse(at) + 2 * 3_600_000).toISOString(), purpose: 'ACKNOWLEDGEMENT' },
  };
}

/** Admin Tikkim gives up the acknowledgement alone (docs/adr/0051): nothing follows in the decision. */
export function acknowledgementAbandoned(at = hour(1)): SopEvent {
  return { type: 'complaint.delivery-abandoned', at, actor: actors.admin, data: { reason: 'Nomor tidak aktif', purpose: 'ACKNOWLEDGEMENT' } };
}

/** The follow-up path that ends with Admin Tikkim giving up after a call that did not reach the reporter. */
export const ABANDONED_PATH: readonly SopEvent[] = [
  ...HISTORY.REPORTER_INFORMED,
  callAttempted(),
  deliveryAbandoned(),
  { type: 'complaint.closed', at: hour(10), actor: actors.admin, data: { outcome: 'FOLLOWED_UP' } },
];

/** The full no-follow-up path, to CLOSED. */
export const NO_FOLLOW_UP_PATH: readonly SopEvent[] = [
  ...HISTORY.NO_FOLLOW_UP_DECIDED,
  reporterInformed('NO_FOLLOW_UP'),
  delivered(),
  closed('NO_FOLLOW_UP'),
];

/** The full dismissal path, to CLOSED. */
export const DISMISSAL_PATH: readonly SopEvent[] = [
  ...HISTORY.DISMISSED,
  reporterInformed('DISMISSED', hour(2)),
  delivered(hour(3)),
  closed('DISMISSED', hour(3)),
];

// --- one valid command of each type ----------------------------------------------------------

/** A valid command of each type, fired by `actor` (by default one the SOP allows). */
export function validCommand(type: CommandType, actor?: Actor): SopCommand {
  switch (type) {
    case 'receive':
      return {
        type,
        actor: actor ?? actors.intake,
        complaintId: COMPLAINT_ID,
        officeCode: 'KANIM-BLP',
        trackingNumber: TRACKING_NUMBER,
        channel: 'WHATSAPP',
        anonymous: false,
        confidential: false,
      };
    case 'appendMessage':
      return { type, actor: actor ?? actors.intake, messageId: 'M-2' };
    case 'acknowledge':
      return { type, actor: actor ?? actors.notification };
    case 'confirm':
      return {
        type,
        actor: actor ?? actors.admin,
        classification: '03',
        summary: 'Dugaan pungli di loket paspor',
        anonymous: true,
        confidential: true,
      };
    case 'dismiss':
      return {
        type,
        actor: actor ?? actors.admin,
        reason: 'DUPLICATE',
        originalComplaintId: 'C-2025-0000',
        note: 'Pesan yang sama dikirim dua kali',
      };
    case 'dispose':
      return {
        type,
        actor: actor ?? actors.kepalaKantor,
        sheet: { entries: [{ sectionCode: 'TU', instructions: ['UNTUK_DIKETAHUI'] }] },
      };
    case 'respondAsSection':
      return { type, actor: actor ?? actors.lantaskim, sectionCode: 'LANTASKIM', response: 'Sudah ditangani' };
    case 'analyze':
      return {
        type,
        actor: actor ?? actors.admin,
        findings: 'Petugas meminta uang tambahan',
        substantiated: 'PARTLY',
        classification: '03',
        severity: 'HIGH',
        recommendation: 'Tindak lanjuti dengan tim',
      };
    case 'decideFollowUp':
      return { type, actor: actor ?? actors.kepalaSeksiTi, decision: 'FOLLOW_UP', reason: 'Perlu pemeriksaan' };
    case 'formTeam':
      return {
        type,
        actor: actor ?? actors.kepalaKantor,
        decreeNumber: 'SK-0002',
        members: [
          { nip: '198001012005011001', name: 'Budi Santoso', position: 'Kepala Seksi Lantaskim', role: 'KETUA', userId: 'u-ketua' },
          { nip: '199002022015022002', name: 'Siti Aminah', position: 'Analis Keimigrasian', role: 'SEKRETARIS' },
        ],
      };
    case 'informReporter':
      return { type, actor: actor ?? actors.admin, informationRef: 'INFO-7' };
    case 'recordNotificationFailure':
      return {
        type,
        actor: actor ?? actors.notification,
        purpose: 'FOLLOW_UP_INFORMATION',
        channel: 'WHATSAPP',
        errorCode: 'WHATSAPP.131047',
      };
    case 'recordDelivery':
      return { type, actor: actor ?? actors.notification, channel: 'SMS', method: 'PROVIDER_RECEIPT', deliveredAt: hour(19) };
    case 'recordCallAttempt':
      return { type, actor: actor ?? actors.admin, outcome: 'NOT_REACHABLE', retryAt: hour(22) };
    case 'rate':
      return { type, actor: actor ?? actors.intake, rating: 4, hasComment: false, appealWindowDays: 14 };
    case 'appeal':
      return { type, actor: actor ?? actors.intake, hasReason: true, appealWindowDays: 14 };
    case 'reviewAppeal':
      return { type, actor: actor ?? actors.kepalaKantor, decision: 'UPHOLD', reason: 'Jawaban sudah sesuai ketentuan' };
    case 'erasePersonalData':
      return { type, actor: actor ?? actors.admin, reason: 'REQUEST' };
    case 'recordDataAccessRequest':
      return { type, actor: actor ?? actors.admin, requestId: 'R-1', verifiedBy: 'IN_PERSON', dueAt: hour(92) };
    case 'recordDataAccessAnswer':
      return { type, actor: actor ?? actors.admin, requestId: 'R-1', dueAt: hour(92), answeredAt: hour(20) };
    case 'recordContactCorrection':
      return { type, actor: actor ?? actors.admin, fields: ['phone', 'email'] };
    case 'recordContactRestriction':
      return { type, actor: actor ?? actors.admin, restricted: true };
  }
}

// --- given / when / then ---------------------------------------------------------------------

export interface WhenResult {
  readonly decision: Decision;
  /** Asserts the command was accepted with exactly these events. */
  then(expected: readonly SopEvent[]): void;
  /** Asserts the command was refused with this code and the complaint's current status (plus any other fields given). */
  thenRefused(code: SopError['code'], fields?: Partial<SopError>): void;
}

/** `given(history).when(command).then(events)`: the history is replayed, then the command decided at `now`. */
export function given(...history: readonly (SopEvent | readonly SopEvent[])[]) {
  const events = history.flatMap((e): readonly SopEvent[] => (Array.isArray(e) ? e : [e as SopEvent]));
  return {
    when(command: SopCommand, now: Date = NOW): WhenResult {
      const state = replay(events);
      const decision = decide(command, state, now);
      return {
        decision,
        then(expected) {
          expect(decision).toStrictEqual({ ok: true, events: expected });
        },
        thenRefused(code, fields = {}) {
          expect(decision.ok).toBe(false);
          expect(decision).toMatchObject({ ok: false, error: { code, status: state.status, ...fields } });
        },
      };
    },
  };
}

/** Freezes an object graph so that any mutation throws (tests run in strict mode). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
