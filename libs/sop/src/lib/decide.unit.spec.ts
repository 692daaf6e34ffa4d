import {
  acknowledgedByPhone,
  acknowledgementAbandoned,
  acknowledgementCallAttempted,
  acknowledgementFailed,
  actors,
  deepFreeze,
  callAttempted,
  delivered,
  deliveryAbandoned,
  DISMISSAL_PATH,
  dispositionCompleted,
  given,
  HISTORY,
  hour,
  inteldakimResponded,
  lantaskimResponded,
  NOW,
  validCommand,
} from './__fixtures__/complaints';
import type { Actor, SopCommand, SopEvent } from '../index';
import { callPurposes, COMMAND_TYPES, COMPLAINT_STATUSES, decide, replay, verifyHistory } from '../index';

const at = NOW.toISOString();
const reporterInformedDismissed: SopEvent = { type: 'complaint.reporter-informed', at: hour(2), actor: actors.admin, data: { outcome: 'DISMISSED', informationRef: 'INFO-1' } };
const KETUA = { nip: '198001012005011001', name: 'Budi Santoso', position: 'Kepala Seksi Lantaskim', role: 'KETUA' } as const;

describe('step 1-2: receiving, confirming and dismissing', () => {
  it('the WhatsApp webhook registers a new complaint as received', () => {
    given()
      .when({
        type: 'receive',
        actor: actors.intake,
        complaintId: 'C-9',
        officeCode: 'KANIM-BLP',
        trackingNumber: 'ADU-9',
        channel: 'WHATSAPP',
        anonymous: true,
        confidential: false,
      })
      .then([
        {
          type: 'complaint.received',
          at,
          actor: actors.intake,
          data: {
            complaintId: 'C-9',
            officeCode: 'KANIM-BLP',
            trackingNumber: 'ADU-9',
            channel: 'WHATSAPP',
            anonymous: true,
            confidential: false,
          },
        },
      ]);
  });

  it('admin tikkim types in a complaint received by phone', () => {
    const command = { ...validCommand('receive', actors.admin), channel: 'PHONE' } as SopCommand;
    const decision = given().when(command).decision;
    expect(decision.ok && decision.events[0]).toMatchObject({ actor: actors.admin, data: { channel: 'PHONE' } });
  });

  it('a complaint cannot be received twice', () => {
    given(HISTORY.RECEIVED)
      .when(validCommand('receive'))
      .thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { status: 'RECEIVED', allowedFrom: ['NEW'] });
  });

  it('admin tikkim confirms a received complaint as corruption / illegal levies, marking it anonymous and confidential', () => {
    given(HISTORY.RECEIVED)
      .when({
        type: 'confirm',
        actor: actors.admin,
        classification: '03',
        summary: 'Pungli',
        anonymous: true,
        confidential: true,
      })
      .then([
        {
          type: 'complaint.confirmed',
          at,
          actor: actors.admin,
          data: { classification: '03', summary: 'Pungli', anonymous: true, confidential: true },
        },
      ]);
  });

  it('admin tikkim dismisses spam without a note', () => {
    given(HISTORY.RECEIVED)
      .when({ type: 'dismiss', actor: actors.admin, reason: 'SPAM' })
      .then([{ type: 'complaint.dismissed', at, actor: actors.admin, data: { dismissal: { reason: 'SPAM' } } }]);
  });

  it('admin tikkim dismisses a matter that belongs to another agency, naming it', () => {
    given(HISTORY.RECEIVED)
      .when({ type: 'dismiss', actor: actors.admin, reason: 'NOT_OUR_AUTHORITY', belongsTo: 'Bea Cukai Batam' })
      .then([
        {
          type: 'complaint.dismissed',
          at,
          actor: actors.admin,
          data: { dismissal: { reason: 'NOT_OUR_AUTHORITY', belongsTo: 'Bea Cukai Batam' } },
        },
      ]);
  });

  it('a dismissal records only the data its reason needs', () => {
    given(HISTORY.RECEIVED)
      .when({ type: 'dismiss', actor: actors.admin, reason: 'NOT_A_COMPLAINT', originalComplaintId: 'C-1', belongsTo: 'X' })
      .then([
        { type: 'complaint.dismissed', at, actor: actors.admin, data: { dismissal: { reason: 'NOT_A_COMPLAINT' } } },
      ]);
  });

  it('the sender of a dismissed message is told, and the record closes once that reaches them', () => {
    given(HISTORY.DISMISSED)
      .when({ type: 'informReporter', actor: actors.admin, informationRef: 'INFO-DISMISSED' })
      .then([
        {
          type: 'complaint.reporter-informed',
          at,
          actor: actors.admin,
          data: { outcome: 'DISMISSED', informationRef: 'INFO-DISMISSED' },
        },
      ]);
    given(DISMISSAL_PATH.slice(0, 3))
      .when({ type: 'recordDelivery', actor: actors.admin, channel: 'PHONE', method: 'PHONE_CALL', deliveredAt: hour(3), note: 'Ditelepon' })
      .then([
        {
          type: 'complaint.information-delivered',
          at,
          actor: actors.admin,
          data: { channel: 'PHONE', method: 'PHONE_CALL', deliveredAt: hour(3), note: 'Ditelepon' },
        },
        { type: 'complaint.closed', at, actor: actors.admin, data: { outcome: 'DISMISSED' } },
      ]);
  });

  it('a dismissed message can be neither confirmed nor dispositioned', () => {
    given(HISTORY.DISMISSED).when(validCommand('confirm')).thenRefused('COMPLAINT.ILLEGAL_TRANSITION');
    given(HISTORY.DISMISSED).when(validCommand('dispose')).thenRefused('COMPLAINT.ILLEGAL_TRANSITION');
  });
});

describe('step 3: disposition and the sections responses', () => {
  it('kepala kantor dispositions a confirmed complaint to two sections', () => {
    given(HISTORY.CONFIRMED)
      .when({
        type: 'dispose',
        actor: actors.kepalaKantor,
        sheet: {
          entries: [
            { sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI', 'KOORDINASIKAN'], note: 'Hari ini' },
            { sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN'] },
          ],
        },
      })
      .then([
        {
          type: 'complaint.disposed',
          at,
          actor: actors.kepalaKantor,
          data: {
            sheet: {
              entries: [
                { sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI', 'KOORDINASIKAN'], note: 'Hari ini' },
                { sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN'] },
              ],
            },
          },
        },
      ]);
  });

  it('the first of two sections responds: the complaint stays disposed, the disposition is not completed', () => {
    given(HISTORY.DISPOSED)
      .when({ type: 'respondAsSection', actor: actors.inteldakim, sectionCode: 'INTELDAKIM', response: 'Nihil' })
      .then([
        {
          type: 'complaint.section-responded',
          at,
          actor: actors.inteldakim,
          data: { sectionCode: 'INTELDAKIM', response: 'Nihil' },
        },
      ]);
    expect(replay([...HISTORY.DISPOSED, lantaskimResponded]).status).toBe('DISPOSED');
  });

  it('the last section responds: the disposition is completed in the same decision and the complaint goes back to admin tikkim', () => {
    const history = [...HISTORY.DISPOSED, lantaskimResponded];
    given(history)
      .when({ type: 'respondAsSection', actor: actors.inteldakim, sectionCode: 'INTELDAKIM', response: 'Nihil' })
      .then([
        {
          type: 'complaint.section-responded',
          at,
          actor: actors.inteldakim,
          data: { sectionCode: 'INTELDAKIM', response: 'Nihil' },
        },
        {
          type: 'complaint.disposition-completed',
          at,
          actor: actors.inteldakim,
          data: { sectionCodes: ['LANTASKIM', 'INTELDAKIM'] },
        },
      ]);
    expect(replay([...history, inteldakimResponded, dispositionCompleted]).status).toBe('SECTION_PROCESSED');
  });

  it('a complaint dispositioned to one section is completed by that section’s response', () => {
    const oneSection: SopEvent = {
      type: 'complaint.disposed',
      at: hour(2),
      actor: actors.kepalaKantor,
      data: { sheet: { entries: [{ sectionCode: 'TU', instructions: ['TINDAK_LANJUTI'] }] } },
    };
    given(HISTORY.CONFIRMED, oneSection)
      .when({ type: 'respondAsSection', actor: actors.tataUsaha, sectionCode: 'TU', response: 'Selesai' })
      .then([
        { type: 'complaint.section-responded', at, actor: actors.tataUsaha, data: { sectionCode: 'TU', response: 'Selesai' } },
        { type: 'complaint.disposition-completed', at, actor: actors.tataUsaha, data: { sectionCodes: ['TU'] } },
      ]);
  });

  it('a section officer of another section is refused', () => {
    given(HISTORY.DISPOSED)
      .when({ type: 'respondAsSection', actor: actors.inteldakim, sectionCode: 'LANTASKIM', response: 'Atas nama' })
      .thenRefused('COMPLAINT.FORBIDDEN_ROLE', { status: 'DISPOSED' });
  });

  it('a section officer with no section is refused', () => {
    const noSection = { kind: 'user', userId: 'u-x', role: 'SEKSI_TERKAIT' } as const;
    given(HISTORY.DISPOSED)
      .when({ type: 'respondAsSection', actor: noSection, sectionCode: 'LANTASKIM', response: 'x' })
      .thenRefused('COMPLAINT.FORBIDDEN_ROLE');
  });

  it('a section that is not on the disposition sheet cannot respond', () => {
    given(HISTORY.DISPOSED)
      .when({ type: 'respondAsSection', actor: actors.tataUsaha, sectionCode: 'TU', response: 'x' })
      .thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'sectionCode' });
  });

  it('a section cannot respond twice', () => {
    given(HISTORY.DISPOSED, lantaskimResponded)
      .when(validCommand('respondAsSection'))
      .thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'sectionCode', message: expect.stringContaining('already responded') });
  });
});

describe('step 5: the head of IT decides the follow-up', () => {
  it('kepala seksi TI decides to follow up', () => {
    given(HISTORY.ANALYZED)
      .when({ type: 'decideFollowUp', actor: actors.kepalaSeksiTi, decision: 'FOLLOW_UP', reason: 'Terbukti' })
      .then([
        { type: 'complaint.follow-up-decided', at, actor: actors.kepalaSeksiTi, data: { decision: 'FOLLOW_UP', reason: 'Terbukti' } },
      ]);
    expect(replay(HISTORY.FOLLOW_UP_DECIDED).status).toBe('FOLLOW_UP_DECIDED');
  });

  it('kepala seksi TI decides no follow-up; the reporter is then told that and why, with no team', () => {
    given(HISTORY.ANALYZED)
      .when({ type: 'decideFollowUp', actor: actors.kepalaSeksiTi, decision: 'NO_FOLLOW_UP', reason: 'Tidak terbukti' })
      .then([
        {
          type: 'complaint.follow-up-decided',
          at,
          actor: actors.kepalaSeksiTi,
          data: { decision: 'NO_FOLLOW_UP', reason: 'Tidak terbukti' },
        },
      ]);
    given(HISTORY.NO_FOLLOW_UP_DECIDED).when(validCommand('formTeam')).thenRefused('COMPLAINT.ILLEGAL_TRANSITION');
    given(HISTORY.NO_FOLLOW_UP_DECIDED)
      .when({ type: 'informReporter', actor: actors.admin, informationRef: 'INFO-NO-FOLLOW-UP' })
      .then([
        {
          type: 'complaint.reporter-informed',
          at,
          actor: actors.admin,
          data: { outcome: 'NO_FOLLOW_UP', informationRef: 'INFO-NO-FOLLOW-UP' },
        },
      ]);
  });

  it('a follow-up decision cannot skip the team decree to inform the reporter', () => {
    given(HISTORY.FOLLOW_UP_DECIDED)
      .when(validCommand('informReporter'))
      .thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { allowedFrom: ['TEAM_FORMED', 'NO_FOLLOW_UP_DECIDED', 'DISMISSED', 'APPEAL_UPHELD'] });
  });
});

describe('step 7-8: informing the reporter and delivery', () => {
  it('a failed WhatsApp template is recorded without changing the state', () => {
    const decision = given(HISTORY.REPORTER_INFORMED).when(validCommand('recordNotificationFailure')).decision;
    expect(decision.ok).toBe(true);
    if (decision.ok) expect(replay([...HISTORY.REPORTER_INFORMED, ...decision.events])).toEqual(replay(HISTORY.REPORTER_INFORMED));
  });

  it('a failed acknowledgement follows the acknowledgement rule: by system, whenever the complaint is open', () => {
    const failure = {
      type: 'recordNotificationFailure',
      actor: actors.notification,
      purpose: 'ACKNOWLEDGEMENT',
      channel: 'WHATSAPP',
      errorCode: 'WHATSAPP.131026',
    } as const;
    const decision = given(HISTORY.RECEIVED).when(failure).decision;
    expect(decision.ok).toBe(true);
    if (decision.ok) {
      // It moves no step: it notes only how far the acknowledgement got (docs/adr/0051).
      expect(replay([...HISTORY.RECEIVED, ...decision.events])).toEqual({ ...replay(HISTORY.RECEIVED), acknowledgement: 'FAILED' });
      expect(verifyHistory([...HISTORY.RECEIVED, ...decision.events]).ok).toBe(true);
    }
    given(HISTORY.RECEIVED).when({ ...failure, actor: actors.admin }).thenRefused('COMPLAINT.FORBIDDEN_ROLE');
    given(HISTORY.CLOSED).when(failure).thenRefused('COMPLAINT.ILLEGAL_TRANSITION');
  });

  it('a failed follow-up cannot be recorded before the reporter was informed', () => {
    given(HISTORY.TEAM_FORMED).when(validCommand('recordNotificationFailure')).thenRefused('COMPLAINT.ILLEGAL_TRANSITION');
  });

  it('once delivered, within the closing decision, the information cannot be delivered again', () => {
    given(HISTORY.REPORTER_INFORMED, delivered())
      .when(validCommand('recordDelivery'))
      .thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { message: expect.stringContaining('already delivered') });
  });

  it('a delivery time with a WIB offset is recorded in UTC', () => {
    const decision = given(HISTORY.REPORTER_INFORMED).when({
      type: 'recordDelivery',
      actor: actors.notification,
      channel: 'WHATSAPP',
      method: 'PROVIDER_RECEIPT',
      deliveredAt: '2025-03-03T17:00:00+07:00',
    }).decision;
    expect(decision.ok && decision.events[0]?.data).toStrictEqual({
      channel: 'WHATSAPP',
      method: 'PROVIDER_RECEIPT',
      deliveredAt: '2025-03-03T10:00:00.000Z',
    });
  });
});

describe('a call that did not reach the reporter (docs/adr/0044)', () => {
  const notReachable = (retryAt: string): SopCommand => ({ type: 'recordCallAttempt', actor: actors.admin, outcome: 'NOT_REACHABLE', retryAt });
  const giveUp = (reason: unknown): SopCommand => ({ type: 'recordCallAttempt', actor: actors.admin, outcome: 'GIVE_UP', reason } as SopCommand);

  it('not reachable: records the attempt with the retry time in UTC, and the complaint stays informed', () => {
    given(HISTORY.REPORTER_INFORMED)
      .when(notReachable('2025-03-04T09:00:00+07:00'), new Date('2025-03-03T00:00:00Z'))
      .then([
        { type: 'complaint.call-attempted', at: '2025-03-03T00:00:00.000Z', actor: actors.admin, data: { retryAt: '2025-03-04T02:00:00.000Z', purpose: 'FOLLOW_UP_INFORMATION' } },
      ]);
  });

  it('giving up: records the reason, trimmed, and closes the complaint in the same decision', () => {
    given(HISTORY.REPORTER_INFORMED)
      .when(giveUp('  Nomor tidak aktif  '))
      .then([
        { type: 'complaint.delivery-abandoned', at: NOW.toISOString(), actor: actors.admin, data: { reason: 'Nomor tidak aktif', purpose: 'FOLLOW_UP_INFORMATION' } },
        { type: 'complaint.closed', at: NOW.toISOString(), actor: actors.admin, data: { outcome: 'FOLLOWED_UP' } },
      ]);
  });

  it('a delivery by phone is still possible after a call that did not reach the reporter', () => {
    const decision = given(HISTORY.REPORTER_INFORMED, callAttempted()).when(validCommand('recordDelivery')).decision;
    expect(decision.ok).toBe(true);
  });

  it('is refused once the delivery was given up or made, and for the system', () => {
    given(HISTORY.CLOSED).when(notReachable(hour(22))).thenRefused('COMPLAINT.ILLEGAL_TRANSITION');
    given(HISTORY.REPORTER_INFORMED, deliveryAbandoned())
      .when(validCommand('recordDelivery'))
      .thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { message: expect.stringContaining('already delivered or abandoned') });
    given(HISTORY.REPORTER_INFORMED).when({ ...notReachable(hour(22)), actor: actors.notification }).thenRefused('COMPLAINT.FORBIDDEN_ROLE');
  });

  it.each([
    { name: 'no outcome', command: { type: 'recordCallAttempt', actor: actors.admin, outcome: 'MAYBE' }, field: 'outcome' },
    { name: 'a retry without a time', command: { type: 'recordCallAttempt', actor: actors.admin, outcome: 'NOT_REACHABLE' }, field: 'retryAt' },
    { name: 'a retry now', command: { type: 'recordCallAttempt', actor: actors.admin, outcome: 'NOT_REACHABLE', retryAt: NOW.toISOString() }, field: 'retryAt' },
    { name: 'a retry in the past', command: { type: 'recordCallAttempt', actor: actors.admin, outcome: 'NOT_REACHABLE', retryAt: hour(19) }, field: 'retryAt' },
    { name: 'a retry more than 30 days ahead', command: { type: 'recordCallAttempt', actor: actors.admin, outcome: 'NOT_REACHABLE', retryAt: hour(20 + 31 * 24) }, field: 'retryAt' },
    { name: 'giving up without a reason', command: { type: 'recordCallAttempt', actor: actors.admin, outcome: 'GIVE_UP', reason: '  ' }, field: 'reason' },
    { name: 'giving up with a reason too long', command: { type: 'recordCallAttempt', actor: actors.admin, outcome: 'GIVE_UP', reason: 'x'.repeat(2_001) }, field: 'reason' },
  ])('refuses $name, naming the field', ({ command, field }) => {
    given(HISTORY.REPORTER_INFORMED)
      .when(command as SopCommand)
      .thenRefused('COMPLAINT.INVALID_COMMAND', { field, message: expect.stringContaining(field) });
  });
});

describe('a call about a notice no channel delivered (docs/adr/0051)', () => {
  const call = (purpose: unknown, outcome: 'NOT_REACHABLE' | 'GIVE_UP' = 'NOT_REACHABLE', actor: Actor = actors.admin): SopCommand =>
    ({ type: 'recordCallAttempt', actor, purpose, outcome, ...(outcome === 'NOT_REACHABLE' ? { retryAt: hour(22) } : { reason: '  Nomor tidak aktif  ' }) }) as SopCommand;
  const tellAcknowledgement = (actor: Actor = actors.admin): SopCommand => ({ type: 'acknowledge', actor });
  const ackFailedIn = (status: keyof typeof HISTORY) => [...HISTORY[status], acknowledgementFailed(hour(19))];

  describe('the acknowledgement', () => {
    it('awaits a call in every open status once its channel failed, and not before', () => {
      expect(callPurposes(replay(HISTORY.RECEIVED))).toEqual([]);
      expect(callPurposes(replay([...HISTORY.RECEIVED, acknowledgementFailed()]))).toEqual(['ACKNOWLEDGEMENT']);
      expect(callPurposes(replay(ackFailedIn('REPORTER_INFORMED')))).toEqual(['ACKNOWLEDGEMENT', 'FOLLOW_UP_INFORMATION']);
      expect(callPurposes(replay([...HISTORY.DISMISSED, reporterInformedDismissed, acknowledgementFailed(hour(3))]))).toEqual(['ACKNOWLEDGEMENT', 'DISMISSAL_NOTICE']);
    });

    it('told by phone: Admin Tikkim records complaint.acknowledged, which moves no step and ends the call', () => {
      for (const status of ['RECEIVED', 'CONFIRMED', 'DISPOSED', 'REPORTER_INFORMED'] as const) {
        given(ackFailedIn(status)).when(tellAcknowledgement()).then([{ type: 'complaint.acknowledged', at, actor: actors.admin, data: { trackingNumber: 'ADU-BLP-0001' } }]);
      }
      const after = replay([...ackFailedIn('RECEIVED'), acknowledgedByPhone(hour(20))]);
      expect(after).toEqual({ ...replay(HISTORY.RECEIVED), acknowledgement: 'ACKNOWLEDGED' });
      expect(callPurposes(after)).toEqual([]);
      // Confirmation is never held up by the acknowledgement, before or after.
      given(ackFailedIn('RECEIVED')).when(validCommand('confirm')).then([expect.objectContaining({ type: 'complaint.confirmed' }) as SopEvent]);
    });

    it('not reachable: complaint.call-attempted about the acknowledgement; the task waits, the complaint is as it was', () => {
      given(ackFailedIn('CONFIRMED'))
        .when(call('ACKNOWLEDGEMENT'))
        .then([{ type: 'complaint.call-attempted', at, actor: actors.admin, data: { retryAt: hour(22), purpose: 'ACKNOWLEDGEMENT' } }]);
      const state = replay(ackFailedIn('CONFIRMED'));
      expect(replay([...ackFailedIn('CONFIRMED'), acknowledgementCallAttempted(hour(20))])).toEqual(state);
    });

    it('given up: complaint.delivery-abandoned of the acknowledgement alone, never complaint.closed; the SOP goes on', () => {
      given(ackFailedIn('RECEIVED'))
        .when(call('ACKNOWLEDGEMENT', 'GIVE_UP'))
        .then([{ type: 'complaint.delivery-abandoned', at, actor: actors.admin, data: { reason: 'Nomor tidak aktif', purpose: 'ACKNOWLEDGEMENT' } }]);
      given(ackFailedIn('REPORTER_INFORMED'))
        .when(call('ACKNOWLEDGEMENT', 'GIVE_UP'))
        .then([{ type: 'complaint.delivery-abandoned', at, actor: actors.admin, data: { reason: 'Nomor tidak aktif', purpose: 'ACKNOWLEDGEMENT' } }]);
      const state = replay([...ackFailedIn('REPORTER_INFORMED'), acknowledgementAbandoned(hour(20))]);
      expect(state).toMatchObject({ status: 'REPORTER_INFORMED', deliveredAt: null, acknowledgement: 'ABANDONED' });
      expect(state).not.toHaveProperty('abandonedAt');
      expect(callPurposes(state)).toEqual(['FOLLOW_UP_INFORMATION']);
      expect(decide(validCommand('recordDelivery'), state, NOW).ok).toBe(true);
    });

    it('is refused once the acknowledgement was given, by its channel or by phone, or given up', () => {
      for (const end of [{ ...acknowledgedByPhone(hour(19)), actor: actors.notification }, acknowledgedByPhone(hour(19)), acknowledgementAbandoned(hour(19))]) {
        const history = [...HISTORY.RECEIVED, acknowledgementFailed(), end];
        const refused = { status: 'RECEIVED' as const, message: expect.stringContaining('no call about ACKNOWLEDGEMENT is awaited') as string };
        given(history).when(tellAcknowledgement()).thenRefused('COMPLAINT.ILLEGAL_TRANSITION', refused);
        given(history).when(call('ACKNOWLEDGEMENT')).thenRefused('COMPLAINT.ILLEGAL_TRANSITION', refused);
        given(history).when(call('ACKNOWLEDGEMENT', 'GIVE_UP')).thenRefused('COMPLAINT.ILLEGAL_TRANSITION', refused);
        // The channel itself records nothing more of it either.
        given(history).when(validCommand('acknowledge')).thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { message: expect.stringContaining('already given or given up') });
      }
    });

    it('is refused while the acknowledgement has not failed (still on its way, or never sent), and once the complaint is closed', () => {
      given(HISTORY.RECEIVED).when(tellAcknowledgement()).thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { message: expect.stringContaining('awaited: none') });
      given(HISTORY.REPORTER_INFORMED)
        .when(call('ACKNOWLEDGEMENT'))
        .thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { message: expect.stringContaining('awaited: FOLLOW_UP_INFORMATION') });
      given(HISTORY.CLOSED).when(call('ACKNOWLEDGEMENT')).thenRefused('COMPLAINT.ILLEGAL_TRANSITION');
      given(HISTORY.CLOSED).when(tellAcknowledgement()).thenRefused('COMPLAINT.ILLEGAL_TRANSITION');
    });

    it('is Admin Tikkim’s alone: another role, and the system, may not call about it', () => {
      for (const actor of [actors.kepalaKantor, actors.kepalaSeksiTi, actors.lantaskim, actors.auditor, actors.pelapor]) {
        given(ackFailedIn('RECEIVED')).when(tellAcknowledgement(actor)).thenRefused('COMPLAINT.FORBIDDEN_ROLE');
        given(ackFailedIn('RECEIVED')).when(call('ACKNOWLEDGEMENT', 'NOT_REACHABLE', actor)).thenRefused('COMPLAINT.FORBIDDEN_ROLE');
      }
      given(ackFailedIn('RECEIVED')).when(call('ACKNOWLEDGEMENT', 'NOT_REACHABLE', actors.notification)).thenRefused('COMPLAINT.FORBIDDEN_ROLE');
    });
  });

  describe('the dismissal notice, step 8 of a dismissed message', () => {
    const informedDismissal = [...HISTORY.DISMISSED, reporterInformedDismissed];

    it('not reachable and given up name it; giving up closes the dismissed complaint, as a delivery does', () => {
      given(informedDismissal)
        .when(call('DISMISSAL_NOTICE'))
        .then([{ type: 'complaint.call-attempted', at, actor: actors.admin, data: { retryAt: hour(22), purpose: 'DISMISSAL_NOTICE' } }]);
      given(informedDismissal)
        .when(call(undefined, 'GIVE_UP'))
        .then([
          { type: 'complaint.delivery-abandoned', at, actor: actors.admin, data: { reason: 'Nomor tidak aktif', purpose: 'DISMISSAL_NOTICE' } },
          { type: 'complaint.closed', at, actor: actors.admin, data: { outcome: 'DISMISSED' } },
        ]);
    });

    it('told by phone is the delivery step 8 records for it today (information-delivered, then closed)', () => {
      const byPhone = { ...validCommand('recordDelivery', actors.admin), method: 'PHONE_CALL', channel: 'PHONE' } as SopCommand;
      for (const command of [byPhone, { ...byPhone, purpose: 'DISMISSAL_NOTICE' } as SopCommand]) {
        const decision = given(informedDismissal).when(command).decision;
        expect(decision.ok && decision.events.map((e) => e.type)).toEqual(['complaint.information-delivered', 'complaint.closed']);
      }
      // The delivery of the wrong notice is refused; the acknowledgement is not step 8's to deliver.
      given(informedDismissal)
        .when({ ...byPhone, purpose: 'FOLLOW_UP_INFORMATION' } as SopCommand)
        .thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { message: expect.stringContaining('awaited: DISMISSAL_NOTICE') });
      given(informedDismissal, acknowledgementFailed(hour(3))).when({ ...byPhone, purpose: 'ACKNOWLEDGEMENT' } as SopCommand).thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'purpose' });
    });

    it('refuses a call about the wrong notice for the complaint, and one about a notice that was delivered', () => {
      given(informedDismissal)
        .when(call('FOLLOW_UP_INFORMATION'))
        .thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { message: expect.stringContaining('no call about FOLLOW_UP_INFORMATION is awaited (awaited: DISMISSAL_NOTICE)') });
      given(HISTORY.REPORTER_INFORMED).when(call('DISMISSAL_NOTICE')).thenRefused('COMPLAINT.ILLEGAL_TRANSITION');
      given(HISTORY.DISMISSED).when(call('DISMISSAL_NOTICE')).thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { allowedFrom: ['REPORTER_INFORMED'] });
      given(informedDismissal, delivered(hour(3))).when(call('DISMISSAL_NOTICE')).thenRefused('COMPLAINT.ILLEGAL_TRANSITION');
    });
  });

  it('refuses a purpose that is no notice, naming the field', () => {
    given(HISTORY.REPORTER_INFORMED).when(call('FAX')).thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'purpose' });
  });
});

describe('invalid command data is refused, naming the field', () => {
  const cases: readonly { name: string; status: keyof typeof HISTORY; command: unknown; field: string }[] = [
    { name: 'a receipt over an unknown channel', status: 'NEW', command: { ...validCommand('receive'), channel: 'FAX' }, field: 'channel' },
    { name: 'a receipt with no tracking number', status: 'NEW', command: { ...validCommand('receive'), trackingNumber: ' ' }, field: 'trackingNumber' },
    { name: 'a receipt whose anonymity is not a boolean', status: 'NEW', command: { ...validCommand('receive'), anonymous: 'yes' }, field: 'anonymous' },
    { name: 'an appended message with no id', status: 'RECEIVED', command: { ...validCommand('appendMessage'), messageId: '' }, field: 'messageId' },
    { name: 'a confirmation with an unknown classification', status: 'RECEIVED', command: { ...validCommand('confirm'), classification: '11' }, field: 'classification' },
    { name: 'a confirmation with an empty summary', status: 'RECEIVED', command: { ...validCommand('confirm'), summary: '' }, field: 'summary' },
    { name: 'a dismissal for an unknown reason', status: 'RECEIVED', command: { ...validCommand('dismiss'), reason: 'RUDE' }, field: 'reason' },
    { name: 'a duplicate without the original complaint id', status: 'RECEIVED', command: { type: 'dismiss', actor: actors.admin, reason: 'DUPLICATE' }, field: 'originalComplaintId' },
    { name: 'a duplicate of itself', status: 'RECEIVED', command: { type: 'dismiss', actor: actors.admin, reason: 'DUPLICATE', originalComplaintId: 'C-2025-0001' }, field: 'originalComplaintId' },
    { name: 'not our authority without saying whose', status: 'RECEIVED', command: { type: 'dismiss', actor: actors.admin, reason: 'NOT_OUR_AUTHORITY' }, field: 'belongsTo' },
    { name: 'a disposition sheet with no section', status: 'CONFIRMED', command: { type: 'dispose', actor: actors.kepalaKantor, sheet: { entries: [] } }, field: 'sheet.entries' },
    { name: 'a disposition without a sheet', status: 'CONFIRMED', command: { type: 'dispose', actor: actors.kepalaKantor }, field: 'sheet' },
    {
      name: 'a disposition sheet naming a section twice',
      status: 'CONFIRMED',
      command: {
        type: 'dispose',
        actor: actors.kepalaKantor,
        sheet: { entries: [{ sectionCode: 'TU', instructions: ['TINDAK_LANJUTI'] }, { sectionCode: 'TU', instructions: ['KOORDINASIKAN'] }] },
      },
      field: 'sheet.entries',
    },
    {
      name: 'a disposition line with no instruction',
      status: 'CONFIRMED',
      command: { type: 'dispose', actor: actors.kepalaKantor, sheet: { entries: [{ sectionCode: 'TU', instructions: [] }] } },
      field: 'sheet.entries[0].instructions',
    },
    {
      name: 'a disposition line with a non-standard instruction',
      status: 'CONFIRMED',
      command: {
        type: 'dispose',
        actor: actors.kepalaKantor,
        sheet: { entries: [{ sectionCode: 'TU', instructions: ['TINDAK_LANJUTI'] }, { sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI', 'ABAIKAN'] }] },
      },
      field: 'sheet.entries[1].instructions[1]',
    },
    {
      name: 'a disposition line with an instruction twice',
      status: 'CONFIRMED',
      command: { type: 'dispose', actor: actors.kepalaKantor, sheet: { entries: [{ sectionCode: 'TU', instructions: ['KOORDINASIKAN', 'KOORDINASIKAN'] }] } },
      field: 'sheet.entries[0].instructions',
    },
    {
      name: 'a disposition line with no section code',
      status: 'CONFIRMED',
      command: { type: 'dispose', actor: actors.kepalaKantor, sheet: { entries: [{ instructions: ['KOORDINASIKAN'] }] } },
      field: 'sheet.entries[0].sectionCode',
    },
    { name: 'a section response with no text', status: 'DISPOSED', command: { ...validCommand('respondAsSection'), response: '' }, field: 'response' },
    { name: 'an analysis with an unknown classification', status: 'SECTION_PROCESSED', command: { ...validCommand('analyze'), classification: '00' }, field: 'classification' },
    { name: 'an analysis with an unknown severity', status: 'SECTION_PROCESSED', command: { ...validCommand('analyze'), severity: 'CRITICAL' }, field: 'severity' },
    { name: 'an analysis with no findings', status: 'SECTION_PROCESSED', command: { ...validCommand('analyze'), findings: '' }, field: 'findings' },
    { name: 'an analysis with an unknown substantiation', status: 'SECTION_PROCESSED', command: { ...validCommand('analyze'), substantiated: 'MAYBE' }, field: 'substantiated' },
    { name: 'a follow-up decision without a reason', status: 'ANALYZED', command: { ...validCommand('decideFollowUp'), reason: '' }, field: 'reason' },
    { name: 'a follow-up decision that is neither branch', status: 'ANALYZED', command: { ...validCommand('decideFollowUp'), decision: 'LATER' }, field: 'decision' },
    { name: 'a team decree with no members', status: 'FOLLOW_UP_DECIDED', command: { ...validCommand('formTeam'), members: [] }, field: 'members' },
    { name: 'a team decree with no number', status: 'FOLLOW_UP_DECIDED', command: { ...validCommand('formTeam'), decreeNumber: '' }, field: 'decreeNumber' },
    {
      name: 'a team without a KETUA',
      status: 'FOLLOW_UP_DECIDED',
      command: { ...validCommand('formTeam'), members: [{ nip: '198001012005011001', name: 'A', position: 'P', role: 'ANGGOTA' }] },
      field: 'members',
    },
    {
      name: 'a team with two KETUA',
      status: 'FOLLOW_UP_DECIDED',
      command: { ...validCommand('formTeam'), members: [KETUA, { ...KETUA, nip: '199002022015022002' }] },
      field: 'members',
    },
    {
      name: 'a team naming an officer (NIP) twice',
      status: 'FOLLOW_UP_DECIDED',
      command: { ...validCommand('formTeam'), members: [KETUA, { ...KETUA, name: 'B', role: 'ANGGOTA' }] },
      field: 'members',
    },
    {
      name: 'a team member with an unknown position',
      status: 'FOLLOW_UP_DECIDED',
      command: { ...validCommand('formTeam'), members: [KETUA, { ...KETUA, nip: '199002022015022002', role: 'BENDAHARA' }] },
      field: 'members[1].role',
    },
    {
      name: 'a team member named by something that is not a NIP',
      status: 'FOLLOW_UP_DECIDED',
      command: { ...validCommand('formTeam'), members: [{ ...KETUA, nip: 'u-ketua' }] },
      field: 'members[0].nip',
    },
    {
      name: 'a team member without a position',
      status: 'FOLLOW_UP_DECIDED',
      command: { ...validCommand('formTeam'), members: [{ ...KETUA, position: '' }] },
      field: 'members[0].position',
    },
    { name: 'informing the reporter of nothing', status: 'TEAM_FORMED', command: { ...validCommand('informReporter'), informationRef: ' ' }, field: 'informationRef' },
    { name: 'a notification failure over an unknown channel', status: 'REPORTER_INFORMED', command: { ...validCommand('recordNotificationFailure'), channel: 'PIGEON' }, field: 'channel' },
    { name: 'a notification failure without an error code', status: 'REPORTER_INFORMED', command: { ...validCommand('recordNotificationFailure'), errorCode: '' }, field: 'errorCode' },
    { name: 'a notification failure for an unknown purpose', status: 'REPORTER_INFORMED', command: { ...validCommand('recordNotificationFailure'), purpose: 'GREETING' }, field: 'purpose' },
    { name: 'a delivery known in an unknown way', status: 'REPORTER_INFORMED', command: { ...validCommand('recordDelivery'), method: 'WHATSAPP' }, field: 'method' },
    { name: 'a delivery over an unknown channel', status: 'REPORTER_INFORMED', command: { ...validCommand('recordDelivery'), channel: 'PIGEON' }, field: 'channel' },
    { name: 'a delivery at a time that is not ISO-8601', status: 'REPORTER_INFORMED', command: { ...validCommand('recordDelivery'), deliveredAt: '03/03/2025 10:00' }, field: 'deliveredAt' },
    { name: 'a delivery without a time zone', status: 'REPORTER_INFORMED', command: { ...validCommand('recordDelivery'), deliveredAt: '2025-03-03T10:00:00' }, field: 'deliveredAt' },
    { name: 'a delivery in the future', status: 'REPORTER_INFORMED', command: { ...validCommand('recordDelivery'), deliveredAt: hour(21) }, field: 'deliveredAt' },
    { name: 'a command of an unknown type', status: 'RECEIVED', command: { type: 'escalate', actor: actors.admin }, field: 'type' },
  ];

  it.each(cases)('$name', ({ status, command, field }) => {
    given(HISTORY[status])
      .when(command as SopCommand)
      .thenRefused('COMPLAINT.INVALID_COMMAND', { status, field, message: expect.stringContaining(field) });
  });

  it('a delivery a few minutes ahead of our clock (provider clock skew) is accepted', () => {
    const decision = given(HISTORY.REPORTER_INFORMED).when({
      ...validCommand('recordDelivery'),
      deliveredAt: new Date(NOW.getTime() + 60_000).toISOString(),
    } as SopCommand).decision;
    expect(decision.ok).toBe(true);
  });

  it('an illegal transition is reported before bad data', () => {
    given(HISTORY.CONFIRMED)
      .when({ ...validCommand('confirm'), classification: '99' } as unknown as SopCommand)
      .thenRefused('COMPLAINT.ILLEGAL_TRANSITION');
  });

  it('a forbidden role is reported before an illegal transition and bad data', () => {
    given(HISTORY.CONFIRMED)
      .when({ ...validCommand('confirm'), actor: actors.auditor, classification: '99' } as unknown as SopCommand)
      .thenRefused('COMPLAINT.FORBIDDEN_ROLE');
  });

  it('an actor with an unknown role or no actor at all is refused', () => {
    const stranger = { kind: 'user', userId: 'u-x', role: 'MENTERI' };
    given(HISTORY.RECEIVED)
      .when({ ...validCommand('confirm'), actor: stranger } as unknown as SopCommand)
      .thenRefused('COMPLAINT.FORBIDDEN_ROLE');
    const { actor: _actor, ...anonymousCommand } = validCommand('confirm');
    given(HISTORY.RECEIVED)
      .when(anonymousCommand as unknown as SopCommand)
      .thenRefused('COMPLAINT.FORBIDDEN_ROLE');
  });
});

describe('decide is pure', () => {
  it('never mutates the state or the command it is given, in any status, for any command', () => {
    for (const status of COMPLAINT_STATUSES) {
      const state = deepFreeze(replay(HISTORY[status]));
      const snapshot = structuredClone(state);
      for (const type of COMMAND_TYPES) {
        const command = deepFreeze(validCommand(type));
        const before = structuredClone(command);
        expect(() => decide(command, state, NOW)).not.toThrow();
        expect(command).toStrictEqual(before);
      }
      expect(state).toStrictEqual(snapshot);
    }
  });

  it('stamps events with the time it is given and shares no array with the command', () => {
    const command = validCommand('dispose');
    const decision = decide(command, replay(HISTORY.CONFIRMED), new Date('2030-01-01T00:00:00Z'));
    expect(decision.ok && decision.events[0]?.at).toBe('2030-01-01T00:00:00.000Z');
    const event = decision.ok ? decision.events[0] : undefined;
    if (command.type !== 'dispose' || event?.type !== 'complaint.disposed') throw new Error('expected a disposition');
    expect(event.data.sheet.entries).not.toBe(command.sheet.entries);
    expect(event.data.sheet.entries[0]?.instructions).not.toBe(command.sheet.entries[0]?.instructions);
  });
});
