/** How a complaint reached the office (the SOP's "media sosial dan nomor handphone/SMS", plus the other ways in). */
export const CHANNELS = [
  'WHATSAPP',
  'SMS',
  'PHONE',
  'WEB',
  'INSTAGRAM',
  'FACEBOOK',
  'TELEGRAM',
  'WALK_IN',
  'REGIONAL_OFFICE',
  /** SP4N-LAPOR! (no public API): Admin Tikkim enters it with its report number and posts the answer there (docs/adr/0055). */
  'LAPOR',
] as const;

/** A channel a complaint came in over (see {@link CHANNELS}). */
export type Channel = (typeof CHANNELS)[number];

/**
 * The channels a message to the reporter goes out over: every inbound channel plus `EMAIL`, the
 * last fallback (SOP.md: WhatsApp template → SMS → e-mail / phone call by an officer), although
 * complaints do not arrive by e-mail. `PHONE` is an officer's call, `WALK_IN` telling in person.
 */
export const OUTBOUND_CHANNELS = [...CHANNELS, 'EMAIL'] as const;

/**
 * Channels that allow a free-form reply only within a window after the reporter's last message
 * (SOP.md: WhatsApp's 24 h customer-service window; Messenger and Instagram likewise); after it,
 * only an approved template, or the fallback channel.
 */
export const REPLY_WINDOW_CHANNELS: readonly Channel[] = ['WHATSAPP', 'FACEBOOK', 'INSTAGRAM'];

/** How long after the reporter's last message a free-form reply may go out on {@link REPLY_WINDOW_CHANNELS}. */
export const REPLY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A channel a message to the reporter went out (or failed to go out) over (see {@link OUTBOUND_CHANNELS}). */
export type OutboundChannel = (typeof OUTBOUND_CHANNELS)[number];

/**
 * The channels a written message to the reporter goes out over: the providers' (WhatsApp, SMS,
 * Telegram, Messenger, Instagram) and e-mail. The other outbound channels carry no text of ours:
 * an officer answers `PHONE` and `WALK_IN`, and `WEB` and `REGIONAL_OFFICE` are answered over the
 * fallbacks. An office words its messages per channel (docs/adr/0050).
 */
export const MESSAGE_CHANNELS = ['WHATSAPP', 'SMS', 'TELEGRAM', 'FACEBOOK', 'INSTAGRAM', 'EMAIL'] as const satisfies readonly OutboundChannel[];

/** See {@link MESSAGE_CHANNELS}. */
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/**
 * How it is known that follow-up information reached the reporter (step 8); the channel it
 * went over is recorded beside it: a provider's delivery or read receipt, an officer who told
 * the reporter by phone call or in person, the reporter's reply, a delivered letter, or an
 * officer who posted it on SP4N-LAPOR! (`LAPOR_POSTED`, channel `LAPOR` only: docs/adr/0055).
 */
export const DELIVERY_METHODS = ['PROVIDER_RECEIPT', 'PHONE_CALL', 'IN_PERSON', 'REPORTER_REPLY', 'LETTER', 'LAPOR_POSTED'] as const;

/** How a delivery to the reporter is known (see {@link DELIVERY_METHODS}). */
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/**
 * The status messages (docs/adr/0054): the complainant is told, on their own channel, that the
 * complaint was confirmed (step 2), dispositioned (step 3) and its follow-up decided (step 5).
 * Courtesy notices outside the SOP: no step waits on them, none becomes a call task. The rating
 * request after a closing (docs/adr/0053) follows the same path and rules, with its own switch.
 */
const STATUS_MESSAGE_PURPOSES_LIST = ['STATUS_CONFIRMED', 'STATUS_DISPOSED', 'STATUS_DECIDED', 'RATING_REQUEST'] as const;

/**
 * What a message to the reporter was for: the acknowledgement with the tracking number (any
 * time the complaint is open), the follow-up information of steps 7-8, or the notice that a
 * message was dismissed (step 7 of a dismissal).
 */
export const NOTIFICATION_PURPOSES = ['ACKNOWLEDGEMENT', 'FOLLOW_UP_INFORMATION', 'DISMISSAL_NOTICE', ...STATUS_MESSAGE_PURPOSES_LIST] as const;

/** See {@link NOTIFICATION_PURPOSES}. */
export type NotificationPurpose = (typeof NOTIFICATION_PURPOSES)[number];

/** The status messages, each of which an office may turn off (docs/adr/0054). */
export const STATUS_MESSAGE_PURPOSES: readonly StatusMessagePurpose[] = STATUS_MESSAGE_PURPOSES_LIST;

/** See {@link STATUS_MESSAGE_PURPOSES}. */
export type StatusMessagePurpose = (typeof STATUS_MESSAGE_PURPOSES_LIST)[number];

/** Whether a message is a status message (docs/adr/0054). */
export function isStatusMessagePurpose(purpose: string): purpose is StatusMessagePurpose {
  return (STATUS_MESSAGE_PURPOSES_LIST as readonly string[]).includes(purpose);
}

/** A complaint classification of Permen PAN 5/2009 with its Indonesian and English label. */
export interface ComplaintClassification {
  /** The regulation's two-digit problem code. */
  readonly code: ClassificationCode;
  readonly nameId: string;
  readonly nameEn: string;
}

/** Permen PAN 5/2009 problem codes, `'01'` to `'10'`. */
export type ClassificationCode = '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '10';

/** The complaint classifications of Permen PAN 5/2009 (Pedoman Umum Penanganan Pengaduan Masyarakat), in code order. */
export const COMPLAINT_CLASSIFICATIONS: readonly ComplaintClassification[] = [
  { code: '01', nameId: 'Penyalahgunaan wewenang', nameEn: 'Abuse of authority' },
  { code: '02', nameId: 'Pelayanan masyarakat', nameEn: 'Public service' },
  { code: '03', nameId: 'Korupsi/pungli', nameEn: 'Corruption / illegal levies' },
  { code: '04', nameId: 'Kepegawaian/ketenagakerjaan', nameEn: 'Personnel / employment' },
  { code: '05', nameId: 'Pertanahan/perumahan', nameEn: 'Land / housing' },
  { code: '06', nameId: 'Hukum/peradilan dan HAM', nameEn: 'Law / justice and human rights' },
  { code: '07', nameId: 'Kewaspadaan nasional', nameEn: 'National vigilance' },
  { code: '08', nameId: 'Tatalaksana/regulasi', nameEn: 'Procedures / regulation' },
  { code: '09', nameId: 'Lingkungan hidup', nameEn: 'Environment' },
  { code: '10', nameId: 'Umum', nameEn: 'General' },
];

/** Whether `value` is a Permen PAN 5/2009 classification code. */
export function isClassificationCode(value: unknown): value is ClassificationCode {
  return COMPLAINT_CLASSIFICATIONS.some((c) => c.code === value);
}

/**
 * Why step 2 ends a message without it becoming a complaint (added to the SOP, see SOP.md):
 * `DUPLICATE` needs the original complaint's id, `NOT_OUR_AUTHORITY` the office or agency the
 * matter belongs to.
 */
export const DISMISSAL_REASONS = ['SPAM', 'DUPLICATE', 'NOT_A_COMPLAINT', 'NOT_OUR_AUTHORITY'] as const;

/** A reason to dismiss (see {@link DISMISSAL_REASONS}). */
export type DismissalReason = (typeof DISMISSAL_REASONS)[number];

/** A recorded dismissal: the reason with the data that reason needs. */
export type Dismissal =
  | { readonly reason: 'SPAM' }
  | { readonly reason: 'DUPLICATE'; /** The complaint this one repeats. */ readonly originalComplaintId: string }
  | { readonly reason: 'NOT_A_COMPLAINT' }
  | {
      readonly reason: 'NOT_OUR_AUTHORITY';
      /** The office or agency the matter belongs to (free text, e.g. `Kanim Batam`, `Bea Cukai`). */
      readonly belongsTo: string;
    };

/** The standard instructions on a disposition sheet (Lembar Disposisi). */
export const DISPOSITION_INSTRUCTIONS = [
  'TINDAK_LANJUTI',
  'PELAJARI_DAN_LAPORKAN',
  'KOORDINASIKAN',
  'UNTUK_DIKETAHUI',
] as const;

/** A standard disposition instruction (see {@link DISPOSITION_INSTRUCTIONS}). */
export type DispositionInstruction = (typeof DISPOSITION_INSTRUCTIONS)[number];

/** One line of a disposition sheet: a section and what the head of office tells it to do. */
export interface DispositionEntry {
  /** The section's code in the office's section list (data per office). */
  readonly sectionCode: string;
  /** At least one, no repeats. */
  readonly instructions: readonly DispositionInstruction[];
  readonly note?: string;
}

/** The disposition sheet (Lembar Disposisi), the output of step 3. */
export interface DispositionSheet {
  /** At least one entry, each section at most once. */
  readonly entries: readonly DispositionEntry[];
}

/** Whether the analysis found the complaint to be substantiated. */
export const SUBSTANTIATION_LEVELS = ['YES', 'PARTLY', 'NO'] as const;
/** See {@link SUBSTANTIATION_LEVELS}. */
export type Substantiation = (typeof SUBSTANTIATION_LEVELS)[number];

/** The severity the analysis assigns. */
export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
/** See {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

/** The two branches of step 5 (Keputusan Tindak Lanjut). */
export const FOLLOW_UP_DECISIONS = ['FOLLOW_UP', 'NO_FOLLOW_UP'] as const;
/** See {@link FOLLOW_UP_DECISIONS}. */
export type FollowUpDecision = (typeof FOLLOW_UP_DECISIONS)[number];

/** A member's position in the team decree (SK Tim Penanganan Aduan). */
export const TEAM_MEMBER_ROLES = ['KETUA', 'SEKRETARIS', 'ANGGOTA'] as const;
/** See {@link TEAM_MEMBER_ROLES}. */
export type TeamMemberRole = (typeof TEAM_MEMBER_ROLES)[number];

/**
 * An officer named in the team decree. The decree names officers by NIP (a member need not
 * have a platform account); officers' names and positions are public in the decree.
 */
export interface TeamMember {
  /** The officer's civil-servant number (NIP, 18 digits); no officer twice in a team. */
  readonly nip: string;
  /** The officer's full name as written in the decree. */
  readonly name: string;
  /** The officer's position (jabatan), e.g. `Kepala Seksi Inteldakim`. */
  readonly position: string;
  /** Exactly one member of a team is `KETUA`. */
  readonly role: TeamMemberRole;
  /** The officer's user id in the platform, when they have one. */
  readonly userId?: string;
}

/**
 * What the reporter is told about (the branch the complaint took): it was dismissed at step 2,
 * step 5 decided no follow-up, or a team was formed at step 6.
 */
export const COMPLAINT_OUTCOMES = ['DISMISSED', 'NO_FOLLOW_UP', 'FOLLOWED_UP'] as const;
/** See {@link COMPLAINT_OUTCOMES}. */
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** The lowest and highest rating a reporter may give the handling of a closed complaint (docs/adr/0053). */
export const RATING_MIN = 1;
/** See {@link RATING_MIN}. */
export const RATING_MAX = 5;

/** A rating at or below this opens an appeal when given within the office's appeal window (docs/adr/0053). */
export const POOR_RATING_MAX = 2;

/** How many days after closing a reporter may appeal, unless the office sets its own (docs/adr/0053). */
export const DEFAULT_APPEAL_WINDOW_DAYS = 14;
/** The longest appeal window an office may set, in days (the shortest is 0: no appeal after closing). */
export const APPEAL_WINDOW_MAX_DAYS = 365;

/**
 * Why a complainant's personal data was erased (docs/adr/0057): their own request (UU 27/2022
 * Art. 8), or the end of the office's retention period (Art. 43-44).
 */
export const ERASURE_REASONS = ['REQUEST', 'RETENTION'] as const;
/** See {@link ERASURE_REASONS}. */
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/**
 * The kinds of record an office keeps for its own period (docs/adr/0057): a closed complaint's
 * contact, messages and attachments, and a message dismissed as no complaint (spam, not a complaint).
 */
export const RETENTION_KINDS = ['CLOSED_COMPLAINT', 'DISMISSED_MESSAGE'] as const;
/** See {@link RETENTION_KINDS}. */
export type RetentionKind = (typeof RETENTION_KINDS)[number];
/** The shortest retention period an office may set, in days. */
export const RETENTION_MIN_DAYS = 30;
/** The longest retention period an office may set, in days (ten years). */
export const RETENTION_MAX_DAYS = 3650;

/** How Admin Tikkim verified the person behind an access request (docs/adr/0056). */
export const DATA_ACCESS_VERIFICATIONS = ['IN_PERSON', 'CHANNEL'] as const;
/** See {@link DATA_ACCESS_VERIFICATIONS}. */
export type DataAccessVerification = (typeof DATA_ACCESS_VERIFICATIONS)[number];

/** The fields of a complainant's contact, by name: what a correction names, never their values (docs/adr/0056). */
export const CONTACT_FIELD_NAMES = ['name', 'phone', 'email', 'handle'] as const;
/** See {@link CONTACT_FIELD_NAMES}. */
export type ContactFieldName = (typeof CONTACT_FIELD_NAMES)[number];

/** What opened an appeal: a poor rating within the window, or the reporter's explicit request. */
export const APPEAL_TRIGGERS = ['POOR_RATING', 'REQUEST'] as const;
/** See {@link APPEAL_TRIGGERS}. */
export type AppealTrigger = (typeof APPEAL_TRIGGERS)[number];

/**
 * The head of office's review of an appeal (docs/adr/0053): a new disposition (step 3 again), a
 * new analysis (step 4 again), or the answer upheld with a reason (the reporter is told again,
 * steps 7-8).
 */
export const APPEAL_DECISIONS = ['REDISPOSE', 'REANALYZE', 'UPHOLD'] as const;
/** See {@link APPEAL_DECISIONS}. */
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];
