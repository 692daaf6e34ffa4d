import type { ActorName } from './__fixtures__/complaints';
import { acknowledgedByPhone, acknowledgementFailed, actors, HISTORY, hour, lantaskimResponded, NOW, validCommand } from './__fixtures__/complaints';
import type { Actor, CommandType, ComplaintStatus } from '../index';
import { availableActions, callPurposes, COMMAND_TYPES, COMPLAINT_STATUSES, decide, replay } from '../index';

type Expected = Partial<Record<ActorName, readonly CommandType[]>>;

/** What each actor may do in each status along the SOP (actors not listed: nothing). */
const EXPECTED: { readonly [S in ComplaintStatus]: Expected } = {
  NEW: { admin: ['receive'], intake: ['receive'], notification: ['receive'] },
  RECEIVED: {
    admin: ['appendMessage', 'confirm', 'dismiss'],
    intake: ['appendMessage', 'acknowledge'],
    notification: ['appendMessage', 'acknowledge'],
  },
  CONFIRMED: {
    admin: ['appendMessage'],
    kepalaKantor: ['dispose'],
    intake: ['appendMessage', 'acknowledge'],
    notification: ['appendMessage', 'acknowledge'],
  },
  DISMISSED: {
    admin: ['appendMessage', 'informReporter'],
    intake: ['appendMessage', 'acknowledge'],
    notification: ['appendMessage', 'acknowledge'],
  },
  DISPOSED: {
    admin: ['appendMessage'],
    lantaskim: ['respondAsSection'],
    inteldakim: ['respondAsSection'],
    intake: ['appendMessage', 'acknowledge'],
    notification: ['appendMessage', 'acknowledge'],
  },
  SECTION_PROCESSED: {
    admin: ['appendMessage', 'analyze'],
    intake: ['appendMessage', 'acknowledge'],
    notification: ['appendMessage', 'acknowledge'],
  },
  ANALYZED: {
    admin: ['appendMessage'],
    kepalaSeksiTi: ['decideFollowUp'],
    intake: ['appendMessage', 'acknowledge'],
    notification: ['appendMessage', 'acknowledge'],
  },
  FOLLOW_UP_DECIDED: {
    admin: ['appendMessage'],
    kepalaKantor: ['formTeam'],
    intake: ['appendMessage', 'acknowledge'],
    notification: ['appendMessage', 'acknowledge'],
  },
  NO_FOLLOW_UP_DECIDED: {
    admin: ['appendMessage', 'informReporter'],
    intake: ['appendMessage', 'acknowledge'],
    notification: ['appendMessage', 'acknowledge'],
  },
  TEAM_FORMED: {
    admin: ['appendMessage', 'informReporter'],
    intake: ['appendMessage', 'acknowledge'],
    notification: ['appendMessage', 'acknowledge'],
  },
  REPORTER_INFORMED: {
    admin: ['appendMessage', 'recordNotificationFailure', 'recordDelivery', 'recordCallAttempt'],
    intake: ['appendMessage', 'acknowledge', 'recordNotificationFailure', 'recordDelivery'],
    notification: ['appendMessage', 'acknowledge', 'recordNotificationFailure', 'recordDelivery'],
  },
  // docs/adr/0053: the reporter (through intake) or Admin Tikkim may rate and appeal the closed complaint.
  CLOSED: { admin: ['rate', 'appeal'], intake: ['rate', 'appeal'], notification: ['rate', 'appeal'] },
  APPEALED: {
    admin: ['appendMessage'],
    kepalaKantor: ['reviewAppeal'],
    intake: ['appendMessage', 'acknowledge'],
    notification: ['appendMessage', 'acknowledge'],
  },
  APPEAL_UPHELD: {
    admin: ['appendMessage', 'informReporter'],
    intake: ['appendMessage', 'acknowledge'],
    notification: ['appendMessage', 'acknowledge'],
  },
};

const ALL_ACTORS = Object.keys(actors) as ActorName[];

describe('which actions each actor may take now, along the SOP', () => {
  it.each(COMPLAINT_STATUSES.flatMap((status) => ALL_ACTORS.map((actorName) => ({ status, actorName }))))(
    'in status $status, $actorName may take exactly the SOP’s actions',
    ({ status, actorName }) => {
      expect(availableActions(replay(HISTORY[status]), actors[actorName])).toStrictEqual(
        EXPECTED[status][actorName] ?? [],
      );
    },
  );

  it('a section that has responded has nothing left to do while the other section still may respond', () => {
    const state = replay([...HISTORY.DISPOSED, lantaskimResponded]);
    expect(availableActions(state, actors.lantaskim)).toStrictEqual([]);
    expect(availableActions(state, actors.inteldakim)).toStrictEqual(['respondAsSection']);
  });

  it('a call about a failed acknowledgement is no SOP action: it is offered as a call purpose, not among the actions (docs/adr/0051)', () => {
    const state = replay([...HISTORY.CONFIRMED, acknowledgementFailed(hour(2))]);
    expect(availableActions(state, actors.admin)).toStrictEqual(['appendMessage']);
    expect(callPurposes(state)).toStrictEqual(['ACKNOWLEDGEMENT']);
    expect(availableActions(state, actors.notification)).toStrictEqual(['appendMessage', 'acknowledge']);
    const given = replay([...HISTORY.CONFIRMED, acknowledgementFailed(hour(2)), acknowledgedByPhone(hour(3))]);
    expect(availableActions(given, actors.notification)).toStrictEqual(['appendMessage']);
  });

  it('the reporter, the auditor and the handling team never get an action', () => {
    for (const status of COMPLAINT_STATUSES) {
      for (const name of ['pelapor', 'auditor', 'tim'] as const) {
        expect(availableActions(replay(HISTORY[status]), actors[name])).toStrictEqual([]);
      }
    }
  });

  it('agrees with decide: an offered action with valid data is accepted, one not offered is refused', () => {
    for (const status of COMPLAINT_STATUSES) {
      const state = replay(HISTORY[status]);
      for (const name of ALL_ACTORS) {
        const actor: Actor = actors[name];
        const offered = availableActions(state, actor);
        // An erasure (docs/adr/0057) and the data subject's records (docs/adr/0061) are legal but never offered as SOP work.
        const neverOffered: readonly string[] = ['erasePersonalData', 'recordDataAccessRequest', 'recordDataAccessAnswer', 'recordContactCorrection', 'recordContactRestriction'];
        for (const type of COMMAND_TYPES.filter((t) => !neverOffered.includes(t))) {
          const command = validCommand(type, actor);
          // Section officers act on their own section in the valid command.
          const own = command.type === 'respondAsSection' && actor.kind === 'user' && actor.sectionCode
            ? { ...command, sectionCode: actor.sectionCode }
            : command;
          const decision = decide(own, state, NOW);
          expect({ status, name, type, ok: decision.ok }).toStrictEqual({ status, name, type, ok: offered.includes(type) });
        }
      }
    }
  });
});
