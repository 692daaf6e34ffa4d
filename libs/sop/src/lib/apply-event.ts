import type { ComplaintEventType, SopEvent, SopEventOf } from './events';
import type { ComplaintOutcome, NotificationPurpose } from './reference-data';
import { informationPurposeOf } from './rules';
import type { AcknowledgementProgress, ClosedState, ComplaintFacts, ComplaintState, ComplaintStatus, NewState, OpenDataAccessRequest, StateOf } from './state';
import { isOpen, pendingSections } from './state';

/**
 * How each event type changes a complaint's state; a type missing here is a compile error.
 * Internal to libs/sop: {@link evolve} (evolve.ts) is the way in, and checks the type first.
 */
export const APPLY: { readonly [T in ComplaintEventType]: (state: ComplaintState, event: SopEventOf<T>) => ComplaintState } = {
  'complaint.received': (state, event) => {
    expect(state, event, 'NEW');
    const d = event.data;
    return {
      status: 'RECEIVED',
      complaintId: d.complaintId,
      officeCode: d.officeCode,
      trackingNumber: d.trackingNumber,
      channel: d.channel,
      anonymous: d.anonymous,
      confidential: d.confidential,
      receivedAt: event.at,
      since: event.at,
    };
  },
  'complaint.message-appended': expectOpen,
  'complaint.acknowledged': (state, event) => withAcknowledgement(state, event, 'ACKNOWLEDGED'),
  'complaint.confirmed': (state, event) => {
    const s = expect(state, event, 'RECEIVED');
    return {
      ...facts(s, event.at),
      status: 'CONFIRMED',
      anonymous: event.data.anonymous,
      confidential: event.data.confidential,
      confirmedAt: event.at,
      classification: event.data.classification,
    };
  },
  'complaint.dismissed': (state, event) => {
    const s = expect(state, event, 'RECEIVED');
    return { ...facts(s, event.at), status: 'DISMISSED', dismissal: event.data.dismissal };
  },
  'complaint.disposed': (state, event) => {
    const s = expect(state, event, 'CONFIRMED');
    const sections = event.data.sheet.entries.map((e) => e.sectionCode);
    if (sections.length === 0) throw cannotApply(state, event, 'the disposition sheet names no section');
    return { ...confirmedFacts(s, event.at), status: 'DISPOSED', sections, respondedSections: [] };
  },
  'complaint.section-responded': (state, event) => {
    const s = expect(state, event, 'DISPOSED');
    if (!pendingSections(s).includes(event.data.sectionCode)) {
      throw cannotApply(state, event, `section ${event.data.sectionCode} is not awaiting a response`);
    }
    return { ...s, respondedSections: [...s.respondedSections, event.data.sectionCode] };
  },
  'complaint.disposition-completed': (state, event) => {
    const s = expect(state, event, 'DISPOSED');
    const pending = pendingSections(s);
    if (pending.length > 0) throw cannotApply(state, event, `sections ${pending.join(', ')} have not responded`);
    return { ...confirmedFacts(s, event.at), status: 'SECTION_PROCESSED' };
  },
  'complaint.analyzed': (state, event) => {
    const s = expect(state, event, 'SECTION_PROCESSED');
    return { ...confirmedFacts(s, event.at), status: 'ANALYZED', classification: event.data.classification };
  },
  'complaint.follow-up-decided': (state, event) => {
    const s = expect(state, event, 'ANALYZED');
    const status = event.data.decision === 'FOLLOW_UP' ? 'FOLLOW_UP_DECIDED' : 'NO_FOLLOW_UP_DECIDED';
    return { ...confirmedFacts(s, event.at), status };
  },
  'complaint.team-formed': (state, event) => {
    const s = expect(state, event, 'FOLLOW_UP_DECIDED');
    return { ...confirmedFacts(s, event.at), status: 'TEAM_FORMED', decreeNumber: event.data.decreeNumber };
  },
  'complaint.reporter-informed': (state, event) => {
    const s = expect(state, event, 'TEAM_FORMED', 'NO_FOLLOW_UP_DECIDED', 'DISMISSED', 'APPEAL_UPHELD');
    const outcome: ComplaintOutcome = outcomeToTell(s);
    if (event.data.outcome !== outcome) {
      throw cannotApply(state, event, `it reports outcome ${event.data.outcome}, but the complaint's is ${outcome}`);
    }
    return {
      ...facts(s, event.at),
      status: 'REPORTER_INFORMED',
      outcome,
      outcomeAt: s.since,
      confirmedAt: s.status === 'DISMISSED' ? null : s.confirmedAt,
      classification: s.status === 'DISMISSED' ? null : s.classification,
      deliveredAt: null,
    };
  },
  // A failed acknowledgement may come at any time of an open complaint; a failed step-8 notice only before delivery.
  'complaint.notification-failed': (state, event) =>
    event.data.purpose === 'ACKNOWLEDGEMENT' ? withAcknowledgement(state, event, 'FAILED') : expectUndelivered(state, event),
  'complaint.information-delivered': (state, event) => ({
    ...expectUndelivered(state, event),
    deliveredAt: event.data.deliveredAt,
  }),
  // A call that did not reach the reporter: about step 8's information it sets when to call again
  // (docs/adr/0044); about the acknowledgement it changes nothing (docs/adr/0051).
  'complaint.call-attempted': (state, event) =>
    event.data.purpose === 'ACKNOWLEDGEMENT'
      ? withAcknowledgement(state, event, 'FAILED')
      : { ...expectInformation(state, event, event.data.purpose), callRetryAt: event.data.retryAt },
  'complaint.delivery-abandoned': (state, event) =>
    event.data.purpose === 'ACKNOWLEDGEMENT'
      ? withAcknowledgement(state, event, 'ABANDONED')
      : { ...expectInformation(state, event, event.data.purpose), abandonedAt: event.at },
  'complaint.closed': (state, event) => {
    const s = expect(state, event, 'REPORTER_INFORMED');
    if (s.deliveredAt === null && s.abandonedAt === undefined) {
      throw cannotApply(state, event, 'the information has been neither delivered nor abandoned');
    }
    if (event.data.outcome !== s.outcome) {
      throw cannotApply(state, event, `it reports outcome ${event.data.outcome}, but the complaint's is ${s.outcome}`);
    }
    return {
      ...facts(s, event.at),
      status: 'CLOSED',
      outcome: s.outcome,
      confirmedAt: s.confirmedAt,
      classification: s.classification,
    };
  },
  // docs/adr/0053: a rating of this closing, an appeal, the head's review of it.
  'complaint.rated': (state, event) => {
    const s = expectRateable(state, event);
    if (s.rating !== undefined) throw cannotApply(state, event, 'this closing was already rated');
    return { ...s, rating: event.data.rating };
  },
  'complaint.appealed': (state, event) => {
    const s = expectRateable(state, event);
    if (s.confirmedAt === null || s.classification === null || s.outcome === 'DISMISSED') throw cannotApply(state, event, 'a dismissed message has no answer to appeal');
    return {
      ...facts(s, event.at),
      status: 'APPEALED',
      appealRound: (s.appealRound ?? 0) + 1,
      confirmedAt: s.confirmedAt,
      classification: s.classification,
      outcome: s.outcome,
    };
  },
  'complaint.appeal-reviewed': (state, event) => {
    const s = expect(state, event, 'APPEALED');
    const base = { ...facts(s, event.at), confirmedAt: s.confirmedAt, classification: s.classification };
    switch (event.data.decision) {
      case 'REDISPOSE':
        return { ...base, status: 'CONFIRMED' };
      case 'REANALYZE':
        return { ...base, status: 'SECTION_PROCESSED' };
      case 'UPHOLD':
        return { ...base, status: 'APPEAL_UPHELD', outcome: s.outcome };
      default:
        throw cannotApply(state, event, `unknown decision ${JSON.stringify(event.data.decision)}`);
    }
  },
  // docs/adr/0057: the record of an erasure changes no step (nor the version).
  'complaint.personal-data-erased': (state) => state,
  // docs/adr/0061: the data subject's requests change no step (nor the version); an open access request runs a clock.
  'complaint.data-access-requested': (state, event) =>
    withDataAccessRequests(state, event, (open) => [...open.filter((r) => r.requestId !== event.data.requestId), { requestId: event.data.requestId, dueAt: event.data.dueAt }]),
  'complaint.data-access-answered': (state, event) => withDataAccessRequests(state, event, (open) => open.filter((r) => r.requestId !== event.data.requestId)),
  'complaint.contact-corrected': (state) => state,
  'complaint.contact-restricted': (state) => state,
  'complaint.contact-restriction-lifted': (state) => state,
};

/** The branch the reporter is told about in step 7 (an upheld appeal tells the answer it upheld). */
function outcomeToTell(s: StateOf<'TEAM_FORMED' | 'NO_FOLLOW_UP_DECIDED' | 'DISMISSED' | 'APPEAL_UPHELD'>): ComplaintOutcome {
  switch (s.status) {
    case 'TEAM_FORMED':
      return 'FOLLOWED_UP';
    case 'NO_FOLLOW_UP_DECIDED':
      return 'NO_FOLLOW_UP';
    case 'DISMISSED':
      return 'DISMISSED';
    case 'APPEAL_UPHELD':
      return s.outcome;
  }
}

/** A closed complaint that was not a dismissed message: only such an answer is rated and appealed (docs/adr/0053). */
function expectRateable(state: ComplaintState, event: SopEvent): StateOf<'CLOSED'> {
  const s = expect(state, event, 'CLOSED');
  if (s.outcome === 'DISMISSED') throw cannotApply(state, event, 'a dismissed message is not rated nor appealed');
  return s;
}

function expect<S extends ComplaintStatus>(state: ComplaintState, event: SopEvent, ...statuses: S[]): StateOf<S> {
  if ((statuses as readonly ComplaintStatus[]).includes(state.status)) return state as StateOf<S>;
  throw cannotApply(state, event, `it applies only in status ${statuses.join(' or ')}`);
}

/** For events that leave an open complaint as it is. */
function expectOpen(state: ComplaintState, event: SopEvent): Exclude<ComplaintState, NewState | ClosedState> {
  if (!isOpen(state)) throw cannotApply(state, event, 'the complaint is not open');
  return state;
}

/** A reporter-informed complaint whose information has been neither delivered nor abandoned yet. */
function expectUndelivered(state: ComplaintState, event: SopEvent): StateOf<'REPORTER_INFORMED'> {
  const s = expect(state, event, 'REPORTER_INFORMED');
  if (s.deliveredAt !== null) throw cannotApply(state, event, 'the information was already delivered');
  if (s.abandonedAt !== undefined) throw cannotApply(state, event, 'the delivery was abandoned');
  return s;
}

/** Step 8's information, not yet delivered nor abandoned, and the notice a call names (if it names one) is it. */
function expectInformation(state: ComplaintState, event: SopEvent, purpose: NotificationPurpose | undefined): StateOf<'REPORTER_INFORMED'> {
  const s = expectUndelivered(state, event);
  const information = informationPurposeOf(s.outcome);
  if (purpose !== undefined && purpose !== information) {
    throw cannotApply(state, event, `it is about ${purpose}, but step 8 delivers the ${information} of outcome ${s.outcome}`);
  }
  return s;
}

/**
 * An open complaint whose acknowledgement was neither given nor given up, with the
 * acknowledgement now at `progress` (the same state when it already was): docs/adr/0051.
 */
function withAcknowledgement(state: ComplaintState, event: SopEvent, progress: AcknowledgementProgress): ComplaintState {
  const s = expectOpen(state, event);
  if (s.acknowledgement === 'ACKNOWLEDGED') throw cannotApply(state, event, 'the acknowledgement was already given');
  if (s.acknowledgement === 'ABANDONED') throw cannotApply(state, event, 'the acknowledgement was given up');
  return s.acknowledgement === progress ? s : { ...s, acknowledgement: progress };
}

/** The facts every received complaint carries, with `since` moved to `at`. */
function facts(s: ComplaintFacts, at: string): ComplaintFacts {
  return {
    complaintId: s.complaintId,
    officeCode: s.officeCode,
    trackingNumber: s.trackingNumber,
    channel: s.channel,
    anonymous: s.anonymous,
    confidential: s.confidential,
    receivedAt: s.receivedAt,
    since: at,
    ...(s.acknowledgement === undefined ? {} : { acknowledgement: s.acknowledgement }),
    ...(s.appealRound === undefined ? {} : { appealRound: s.appealRound }),
    ...(s.dataAccessRequests === undefined ? {} : { dataAccessRequests: s.dataAccessRequests }),
  };
}

/** The state with its open access requests changed (docs/adr/0061); none open leaves the field out. */
function withDataAccessRequests(state: ComplaintState, event: SopEvent, change: (open: readonly OpenDataAccessRequest[]) => readonly OpenDataAccessRequest[]): ComplaintState {
  if (state.status === 'NEW') throw cannotApply(state, event, 'the complaint has not been received');
  const { dataAccessRequests, ...rest } = state;
  const open = change(dataAccessRequests ?? []);
  return open.length === 0 ? rest : { ...rest, dataAccessRequests: open };
}

function confirmedFacts(s: StateOf<'CONFIRMED' | 'DISPOSED' | 'SECTION_PROCESSED' | 'ANALYZED' | 'FOLLOW_UP_DECIDED' | 'APPEALED'>, at: string) {
  return { ...facts(s, at), confirmedAt: s.confirmedAt, classification: s.classification };
}

function cannotApply(state: ComplaintState, event: SopEvent, why: string): Error {
  const id = 'complaintId' in state ? ` ${state.complaintId}` : '';
  return new Error(`Cannot apply ${event.type} to complaint${id} in status ${state.status}: ${why}`);
}
