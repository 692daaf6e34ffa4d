import { openStep } from '../open-step';
import type { Role } from '../roles';
import { getStep, SECTION_RESPONSE_STEP, SOP_STEP_IDS, SOP_TARGET_HOURS, STATUTORY_SETTLEMENT_DAYS, type StepId } from '../sop-steps';
import type { ComplaintState } from '../state';

/** The clocks the SLA monitor runs besides the steps: the whole SOP and the statutory limit. */
export const SLA_TARGET_IDS = ['SOP_TARGET', 'STATUTORY_SETTLEMENT'] as const;

/** `SOP_TARGET` (72 h from confirmation) or `STATUTORY_SETTLEMENT` (Perpres 76/2013, 60 days). */
export type SlaTargetId = (typeof SLA_TARGET_IDS)[number];

/**
 * The clocks SP4N-LAPOR! sets on a complaint that came through it (SOP.md, "Context"; docs/adr/0055),
 * beside the SOP's 12-hour steps, in working days of the office's working calendar:
 * `LAPOR_VERIFICATION` (3 working days from receipt to confirmation or dismissal) and
 * `LAPOR_FOLLOW_UP` (5 working days from confirmation until the answer is posted on LAPOR!).
 */
export const LAPOR_CLOCK_IDS = ['LAPOR_VERIFICATION', 'LAPOR_FOLLOW_UP'] as const;

/** See {@link LAPOR_CLOCK_IDS}. */
export type LaporClockId = (typeof LAPOR_CLOCK_IDS)[number];

/** Whether a clock is one of the {@link LAPOR_CLOCK_IDS}. */
export function isLaporClockId(id: string): id is LaporClockId {
  return (LAPOR_CLOCK_IDS as readonly string[]).includes(id);
}

/** The working days each LAPOR! clock allows (LAPOR!'s rules: verify in 3, follow up in 5). */
export const LAPOR_CLOCK_WORKING_DAYS: Readonly<Record<LaporClockId, number>> = { LAPOR_VERIFICATION: 3, LAPOR_FOLLOW_UP: 5 };

/**
 * The clock of a person's access request to their personal data (UU 27/2022 Pasal 32: 3 × 24
 * hours, docs/adr/0061): one per open request, keyed `DATA_ACCESS:<requestId>`, wall-clock hours.
 */
export const DATA_ACCESS_CLOCK_ID = 'DATA_ACCESS';

/** UU 27/2022 Pasal 32: the controller answers an access request within 3 × 24 hours (wall-clock hours). */
export const DATA_ACCESS_HOURS = 72;

/** Everything a deadline can be about: a step, one section's response, a target, a LAPOR! clock (docs/adr/0055) or an access request (docs/adr/0061). */
export type ClockId = StepId | SlaTargetId | LaporClockId | typeof DATA_ACCESS_CLOCK_ID;

/** Every {@link ClockId}, in the SOP's order (the sections' response within step 3), then the targets. */
export const CLOCK_IDS: readonly ClockId[] = [
  ...SOP_STEP_IDS.flatMap((id): ClockId[] => (id === 'DISPOSE_AND_PROCESS' ? [id, SECTION_RESPONSE_STEP.id] : [id])),
  'REVIEW_APPEAL',
  ...SLA_TARGET_IDS,
  ...LAPOR_CLOCK_IDS,
  DATA_ACCESS_CLOCK_ID,
];

/** Whether `value` is one of the {@link CLOCK_IDS}. */
export function isClockId(value: string): value is ClockId {
  return (CLOCK_IDS as readonly string[]).includes(value);
}

/**
 * Where a miss by the head of office goes: no role is above Kepala Kantor in the office, so the
 * miss is recorded for the office's report (to the regional office) instead.
 */
export const OFFICE_REPORT = 'OFFICE_REPORT';

/** A role a missed deadline is escalated to, or {@link OFFICE_REPORT}. */
export type EscalationTarget = Role | typeof OFFICE_REPORT;

/**
 * How a clock's hours are counted: in the office's calendar (wall-clock hours, or working hours
 * when the office chose a working calendar), or always in wall-clock time.
 */
export type ClockCounting = 'OFFICE_CALENDAR' | 'WALL_CLOCK' | 'WORKING_DAYS';

/** One clock that runs in a complaint's state. */
export interface RunningClock {
  /** Unique among a complaint's clocks: `CONFIRM`, `SECTION_RESPONSE:INTELDAKIM`, `SOP_TARGET`. */
  readonly key: string;
  readonly clockId: ClockId;
  /** For `SECTION_RESPONSE`: the section whose response is awaited. */
  readonly sectionCode?: string;
  /** ISO-8601 UTC time the clock started (the event that opened it). */
  readonly startedAt: string;
  /** The default length in hours (libs/sop); an office's policy may override it. */
  readonly deadlineHours: number;
  readonly counting: ClockCounting;
  /** For counting `WORKING_DAYS` (the LAPOR! clocks): the working days allowed. */
  readonly workingDays?: number;
  /** Who must act: the step's first swimlane. */
  readonly responsibleRole: Role;
  readonly escalatesTo: EscalationTarget;
}

/**
 * The clocks that run in this state: every open step of {@link openStep} (one per awaited
 * section in DISPOSED), plus, from confirmation until the information reached the reporter,
 * the SOP's 72 h target (in the office's calendar) and the statutory 60 days (calendar days:
 * Perpres 76/2013 counts days, *reading*). A clock's identity is its `key`; the SLA monitor
 * starts a deadline for a key that appears and stops it when the key disappears.
 */
export function runningClocks(state: ComplaintState): readonly RunningClock[] {
  const round = 'appealRound' in state && state.appealRound !== undefined ? `@${state.appealRound}` : '';
  const steps = openStep(state).map((open): RunningClock => {
    const step = getStep(open.stepId);
    return {
      // A step an appeal runs again is a clock of its own round (docs/adr/0053): the first round's stopped deadline stays.
      key: (open.sectionCode === undefined ? open.stepId : `${open.stepId}:${open.sectionCode}`) + round,
      clockId: open.stepId,
      ...(open.sectionCode === undefined ? {} : { sectionCode: open.sectionCode }),
      startedAt: open.startedAt,
      deadlineHours: open.deadlineHours,
      counting: 'OFFICE_CALENDAR',
      responsibleRole: step.roles[0],
      escalatesTo: step.escalatesTo ?? OFFICE_REPORT,
    };
  });
  const confirmedAt = awaitingAnswerSince(state);
  const lapor = [...laporClocks(state, confirmedAt), ...dataAccessClocks(state)];
  if (confirmedAt === null) return [...steps, ...lapor];
  return [
    ...steps,
    ...lapor,
    { key: 'SOP_TARGET', clockId: 'SOP_TARGET', startedAt: confirmedAt, deadlineHours: SOP_TARGET_HOURS, counting: 'OFFICE_CALENDAR', responsibleRole: 'KEPALA_KANTOR', escalatesTo: OFFICE_REPORT },
    {
      key: 'STATUTORY_SETTLEMENT',
      clockId: 'STATUTORY_SETTLEMENT',
      startedAt: confirmedAt,
      deadlineHours: STATUTORY_SETTLEMENT_DAYS * 24,
      counting: 'WALL_CLOCK',
      responsibleRole: 'KEPALA_KANTOR',
      escalatesTo: OFFICE_REPORT,
    },
  ];
}

/**
 * The confirmation time of a confirmed complaint whose answer has not reached the reporter (nor was
 * given up, docs/adr/0044); else null. The targets measure the first answer: once an appeal was
 * opened they run no more, and the appeal's steps have their 12 h clocks (docs/adr/0053).
 */
function awaitingAnswerSince(state: ComplaintState): string | null {
  if ('appealRound' in state && state.appealRound !== undefined) return null;
  switch (state.status) {
    case 'NEW':
    case 'RECEIVED':
    case 'DISMISSED':
    case 'CLOSED':
      return null;
    case 'REPORTER_INFORMED':
      return state.deliveredAt === null && state.abandonedAt === undefined ? state.confirmedAt : null;
    default:
      return state.confirmedAt;
  }
}

// --- SP4N-LAPOR!'s clocks (docs/adr/0055) ----------------------------------------------------
/**
 * The LAPOR! clocks that run in this state: none unless the complaint came in over `LAPOR`.
 * Verification runs while the complaint is `RECEIVED` (confirmation or dismissal stops it);
 * the follow-up from confirmation until the information reached the reporter (posted on LAPOR!)
 * or its delivery was given up, the span of the SOP's 72 h target. A working-day clock is due at
 * the end of the office's last working period of its N-th working day after the day it started.
 */
function laporClocks(state: ComplaintState, awaitingAnswerSince: string | null): readonly RunningClock[] {
  if (state.status === 'NEW' || state.channel !== 'LAPOR') return [];
  if (state.status === 'RECEIVED') return [laporClock('LAPOR_VERIFICATION', state.receivedAt, 'ADMIN_TIKKIM', 'KEPALA_KANTOR')];
  return awaitingAnswerSince === null ? [] : [laporClock('LAPOR_FOLLOW_UP', awaitingAnswerSince, 'KEPALA_KANTOR', 'OFFICE_REPORT')];
}

function laporClock(clockId: LaporClockId, startedAt: string, responsibleRole: RunningClock['responsibleRole'], escalatesTo: RunningClock['escalatesTo']): RunningClock {
  const workingDays = LAPOR_CLOCK_WORKING_DAYS[clockId];
  // deadlineHours: the nominal length (a day of 24 h); the due time is counted in working days.
  return { key: clockId, clockId, startedAt, deadlineHours: workingDays * 24, workingDays, counting: 'WORKING_DAYS', responsibleRole, escalatesTo };
}

// --- UU 27/2022's access requests (docs/adr/0061) --------------------------------------------
/**
 * One clock per access request registered on the complaint and not answered, whatever its status
 * (closed included): 72 wall-clock hours (the law counts hours), due when intake said, Admin
 * Tikkim's to answer, escalated to the head of office.
 */
function dataAccessClocks(state: ComplaintState): readonly RunningClock[] {
  if (state.status === 'NEW') return [];
  return (state.dataAccessRequests ?? []).map((r) => ({
    key: `${DATA_ACCESS_CLOCK_ID}:${r.requestId}`,
    clockId: DATA_ACCESS_CLOCK_ID,
    startedAt: new Date(Date.parse(r.dueAt) - DATA_ACCESS_HOURS * 3_600_000).toISOString(),
    deadlineHours: DATA_ACCESS_HOURS,
    counting: 'WALL_CLOCK',
    responsibleRole: 'ADMIN_TIKKIM',
    escalatesTo: 'KEPALA_KANTOR',
  }));
}
