/**
 * The one definition of each field's limit or pattern that more than one place checks: the
 * gateway's REST DTOs (class-validator decorators read it), the services' gRPC handlers, the
 * public gRPC API, libs/sop's `decide` and the web app's forms. A unit test of the gateway walks
 * the DTOs' metadata and the services' sources and fails on a copy or a disagreement.
 *
 * Where copies had drifted apart, the value kept is the one the platform can carry end to end
 * (docs/adr/0038-one-vocabulary.md): every column is `text`, so the binding limits are the
 * channels' (a WhatsApp text holds 4,096 characters) and what each owning service accepted.
 */

/** A text field of `minLength` to `maxLength` characters (a blank text is refused on its own). */
export interface TextRule {
  readonly minLength: number;
  readonly maxLength: number;
  /** What the text is, in English, for messages and the OpenAPI description. */
  readonly description: string;
}

/** A field that must match `pattern`. */
export interface PatternRule {
  readonly pattern: RegExp;
  /** Ends a sentence "… must be …": `an office code of 2-6 capital letters`. */
  readonly description: string;
  readonly example: string;
}

/** A list of at least `minItems` and at most `maxItems`. */
export interface ListRule {
  readonly minItems: number;
  readonly maxItems: number;
  readonly description: string;
}

/** One printed line (a letterhead's): a text of `minLength` to `maxLength` characters that matches `pattern` (no control characters, no line breaks). */
export interface LineRule extends TextRule {
  readonly pattern: RegExp;
}

/** A list of printed lines, each as a {@link LineRule}. */
export interface LineListRule extends ListRule, LineRule {}

/** A line with something in it and nothing that breaks it: no control character, no line or paragraph separator. */
const PRINTED_LINE = /^(?=.*\S)[^\p{Cc}\u2028\u2029]*$/u;

const NOTE_MAX = 2_000;

export const FIELD_RULES = {
  // Codes and numbers
  officeCode: { pattern: /^[A-Z]{2,6}$/, description: 'an office code of 2-6 capital letters', example: 'BLP' },
  /** 2-32 characters: the gateway's accounts store an officer's section with this pattern, so a longer code could never be responded for. */
  sectionCode: { pattern: /^[A-Z][A-Z0-9_]{1,31}$/, description: 'a section code of 2-32 capital letters, digits and _, starting with a letter', example: 'INTELDAKIM' },
  trackingNumber: { pattern: /^[A-Z]{2,6}-\d{4}-\d{6,}$/, description: 'a tracking number such as BLP-2026-000123', example: 'BLP-2026-000123' },
  /** A complaint's report number on SP4N-LAPOR! (channel `LAPOR`, unique per office: docs/adr/0055). */
  laporReportNumber: { pattern: /^\d{7,12}$/, description: 'a LAPOR! report number of 7-12 digits', example: '6123456' },
  nip: { pattern: /^\d{18}$/, description: 'the 18 digits of a NIP (civil-servant number)', example: '198503122010121002' },
  reporterPhone: { pattern: /^\+?[0-9 ()-]{6,20}$/, description: 'a phone number (digits, spaces, ()-, an optional leading +)', example: '+6281234567890' },
  reporterEmail: { pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, description: 'an e-mail address', example: 'siti@example.id' },
  /** A command's request id (REST: the Idempotency-Key, hashed with the officer's id). */
  requestId: { minLength: 1, maxLength: 200, description: 'request id' },
  /** An officer's words to search the office's complaints by (docs/adr/0045): the gateway's `q` and intake's text search. */
  searchWords: { minLength: 1, maxLength: 200, description: 'search words' },

  // What the reporter wrote
  /** A complaint's text and each later message of the reporter. */
  reporterText: { minLength: 1, maxLength: 20_000, description: 'the reporter’s text' },
  reporterName: { minLength: 1, maxLength: 200, description: 'the reporter’s name' },
  reporterHandle: { minLength: 1, maxLength: 200, description: 'the reporter’s handle on a channel' },

  // What officers write at each step
  /** Step 2. 4,000, intake's: the summary is the complaint's "perihal", which the team decree sets inline in a sentence. */
  summary: { minLength: 1, maxLength: 4_000, description: 'summary' },
  belongsTo: { minLength: 1, maxLength: 200, description: 'the office or agency the matter belongs to' },
  /** A note on a dismissal, a disposition (sheet or line) or a delivery. */
  note: { minLength: 1, maxLength: NOTE_MAX, description: 'note' },
  /** A transfer's note: intake adds the transfer's own words (at most 100 characters) to make the dismissal's note. */
  transferNote: { minLength: 1, maxLength: NOTE_MAX - 100, description: 'transfer note' },
  /** An internal note of the office's officers on a complaint (the gateway's, never the complainant's: docs/adr/0046). */
  internalNote: { minLength: 1, maxLength: 4_000, description: 'internal note' },
  dispositionLines: { minItems: 1, maxItems: 30, description: 'sections on the disposition sheet' },
  /** Step 3. 10,000, the gateway's: the longer 20,000 disposition took was never reachable over REST. */
  sectionResponse: { minLength: 1, maxLength: 10_000, description: 'section response' },
  /** Step 4: findings and recommendation. */
  analysisText: { minLength: 1, maxLength: 10_000, description: 'analysis text' },
  /** Step 5. 5,000, analysis's: the decision's reason may be told to the reporter. */
  followUpReason: { minLength: 1, maxLength: 5_000, description: 'reason of the follow-up decision' },
  teamMembers: { minItems: 1, maxItems: 50, description: 'members of the team' },
  /** A team member's name and position, as printed in the decree; also an officer's display name. */
  officerName: { minLength: 1, maxLength: 200, description: 'officer’s name' },
  officerPosition: { minLength: 1, maxLength: 200, description: 'officer’s position' },
  /** Step 6. */
  mandate: { minLength: 1, maxLength: 10_000, description: 'mandate of the team' },
  /** Step 7. 4,000, notification's: it is sent as one WhatsApp text (4,096 at most) with its heading. */
  followUpInformation: { minLength: 1, maxLength: 4_000, description: 'follow-up information' },
  /** Step 8: why Admin Tikkim gives up reaching a reporter no channel could reach (docs/adr/0044). */
  callGiveUpReason: { minLength: 1, maxLength: NOTE_MAX, description: 'reason to stop trying to reach the reporter' },
  /** The reporter's comment with a rating, and their reason for an appeal (docs/adr/0053): kept by intake, screened for contact data. */
  ratingComment: { minLength: 1, maxLength: 2_000, description: 'comment with the rating' },
  appealReason: { minLength: 1, maxLength: 2_000, description: 'reason of the appeal' },
  /** The head of office's reason in the review of an appeal (docs/adr/0053); may be told to the reporter. */
  appealReviewReason: { minLength: 1, maxLength: 5_000, description: 'reason of the appeal review' },
  /** The reason the head of office states to read a complainant's contact in an exception (docs/adr/0029). */
  breakGlassReason: { minLength: 20, maxLength: 500, description: 'break-glass reason' },
  /** Why Admin Tikkim discards a problem message (a quarantined webhook or a failed channel message, docs/adr/0047). */
  problemMessageDiscardReason: { minLength: 1, maxLength: 500, description: 'reason to discard the message' },
  /** Why Admin Tikkim corrects or restricts a complainant's contact, or lifts the restriction (UU 27/2022, docs/adr/0056). */
  contactRightsReason: { minLength: 10, maxLength: 500, description: 'reason to correct or restrict the contact' },
  /** How the export of an access request reached the person (docs/adr/0056). */
  dataRequestHandOver: { minLength: 1, maxLength: 200, description: 'how the export was handed over' },
  sectionName: { minLength: 1, maxLength: 200, description: 'section name' },

  // The office's profile: its documents' letterhead and contact, edited by the head of office (docs/adr/0048)
  officeName: { minLength: 1, maxLength: 200, pattern: PRINTED_LINE, description: 'the office’s name, one line' },
  officeMinistry: { minLength: 1, maxLength: 200, pattern: PRINTED_LINE, description: 'the ministry, one line' },
  /** The units between ministry and office, top down; none is allowed (an office directly under its ministry). */
  officeParentUnits: { minItems: 0, maxItems: 5, minLength: 1, maxLength: 200, pattern: PRINTED_LINE, description: 'the parent units, one line each' },
  officeAddress: { minLength: 1, maxLength: 300, pattern: PRINTED_LINE, description: 'the office’s address, one line' },
  /** The place of the documents' place-and-date line. */
  officeCity: { minLength: 1, maxLength: 100, pattern: PRINTED_LINE, description: 'the city, one line' },
  officePhone: {
    pattern: /^(?=(?:\D*\d){6})[0-9 +()./,-]{6,40}$/,
    description: 'a phone number (or two): digits, spaces and + ( ) . / , -, at least 6 digits, at most 40 characters',
    example: '(0778) 311234',
  },
  officeEmail: { pattern: /^(?=.{6,254}$)[^@\s\p{Cc}]+@[^@\s\p{Cc}]+\.[^@\s\p{Cc}]+$/u, description: 'an e-mail address of at most 254 characters', example: 'kanim.belakangpadang@imigrasi.go.id' },
  officeWebsite: {
    pattern: /^(?=.{4,200}$)(?:https?:\/\/)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+(?::\d{1,5})?(?:\/[^\s\p{Cc}]*)?$/u,
    description: 'a web address of at most 200 characters, with or without http(s)://',
    example: 'belakangpadang.imigrasi.go.id',
  },

  // The office's SLA policy and working calendar, set by the head of office (docs/adr/0049)
  /** A weekday's working periods, `HH:MM-HH:MM` in the office's time zone (libs/sop also wants each start before its end, in order). */
  workingPeriods: { minItems: 0, maxItems: 4, pattern: /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/, description: 'working periods HH:MM-HH:MM', example: '07:30-16:00' },
  /** The office's own days off (a regional holiday, a day the office is closed). */
  officeDaysOff: { minItems: 0, maxItems: 200, description: 'the office’s own days off' },
  officeDayOffName: { minLength: 1, maxLength: 120, description: 'the name of a day off' },
} as const satisfies Record<string, TextRule | PatternRule | ListRule | LineRule | LineListRule>;

export type FieldRuleName = keyof typeof FIELD_RULES;
