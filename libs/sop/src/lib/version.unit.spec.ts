import {
  ABANDONED_PATH,
  acknowledgedByPhone,
  acknowledgementAbandoned,
  acknowledgementCallAttempted,
  acknowledgementFailed,
  DISMISSAL_PATH,
  HISTORY,
  NO_FOLLOW_UP_PATH,
  received,
} from './__fixtures__/complaints';
import type { ComplaintState, SopEvent } from '../index';
import { changesVersion, COMPLAINT_EVENT_TYPES, evolve, initialState, SLA_EVENT_TYPES, VERSION_NEUTRAL_EVENT_TYPES, versionAfter } from '../index';

/** A state without how far the acknowledgement got, which no step waits on (docs/adr/0051). */
function steps(state: ComplaintState): ComplaintState {
  if (!('acknowledgement' in state)) return state;
  const { acknowledgement: _ack, ...rest } = state;
  return rest as ComplaintState;
}

/** The versions after each event of a history, counted by changed steps (what the rule must agree with). */
function changedStates(events: readonly SopEvent[]): number {
  let state: ComplaintState = initialState();
  let changes = 0;
  for (const event of events) {
    const next = evolve(state, event);
    if (JSON.stringify(steps(next)) !== JSON.stringify(steps(state))) changes++;
    state = next;
  }
  return changes;
}

/** The happy path with the acknowledgement failed, called about, given up and, on another complaint, told by phone (docs/adr/0051). */
const WITH_ACKNOWLEDGEMENT_CALLS: readonly SopEvent[] = [
  ...HISTORY.RECEIVED,
  acknowledgementFailed(),
  acknowledgementCallAttempted(),
  acknowledgementAbandoned(),
  ...HISTORY.CLOSED.slice(1),
];
const TOLD_BY_PHONE: readonly SopEvent[] = [...HISTORY.RECEIVED, acknowledgementFailed(), acknowledgedByPhone(), ...HISTORY.CLOSED.slice(1)];

describe('a complaint’s version (docs/adr/0033)', () => {
  it('is 1 once received and counts every event that changes the state, on every path', () => {
    expect(versionAfter(0, [received])).toBe(1);
    for (const history of [HISTORY.CLOSED, NO_FOLLOW_UP_PATH, DISMISSAL_PATH, ABANDONED_PATH, HISTORY.DISPOSED, HISTORY.REPORTER_INFORMED, WITH_ACKNOWLEDGEMENT_CALLS, TOLD_BY_PHONE]) {
      for (let n = 0; n <= history.length; n++) {
        expect(versionAfter(0, history.slice(0, n))).toBe(changedStates(history.slice(0, n)));
      }
    }
  });

  it('does not move for messages, acknowledgements, failed notices or SLA events; moves for a call that did not reach the reporter', () => {
    const appended = { type: 'complaint.message-appended' } as const;
    expect(versionAfter(3, [appended, { type: 'complaint.acknowledged' }, { type: 'complaint.notification-failed' }])).toBe(3);
    expect(versionAfter(3, [{ type: 'complaint.call-attempted' }])).toBe(4);
    expect(versionAfter(3, [{ type: 'complaint.call-attempted', data: { purpose: 'DISMISSAL_NOTICE' } }])).toBe(4);
    for (const type of SLA_EVENT_TYPES) expect(changesVersion(type)).toBe(false);
    expect(changesVersion('complaint.unknown')).toBe(false);
  });

  it('does not move for a call about the acknowledgement, which notification records beside the step’s owner (docs/adr/0051)', () => {
    expect(versionAfter(3, [acknowledgementCallAttempted(), acknowledgementAbandoned(), acknowledgedByPhone()])).toBe(3);
    expect(changesVersion('complaint.delivery-abandoned', { reason: 'x', purpose: 'ACKNOWLEDGEMENT' })).toBe(false);
    expect(changesVersion('complaint.delivery-abandoned', { reason: 'x' })).toBe(true);
  });

  it('lets a neutral event change nothing of a state but how far its acknowledgement got', () => {
    for (const history of [WITH_ACKNOWLEDGEMENT_CALLS, TOLD_BY_PHONE]) {
      let state: ComplaintState = initialState();
      for (const event of history) {
        const next = evolve(state, event);
        if (!changesVersion(event.type, event.data)) expect(steps(next)).toStrictEqual(steps(state));
        state = next;
      }
    }
  });

  it('names exactly the complaint events the state machine applies without a change', () => {
    const counted = COMPLAINT_EVENT_TYPES.filter((type) => changesVersion(type));
    expect([...counted, ...VERSION_NEUTRAL_EVENT_TYPES].sort()).toEqual([...COMPLAINT_EVENT_TYPES].sort());
    expect(counted).toHaveLength(COMPLAINT_EVENT_TYPES.length - 9);
  });
});
