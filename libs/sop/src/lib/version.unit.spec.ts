import { ABANDONED_PATH, DISMISSAL_PATH, HISTORY, NO_FOLLOW_UP_PATH, received } from './__fixtures__/complaints';
import type { ComplaintState, SopEvent } from '../index';
import { changesVersion, COMPLAINT_EVENT_TYPES, evolve, initialState, SLA_EVENT_TYPES, VERSION_NEUTRAL_EVENT_TYPES, versionAfter } from '../index';

/** The versions after each event of a history, counted by changed states (what the rule must agree with). */
function changedStates(events: readonly SopEvent[]): number {
  let state: ComplaintState = initialState();
  let changes = 0;
  for (const event of events) {
    const next = evolve(state, event);
    if (next !== state) changes++;
    state = next;
  }
  return changes;
}

describe('a complaint’s version (docs/adr/0033)', () => {
  it('is 1 once received and counts every event that changes the state, on every path', () => {
    expect(versionAfter(0, [received])).toBe(1);
    for (const history of [HISTORY.CLOSED, NO_FOLLOW_UP_PATH, DISMISSAL_PATH, ABANDONED_PATH, HISTORY.DISPOSED, HISTORY.REPORTER_INFORMED]) {
      for (let n = 0; n <= history.length; n++) {
        expect(versionAfter(0, history.slice(0, n))).toBe(changedStates(history.slice(0, n)));
      }
    }
  });

  it('does not move for messages, acknowledgements, failed notices or SLA events; moves for a call that did not reach the reporter', () => {
    const appended = { type: 'complaint.message-appended' } as const;
    expect(versionAfter(3, [appended, { type: 'complaint.acknowledged' }, { type: 'complaint.notification-failed' }])).toBe(3);
    expect(versionAfter(3, [{ type: 'complaint.call-attempted' }])).toBe(4);
    for (const type of SLA_EVENT_TYPES) expect(changesVersion(type)).toBe(false);
    expect(changesVersion('complaint.unknown')).toBe(false);
  });

  it('names exactly the complaint events the state machine applies without a change', () => {
    const counted = COMPLAINT_EVENT_TYPES.filter(changesVersion);
    expect([...counted, ...VERSION_NEUTRAL_EVENT_TYPES].sort()).toEqual([...COMPLAINT_EVENT_TYPES].sort());
    expect(counted).toHaveLength(COMPLAINT_EVENT_TYPES.length - 3);
  });
});
