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
 * the reporter by phone call or in person, the reporter's reply, or a delivered letter.
 */
export const DELIVERY_METHODS = ['PROVIDER_RECEIPT', 'PHONE_CALL', 'IN_PERSON', 'REPORTER_REPLY', 'LETTER'] as const;

/** How a delivery to the reporter is known (see {@link DELIVERY_METHODS}). */
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/**
 * What a message to the reporter was for: the acknowledgement with the tracking number (any
 * time the complaint is open), the follow-up information of steps 7-8, or the notice that a
 * message was dismissed (step 7 of a dismissal).
 */
export const NOTIFICATION_PURPOSES = ['ACKNOWLEDGEMENT', 'FOLLOW_UP_INFORMATION', 'DISMISSAL_NOTICE'] as const;

/** See {@link NOTIFICATION_PURPOSES}. */
export type NotificationPurpose = (typeof NOTIFICATION_PURPOSES)[number];

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
