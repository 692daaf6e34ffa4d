import {
  ABANDONED_PATH,
  acknowledgedByPhone,
  acknowledgementAbandoned,
  acknowledgementCallAttempted,
  acknowledgementFailed,
  actors,
  analyzed,
  callAttempted,
  closed,
  confirmed,
  delivered,
  deliveryAbandoned,
  DISMISSAL_PATH,
  dispositionCompleted,
  disposedToTwoSections,
  HISTORY,
  hour,
  inteldakimResponded,
  lantaskimResponded,
  NO_FOLLOW_UP_PATH,
  received,
  reporterInformed,
  teamFormed,
  validCommand,
} from './__fixtures__/complaints';
import type { ComplaintState, SopCommand, SopEvent } from '../index';
import { decide, evolve, initialState, replay, verifyHistory } from '../index';

const facts = {
  complaintId: 'C-2025-0001',
  officeCode: 'KANIM-BLP',
  trackingNumber: 'ADU-BLP-0001',
  channel: 'WHATSAPP',
  receivedAt: hour(0),
} as const;

describe('replaying a complaint’s record', () => {
  it('starts from a complaint where nothing has happened', () => {
    expect(initialState()).toStrictEqual({ status: 'NEW' });
    expect(replay([])).toStrictEqual({ status: 'NEW' });
  });

  it('a received complaint carries what the SOP needs from intake', () => {
    expect(replay(HISTORY.RECEIVED)).toStrictEqual({
      status: 'RECEIVED',
      ...facts,
      anonymous: false,
      confidential: false,
      since: hour(0),
    });
  });

  it('a disposed complaint knows its sections and which have responded', () => {
    expect(replay([...HISTORY.DISPOSED, lantaskimResponded])).toStrictEqual({
      status: 'DISPOSED',
      ...facts,
      anonymous: false,
      confidential: true,
      confirmedAt: hour(1),
      classification: '02',
      sections: ['LANTASKIM', 'INTELDAKIM'],
      respondedSections: ['LANTASKIM'],
      since: hour(2),
    });
  });

  it('the happy path with a team ends closed as followed up', () => {
    expect(replay(HISTORY.CLOSED)).toStrictEqual({
      status: 'CLOSED',
      ...facts,
      anonymous: false,
      confidential: true,
      confirmedAt: hour(1),
      classification: '02',
      outcome: 'FOLLOWED_UP',
      since: hour(9),
    });
  });

  it('the reporter-informed state keeps the time the outcome was reached, for step 8’s clock', () => {
    expect(replay(HISTORY.REPORTER_INFORMED)).toMatchObject({
      status: 'REPORTER_INFORMED',
      outcome: 'FOLLOWED_UP',
      outcomeAt: hour(7),
      since: hour(8),
    });
  });

  it('the no-follow-up path ends closed as not followed up', () => {
    expect(replay(NO_FOLLOW_UP_PATH)).toStrictEqual({
      status: 'CLOSED',
      ...facts,
      anonymous: false,
      confidential: true,
      confirmedAt: hour(1),
      classification: '02',
      outcome: 'NO_FOLLOW_UP',
      since: hour(9),
    });
  });

  it('the dismissal path ends closed as dismissed, never confirmed', () => {
    expect(replay(HISTORY.DISMISSED)).toStrictEqual({
      status: 'DISMISSED',
      ...facts,
      anonymous: false,
      confidential: false,
      dismissal: { reason: 'SPAM' },
      since: hour(1),
    });
    expect(replay(DISMISSAL_PATH)).toStrictEqual({
      status: 'CLOSED',
      ...facts,
      anonymous: false,
      confidential: false,
      confirmedAt: null,
      classification: null,
      outcome: 'DISMISSED',
      since: hour(3),
    });
  });

  it('the analysis may reclassify the complaint', () => {
    const reclassified: SopEvent = { ...analyzed, data: { ...analyzed.data, classification: '03' } } as SopEvent;
    expect(replay([...HISTORY.SECTION_PROCESSED, reclassified])).toMatchObject({ status: 'ANALYZED', classification: '03' });
  });

  it('messages change nothing; an acknowledgement notes only that it was given (docs/adr/0051)', () => {
    const state = replay(HISTORY.ANALYZED);
    const message: SopEvent = { type: 'complaint.message-appended', at: hour(6), actor: actors.intake, data: { messageId: 'M' } };
    const ack: SopEvent = { type: 'complaint.acknowledged', at: hour(6), actor: actors.notification, data: { trackingNumber: 'x' } };
    expect(evolve(state, message)).toBe(state);
    expect(evolve(evolve(state, message), ack)).toStrictEqual({ ...state, acknowledgement: 'ACKNOWLEDGED' });
  });

  it('a failed acknowledgement changes nothing while open; a failed follow-up only after the reporter was informed', () => {
    const ackFailed: SopEvent = {
      type: 'complaint.notification-failed',
      at: hour(6),
      actor: actors.notification,
      data: { purpose: 'ACKNOWLEDGEMENT', channel: 'WHATSAPP', errorCode: 'WHATSAPP.131026' },
    };
    const state = replay(HISTORY.ANALYZED);
    const failed = evolve(state, ackFailed);
    expect(failed).toStrictEqual({ ...state, acknowledgement: 'FAILED' });
    expect(evolve(failed, ackFailed)).toBe(failed);
    expect(() => evolve(replay(HISTORY.CLOSED), ackFailed)).toThrow(/not open/);
    const followUpFailed: SopEvent = { ...ackFailed, data: { ...ackFailed.data, purpose: 'FOLLOW_UP_INFORMATION' } } as SopEvent;
    expect(() => evolve(state, followUpFailed)).toThrow(/REPORTER_INFORMED/);
    expect(verifyHistory([...HISTORY.ANALYZED, ackFailed]).ok).toBe(true);
    expect(verifyHistory([...HISTORY.ANALYZED, { ...ackFailed, actor: actors.admin }])).toMatchObject({ ok: false, reason: expect.stringContaining('may not acknowledge') });
  });

  it('a complaint driven by decide alone through every step replays to the same closed state', () => {
    const commands: SopCommand[] = [
      validCommand('receive'),
      validCommand('acknowledge'),
      validCommand('confirm'),
      {
        type: 'dispose',
        actor: actors.kepalaKantor,
        sheet: { entries: [{ sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI'] }] },
      },
      validCommand('respondAsSection'),
      validCommand('analyze'),
      validCommand('decideFollowUp'),
      validCommand('formTeam'),
      validCommand('informReporter'),
      validCommand('recordNotificationFailure'),
      validCommand('recordDelivery'),
    ];
    let state: ComplaintState = initialState();
    const record: SopEvent[] = [];
    for (const command of commands) {
      const decision = decide(command, state, new Date(hour(20)));
      if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.message}`);
      record.push(...decision.events);
      state = decision.events.reduce(evolve, state);
    }
    expect(state).toMatchObject({ status: 'CLOSED', outcome: 'FOLLOWED_UP', classification: '03', anonymous: true });
    expect(replay(record)).toStrictEqual(state);
    expect(verifyHistory(record)).toStrictEqual({ ok: true, state });
  });
});

describe('evolve refuses events that cannot follow the state', () => {
  const cases: readonly { name: string; history: readonly SopEvent[]; event: SopEvent; message: RegExp }[] = [
    { name: 'a confirmation before any receipt', history: [], event: confirmed, message: /complaint\.confirmed.*status NEW/ },
    { name: 'a second receipt', history: HISTORY.RECEIVED, event: received, message: /complaint\.received to complaint C-2025-0001 in status RECEIVED/ },
    {
      name: 'a response from a section not on the sheet',
      history: HISTORY.DISPOSED,
      event: { ...lantaskimResponded, data: { sectionCode: 'TU', response: 'x' } } as SopEvent,
      message: /section TU is not awaiting a response/,
    },
    {
      name: 'a completed disposition while a section is still pending',
      history: [...HISTORY.DISPOSED, lantaskimResponded],
      event: dispositionCompleted,
      message: /INTELDAKIM have not responded/,
    },
    {
      name: 'informing the reporter of the wrong outcome',
      history: HISTORY.TEAM_FORMED,
      event: reporterInformed('NO_FOLLOW_UP'),
      message: /outcome NO_FOLLOW_UP, but the complaint's is FOLLOWED_UP/,
    },
    { name: 'a message after closing', history: HISTORY.CLOSED, event: { type: 'complaint.message-appended', at: hour(10), actor: actors.intake, data: { messageId: 'M' } }, message: /not open/ },
    {
      name: 'a second delivery of the same information',
      history: [...HISTORY.REPORTER_INFORMED, delivered()],
      event: delivered(),
      message: /already delivered/,
    },
    { name: 'a team decree after no-follow-up', history: HISTORY.NO_FOLLOW_UP_DECIDED, event: teamFormed, message: /only in status FOLLOW_UP_DECIDED/ },
  ];

  it.each(cases)('$name', ({ history, event, message }) => {
    const state = replay(history);
    expect(() => evolve(state, event)).toThrow(message);
  });

  it('replay throws on an illegal record', () => {
    expect(() => replay([received, analyzed])).toThrow(/complaint\.analyzed/);
  });
});

describe('verifyHistory: was every transition legal?', () => {
  it.each([
    ['the happy path', HISTORY.CLOSED],
    ['the no-follow-up path', NO_FOLLOW_UP_PATH],
    ['the dismissal path', DISMISSAL_PATH],
    ['a call that did not reach the reporter, then giving up', ABANDONED_PATH],
    ['a call that did not reach the reporter, then a delivery', [...HISTORY.REPORTER_INFORMED, callAttempted(), delivered(hour(10)), closed('FOLLOWED_UP', hour(10))]],
  ])('accepts %s', (_name, events) => {
    expect(verifyHistory(events)).toStrictEqual({ ok: true, state: replay(events) });
  });

  const violations: readonly { name: string; events: readonly SopEvent[]; index: number; reason: RegExp }[] = [
    {
      name: 'a confirmation recorded by a system actor',
      events: [received, { ...confirmed, actor: actors.intake }],
      index: 1,
      reason: /system:intake may not confirm/,
    },
    {
      name: 'a section response by an officer of another section',
      events: [...HISTORY.DISPOSED, { ...lantaskimResponded, actor: actors.inteldakim }],
      index: 3,
      reason: /section INTELDAKIM responded for section LANTASKIM/,
    },
    {
      name: 'the last section response without the disposition completed',
      events: [...HISTORY.DISPOSED, lantaskimResponded, inteldakimResponded, analyzed],
      index: 4,
      reason: /disposition-completed does not follow/,
    },
    {
      name: 'a closing without delivery',
      events: [...HISTORY.REPORTER_INFORMED, closed('FOLLOWED_UP')],
      index: 10,
      reason: /does not follow complaint\.information-delivered or complaint\.delivery-abandoned/,
    },
    {
      name: 'a delivery that does not close the complaint',
      events: [...HISTORY.REPORTER_INFORMED, delivered()],
      index: 10,
      reason: /not followed by complaint\.closed/,
    },
    {
      name: 'a delivery given up without closing the complaint',
      events: [...HISTORY.REPORTER_INFORMED, deliveryAbandoned()],
      index: 10,
      reason: /delivery-abandoned is not followed by complaint\.closed/,
    },
    {
      name: 'a call attempted after the delivery was given up',
      events: [...ABANDONED_PATH, callAttempted(hour(11))],
      index: ABANDONED_PATH.length,
      reason: /complaint\.call-attempted cannot follow status CLOSED/,
    },
    {
      name: 'giving up recorded by a system actor',
      events: [...HISTORY.REPORTER_INFORMED, { ...deliveryAbandoned(), actor: actors.notification }],
      index: 10,
      reason: /system:notification may not recordCallAttempt/,
    },
    {
      name: 'an analysis straight after confirmation',
      events: [received, confirmed, analyzed],
      index: 2,
      reason: /complaint\.analyzed cannot follow status CONFIRMED/,
    },
    {
      name: 'time running backwards',
      events: [received, { ...confirmed, at: hour(-1) }],
      index: 1,
      reason: /earlier than the previous event/,
    },
    {
      name: 'a disposition by an auditor',
      events: [received, confirmed, { ...disposedToTwoSections, actor: actors.auditor }],
      index: 2,
      reason: /AUDITOR may not dispose/,
    },
  ];

  it.each(violations)('flags $name at the offending event, without throwing', ({ events, index, reason }) => {
    const verdict = verifyHistory(events);
    expect(verdict).toMatchObject({ ok: false, index, reason: expect.stringMatching(reason) });
    expect(verdict.ok === false && verdict.state).toStrictEqual(replay(events.slice(0, index)));
  });
});

describe('a call that did not reach the reporter (docs/adr/0044)', () => {
  it('keeps when to call again; giving up closes the complaint without a delivery', () => {
    const informed = replay(HISTORY.REPORTER_INFORMED);
    expect(evolve(informed, callAttempted())).toStrictEqual({ ...informed, callRetryAt: hour(11) });
    const abandoned = evolve(informed, deliveryAbandoned());
    expect(abandoned).toMatchObject({ status: 'REPORTER_INFORMED', deliveredAt: null, abandonedAt: hour(10) });
    expect(replay(ABANDONED_PATH)).toMatchObject({ status: 'CLOSED', outcome: 'FOLLOWED_UP', since: hour(10) });
  });
});

describe('a call about a notice no channel delivered (docs/adr/0051)', () => {
  const ackFailed = [...HISTORY.RECEIVED, acknowledgementFailed()];
  const dismissalInformed: SopEvent[] = [...HISTORY.DISMISSED, reporterInformed('DISMISSED', hour(2))];

  it('keeps how far the acknowledgement got through every later step, and never moves a step for it', () => {
    const record = [...ackFailed, acknowledgementCallAttempted(hour(1)), confirmed, acknowledgedByPhone(hour(2))];
    expect(verifyHistory(record)).toMatchObject({ ok: true, state: { status: 'CONFIRMED', acknowledgement: 'ACKNOWLEDGED' } });
    const closedAfter = [...HISTORY.CLOSED.slice(0, 1), acknowledgementFailed(), acknowledgementAbandoned(hour(0)), ...HISTORY.CLOSED.slice(1)];
    expect(verifyHistory(closedAfter)).toMatchObject({ ok: true, state: { status: 'CLOSED', acknowledgement: 'ABANDONED' } });
  });

  it('accepts a dismissal notice given up after a call, closing the dismissed complaint', () => {
    const record: SopEvent[] = [
      ...dismissalInformed,
      { type: 'complaint.call-attempted', at: hour(3), actor: actors.admin, data: { retryAt: hour(5), purpose: 'DISMISSAL_NOTICE' } },
      { type: 'complaint.delivery-abandoned', at: hour(6), actor: actors.admin, data: { reason: 'Nomor tidak aktif', purpose: 'DISMISSAL_NOTICE' } },
      { type: 'complaint.closed', at: hour(6), actor: actors.admin, data: { outcome: 'DISMISSED' } },
    ];
    expect(verifyHistory(record)).toMatchObject({ ok: true, state: { status: 'CLOSED', outcome: 'DISMISSED' } });
  });

  const violations: readonly { name: string; events: readonly SopEvent[]; index: number; reason: RegExp }[] = [
    {
      name: 'the tracking number told by phone before its channel failed',
      events: [...HISTORY.RECEIVED, acknowledgedByPhone()],
      index: 1,
      reason: /complaint\.acknowledged cannot follow status RECEIVED \(no call about ACKNOWLEDGEMENT is awaited/,
    },
    {
      name: 'the tracking number told by phone after its channel gave it',
      events: [...ackFailed, { ...acknowledgedByPhone(hour(0)), actor: actors.notification }, acknowledgedByPhone()],
      index: 3,
      reason: /no call about ACKNOWLEDGEMENT is awaited/,
    },
    {
      name: 'a call about the acknowledgement after it was given up',
      events: [...ackFailed, acknowledgementAbandoned(), acknowledgementCallAttempted(hour(2))],
      index: 3,
      reason: /no call about ACKNOWLEDGEMENT is awaited/,
    },
    {
      name: 'the acknowledgement told by a section officer',
      events: [...ackFailed, { ...acknowledgedByPhone(), actor: actors.lantaskim }],
      index: 2,
      reason: /SEKSI_TERKAIT.* may not acknowledge/,
    },
    {
      name: 'a call about the acknowledgement by the system',
      events: [...ackFailed, { ...acknowledgementCallAttempted(), actor: actors.notification }],
      index: 2,
      reason: /system:notification may not recordCallAttempt/,
    },
    {
      name: 'the acknowledgement given up, then the complaint closed with it',
      events: [...HISTORY.REPORTER_INFORMED, acknowledgementFailed(hour(9)), acknowledgementAbandoned(hour(10)), closed('FOLLOWED_UP', hour(10))],
      index: 12,
      reason: /does not follow complaint\.information-delivered or complaint\.delivery-abandoned/,
    },
    {
      name: 'a call about the follow-up information of a dismissed message',
      events: [...dismissalInformed, { type: 'complaint.call-attempted', at: hour(3), actor: actors.admin, data: { retryAt: hour(5), purpose: 'FOLLOW_UP_INFORMATION' } }],
      index: 3,
      reason: /no call about FOLLOW_UP_INFORMATION is awaited \(awaited: DISMISSAL_NOTICE\)/,
    },
  ];

  it.each(violations)('flags $name at the offending event', ({ events, index, reason }) => {
    const verdict = verifyHistory(events);
    expect(verdict).toMatchObject({ ok: false, index, reason: expect.stringMatching(reason) });
  });
});
