import type { Channel, ClassificationCode, ComplaintOutcome, Dismissal } from './reference-data';

/** Every status of a complaint, in SOP order. */
export const COMPLAINT_STATUSES = [
  'NEW',
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
  'CLOSED',
  'APPEALED',
  'APPEAL_UPHELD',
] as const;

/** A complaint's status (see {@link COMPLAINT_STATUSES}). */
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/**
 * Open = anything between `complaint.received` and `complaint.closed`. Messages may be appended
 * and acknowledgements sent while open; a message after closing is a new complaint (intake's call).
 */
export const OPEN_STATUSES: readonly ComplaintStatus[] = COMPLAINT_STATUSES.filter(
  (s) => s !== 'NEW' && s !== 'CLOSED',
);

/**
 * How far the acknowledgement (the tracking number sent to the reporter) got, as notification
 * and Admin Tikkim recorded it (docs/adr/0051): `FAILED` once a channel could not give it (Admin
 * Tikkim's call task once no channel is left), `ACKNOWLEDGED` once given (by its channel, or by
 * Admin Tikkim on the phone), `ABANDONED` once Admin Tikkim gave up reaching the reporter for it.
 */
export const ACKNOWLEDGEMENT_PROGRESS = ['FAILED', 'ACKNOWLEDGED', 'ABANDONED'] as const;

/** See {@link ACKNOWLEDGEMENT_PROGRESS}. */
export type AcknowledgementProgress = (typeof ACKNOWLEDGEMENT_PROGRESS)[number];

/** What is known of every complaint from the moment it is received. */
export interface ComplaintFacts {
  readonly complaintId: string;
  /** The office that handles it (office structure, sections and calendars are data per office). */
  readonly officeCode: string;
  /** The number the reporter uses to follow the complaint. */
  readonly trackingNumber: string;
  /** Where it came in; step 8 answers over the same channel. */
  readonly channel: Channel;
  /** Identity hidden from every officer but the intake admin (SP4N-LAPOR! "Anonim"). */
  readonly anonymous: boolean;
  /** The report itself is never public (SP4N-LAPOR! "Rahasia"). */
  readonly confidential: boolean;
  /** ISO-8601 UTC time of `complaint.received`. */
  readonly receivedAt: string;
  /** ISO-8601 UTC time the complaint entered its current status. */
  readonly since: string;
  /**
   * How far the acknowledgement got (docs/adr/0051); absent before anything of it is recorded,
   * and in a state stored before it existed. No step waits on it: the events that set it are
   * notification's, beside the step's owner, and move no version (docs/adr/0033).
   */
  readonly acknowledgement?: AcknowledgementProgress;
  /**
   * How many appeals were opened on the complaint (docs/adr/0053); absent before the first. The
   * steps a reviewed appeal runs again have clocks of their own round (`runningClocks`).
   */
  readonly appealRound?: number;
  /**
   * The person's access requests registered on this complaint and not answered yet (docs/adr/0061),
   * in the order registered; absent when none. Each runs the `DATA_ACCESS` clock (`runningClocks`).
   * Moves no step and no version.
   */
  readonly dataAccessRequests?: readonly OpenDataAccessRequest[];
}

/** An access request waiting for its answer (docs/adr/0061): no personal data. */
export interface OpenDataAccessRequest {
  readonly requestId: string;
  /** ISO-8601 UTC: registration + 3 × 24 hours. */
  readonly dueAt: string;
}

/** What is known once Admin Tikkim has confirmed the complaint (step 2). */
export interface ConfirmedFacts extends ComplaintFacts {
  /** ISO-8601 UTC time of `complaint.confirmed`; the 72 h SOP target runs from it. */
  readonly confirmedAt: string;
  /** Permen PAN 5/2009 code, set at confirmation and possibly revised by the analysis. */
  readonly classification: ClassificationCode;
}

/** Nothing has happened yet; the state {@link initialState} returns. */
export interface NewState {
  readonly status: 'NEW';
}

/** Step 1's output exists: the complaint is registered and awaits confirmation (step 2). */
export interface ReceivedState extends ComplaintFacts {
  readonly status: 'RECEIVED';
}

/** Step 2 ended the message as not a complaint; the sender is still to be told. */
export interface DismissedState extends ComplaintFacts {
  readonly status: 'DISMISSED';
  readonly dismissal: Dismissal;
}

/** Step 2 done (Laporan Terusan Aduan); awaits the head of office's disposition (step 3). */
export interface ConfirmedState extends ConfirmedFacts {
  readonly status: 'CONFIRMED';
}

/** The disposition sheet exists; the dispositioned sections are responding. */
export interface DisposedState extends ConfirmedFacts {
  readonly status: 'DISPOSED';
  /** Every section on the disposition sheet, in sheet order. */
  readonly sections: readonly string[];
  /** The sections that have responded, in response order. */
  readonly respondedSections: readonly string[];
}

/** Every dispositioned section has responded; the complaint is back with Admin Tikkim for analysis (step 4). */
export interface SectionProcessedState extends ConfirmedFacts {
  readonly status: 'SECTION_PROCESSED';
}

/** Analisis Aduan exists; awaits the head of IT's follow-up decision (step 5). */
export interface AnalyzedState extends ConfirmedFacts {
  readonly status: 'ANALYZED';
}

/** Step 5 decided to follow up; awaits the team decree (step 6). */
export interface FollowUpDecidedState extends ConfirmedFacts {
  readonly status: 'FOLLOW_UP_DECIDED';
}

/** Step 5 decided not to follow up; the reporter is to be told that and why (step 7). */
export interface NoFollowUpDecidedState extends ConfirmedFacts {
  readonly status: 'NO_FOLLOW_UP_DECIDED';
}

/** The team decree (SK Tim Penanganan Aduan) exists; the reporter is to be told (step 7). */
export interface TeamFormedState extends ConfirmedFacts {
  readonly status: 'TEAM_FORMED';
  readonly decreeNumber: string;
}

/** Step 7 done: the follow-up was sent; awaits proof that it reached the reporter (step 8). */
export interface ReporterInformedState extends ComplaintFacts {
  readonly status: 'REPORTER_INFORMED';
  /** The branch the reporter was told about. */
  readonly outcome: ComplaintOutcome;
  /** When that outcome was reached (dismissal, no-follow-up decision or team decree); step 8's clock runs from it. */
  readonly outcomeAt: string;
  /** `null` for a dismissed message, which was never confirmed. */
  readonly confirmedAt: string | null;
  readonly classification: ClassificationCode | null;
  /**
   * `null` until `complaint.information-delivered`; set only between it and the
   * `complaint.closed` of the same decision, so a fold event by event sees step 8 stop on delivery.
   */
  readonly deliveredAt: string | null;
  /**
   * Absent until `complaint.delivery-abandoned` (Admin Tikkim gave up reaching the reporter,
   * docs/adr/0044); set only between it and the `complaint.closed` of the same decision. Optional,
   * so a state stored before it existed reads the same.
   */
  readonly abandonedAt?: string;
  /**
   * When Admin Tikkim is to call the reporter again after the last call that did not reach them
   * (`complaint.call-attempted`, docs/adr/0044); absent before any such call.
   */
  readonly callRetryAt?: string;
}

/**
 * SELESAI: the follow-up information reached the reporter, or Admin Tikkim gave up reaching
 * them with a reason the log keeps (`complaint.delivery-abandoned`, docs/adr/0044).
 */
export interface ClosedState extends ComplaintFacts {
  readonly status: 'CLOSED';
  readonly outcome: ComplaintOutcome;
  readonly confirmedAt: string | null;
  readonly classification: ClassificationCode | null;
  /** The reporter's rating of this closing (`complaint.rated`, docs/adr/0053); absent until given. */
  readonly rating?: number;
}

/**
 * The reporter appealed the answer of a closed complaint (a poor rating within the office's
 * appeal window, or an explicit appeal, docs/adr/0053); the head of office reviews it within 12 h.
 */
export interface AppealedState extends ConfirmedFacts {
  readonly status: 'APPEALED';
  /** The branch the reporter had been told about. */
  readonly outcome: Exclude<ComplaintOutcome, 'DISMISSED'>;
}

/** The head of office upheld the answer with a reason; the reporter is to be told again (steps 7-8). */
export interface AppealUpheldState extends ConfirmedFacts {
  readonly status: 'APPEAL_UPHELD';
  readonly outcome: Exclude<ComplaintOutcome, 'DISMISSED'>;
}

/** A complaint's state: a discriminated union on `status`. Immutable; {@link evolve} returns a new one. */
export type ComplaintState =
  | NewState
  | ReceivedState
  | DismissedState
  | ConfirmedState
  | DisposedState
  | SectionProcessedState
  | AnalyzedState
  | FollowUpDecidedState
  | NoFollowUpDecidedState
  | TeamFormedState
  | ReporterInformedState
  | ClosedState
  | AppealedState
  | AppealUpheldState;

/** The state for a given status. */
export type StateOf<S extends ComplaintStatus> = Extract<ComplaintState, { status: S }>;

/** The state of a complaint before anything happened. */
export function initialState(): NewState {
  return { status: 'NEW' };
}

/** Whether a complaint in this status is open (received and not closed; see {@link OPEN_STATUSES}). */
export function isOpen(state: ComplaintState): state is Exclude<ComplaintState, NewState | ClosedState> {
  return state.status !== 'NEW' && state.status !== 'CLOSED';
}

/** The sections on the disposition sheet that have not responded yet; empty outside `DISPOSED`. */
export function pendingSections(state: ComplaintState): readonly string[] {
  if (state.status !== 'DISPOSED') return [];
  return state.sections.filter((s) => !state.respondedSections.includes(s));
}
