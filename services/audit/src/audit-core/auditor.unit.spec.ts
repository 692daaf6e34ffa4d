import { generateEventSigningKey, parseEventSigningKey, signEnvelope, type EventEnvelope, type EventSigningKey } from '@pengaduan/contracts';
import { parseSlaPolicy, type SopEvent } from '@pengaduan/sop';
import { historyUntil, type ComplaintHistory } from '@pengaduan/testing';
import { anotherConfirmation, asRecords, forgerKey, signed, testKeys } from '../__fixtures__/signed-histories';
import { Auditor, auditEvents, type AuditOptions } from './auditor';
import type { AuditReport, ReportSink } from './report';

const keys = testKeys();
const NOW = '2026-06-01T00:00:00.000Z';
const options = (extra: Partial<AuditOptions> = {}): AuditOptions => ({ keyRing: keys.keyRing, now: NOW, ...extra });
const signedHistory = (h: ComplaintHistory) => h.envelopes.map((e) => signed(e, keys));

/** A libs/sop event of another complaint, put on `h`'s complaint with `source` (signed properly: only the SOP is wrong). */
function eventFor(h: ComplaintHistory, event: SopEvent, source: string): EventEnvelope {
  return signed(h.envelopeOf(event, source), keys);
}

describe('auditEvents', () => {
  const closed = historyUntil('CLOSED', { officeCode: 'JKT1' });
  const noFollowUp = historyUntil('CLOSED', { officeCode: 'JKT1', decision: 'NO_FOLLOW_UP' });
  const halfway = historyUntil('DISPOSED', { officeCode: 'SBY1' });

  it('verifies a clean, signed history: every signature, every transition, each step on time', () => {
    const records = [...asRecords(signedHistory(closed), 0), ...asRecords(signedHistory(noFollowUp), 1), ...asRecords(signedHistory(halfway), 2)];
    const report = auditEvents(records, options());
    expect(report.violations).toEqual([]);
    expect(report.clean).toBe(true);
    expect(report.signatures).toMatchObject({ checked: true, verified: records.length, failed: 0 });
    expect(report.complaints.map((c) => [c.complaintId, c.status])).toEqual([
      [closed.complaintId, 'CLOSED'],
      [noFollowUp.complaintId, 'CLOSED'],
      [halfway.complaintId, 'DISPOSED'],
    ]);
    const clocks = report.complaints[0].clocks;
    expect(clocks.map((c) => c.key)).toEqual(['CONFIRM', 'DISPOSE_AND_PROCESS', 'SECTION_RESPONSE:INTELDAKIM', 'ANALYZE', 'DECIDE_FOLLOW_UP', 'FORM_TEAM', 'DELIVER_INFORMATION', 'SOP_TARGET', 'STATUTORY_SETTLEMENT']);
    expect(clocks.find((c) => c.key === 'CONFIRM')).toMatchObject({ durationMs: 3_600_000, asRecorded: { outcome: 'on-time', dueSource: 'default-policy', dueAt: '2026-03-02T13:00:00.000Z' } });
    expect(clocks.find((c) => c.key === 'SOP_TARGET')).toMatchObject({ durationMs: 7 * 3_600_000, asRecorded: { outcome: 'on-time' } });
    // The halfway complaint's section has not responded: open at the audit's time, long past due.
    expect(report.complaints[2].clocks.find((c) => c.key === 'SECTION_RESPONSE:INTELDAKIM')).toMatchObject({ stoppedAt: null, asRecorded: { outcome: 'overdue' } });
    expect(report.offices).toEqual([
      expect.objectContaining({ officeCode: 'JKT1', complaints: 2, closed: 2, violations: 0, lateClocks: 0 }),
      expect.objectContaining({ officeCode: 'SBY1', complaints: 1, open: 1, lateClocks: 3 }),
    ]);
    expect(report.notices).toEqual([]);
  });

  it('says signatures were not checked without keys, and checks everything else', () => {
    const report = auditEvents(asRecords(closed.envelopes), { now: NOW });
    expect(report.clean).toBe(true);
    expect(report.signatures.checked).toBe(false);
    expect(report.notices[0]).toMatchObject({ kind: 'SIGNATURES_NOT_CHECKED' });
  });

  it('refuses a forged signature (a key of the same id that is not the published one) and an unsigned event: reported apart, never replayed', () => {
    const h = historyUntil('ANALYZED', { officeCode: 'JKT1' });
    const envelopes = signedHistory(h);
    const forger = parseEventSigningKey(generateEventSigningKey('analysis-test', 'pengaduan/analysis').privateKey);
    envelopes[envelopes.length - 1] = signEnvelope(h.envelopes[h.envelopes.length - 1], forger);
    envelopes[0] = h.envelopes[0];
    const report = auditEvents(asRecords(envelopes), options());
    expect(report.refused).toEqual([
      expect.objectContaining({ code: 'EVENT.UNSIGNED', complaintId: h.complaintId, eventType: 'complaint.received', offset: '0', contradicts: null }),
      expect.objectContaining({ code: 'EVENT.BAD_SIGNATURE', complaintId: h.complaintId, eventId: h.envelopes[h.envelopes.length - 1].id, eventType: 'complaint.analyzed', contradicts: null }),
    ]);
    expect(report.refused[1].reason).toMatch(/does not verify with key analysis-test/);
    expect(report.records.refused).toBe(2);
    expect(report.signatures).toMatchObject({ verified: envelopes.length - 2, failed: 2 });
    // Without its (unsigned) complaint.received, none of the genuine events can apply: that is what the log proves.
    expect(report.violations).toEqual([expect.objectContaining({ kind: 'MISSING_STEP', reason: expect.stringMatching(/complaint.received is not in the log/) })]);
    expect(report.clean).toBe(false);
  });

  it('refuses an altered payload: the signature no longer verifies, and the event is left out of the replay', () => {
    const envelopes = signedHistory(closed);
    const i = envelopes.findIndex((e) => e.type === 'complaint.follow-up-decided');
    envelopes[i] = { ...envelopes[i], data: { ...envelopes[i].data, reason: 'Aduan tidak terbukti' } };
    const report = auditEvents(asRecords(envelopes), options());
    expect(report.refused).toEqual([expect.objectContaining({ code: 'EVENT.BAD_SIGNATURE', complaintId: closed.complaintId, eventType: 'complaint.follow-up-decided', offset: String(i), contradicts: null })]);
    expect(report.violations.map((v) => [v.kind, v.eventType])).toContainEqual(['MISSING_STEP', 'complaint.team-formed']);
  });

  describe('a forger who can write to the topic cannot steer it (issue 14)', () => {
    const genuine = signedHistory(closed);
    const g = genuine.findIndex((e) => e.type === 'complaint.confirmed');
    const genuineConfirmation = genuine[g];
    const source = genuineConfirmation.source;
    const confirmClock = (report: AuditReport) => report.complaints[0].clocks.find((c) => c.key === 'CONFIRM');
    // The genuine confirmation came an hour after receipt; a forged one 10 minutes after would stop the clock early.
    const early = new Date(Date.parse(genuine[0].time) + 10 * 60_000).toISOString();

    /** The genuine history replayed with nothing but the genuine events: what every forgery must leave as it is. */
    function expectUnsteered(report: AuditReport): void {
      expect(report.violations).toEqual([]);
      expect(report.complaints).toHaveLength(1);
      expect(report.complaints[0]).toMatchObject({ complaintId: closed.complaintId, status: 'CLOSED', violations: 0, events: genuine.length });
      expect(confirmClock(report)).toMatchObject({ durationMs: 3_600_000, stoppedByEventId: genuineConfirmation.id, asRecorded: { outcome: 'on-time' } });
      expect(report.complaints[0].clocks).toEqual(auditEvents(asRecords(genuine), options()).complaints[0].clocks);
      expect(report.clean).toBe(false);
    }
    const contradictsGenuine = (relation: 'same-id' | 'same-type') => ({ relation, eventId: genuineConfirmation.id, eventType: 'complaint.confirmed', at: genuineConfirmation.time, partition: 0, offset: String(g) });

    it('a forged second confirmation (a signature that does not hold) is refused alone, naming the genuine one', () => {
      const forged = signEnvelope(anotherConfirmation(genuineConfirmation, genuineConfirmation.time), forgerKey(source));
      const report = auditEvents(asRecords([...genuine.slice(0, g + 1), forged, ...genuine.slice(g + 1)]), options());
      expect(report.refused).toEqual([expect.objectContaining({ code: 'EVENT.BAD_SIGNATURE', eventId: forged.id, eventType: 'complaint.confirmed', offset: String(g + 1), contradicts: contradictsGenuine('same-type') })]);
      expectUnsteered(report);
    });

    it('an unsigned second confirmation is refused alone', () => {
      const unsigned = anotherConfirmation(genuineConfirmation, genuineConfirmation.time);
      const report = auditEvents(asRecords([...genuine, unsigned]), options());
      expect(report.refused).toEqual([expect.objectContaining({ code: 'EVENT.UNSIGNED', eventId: unsigned.id, contradicts: contradictsGenuine('same-type') })]);
      expectUnsteered(report);
    });

    it('an altered copy of the genuine confirmation (same id, other body) is refused, before or after the genuine one; the genuine one is no duplicate', () => {
      const altered = { ...genuineConfirmation, time: early, data: { ...genuineConfirmation.data, summary: 'Diubah' } };
      for (const records of [
        [...genuine.slice(0, g + 1), altered, ...genuine.slice(g + 1)],
        [...genuine.slice(0, g), altered, ...genuine.slice(g)],
      ]) {
        const report = auditEvents(asRecords(records), options());
        expect(report.refused).toEqual([expect.objectContaining({ code: 'EVENT.BAD_SIGNATURE', eventId: genuineConfirmation.id, at: early, contradicts: expect.objectContaining({ relation: 'same-id', eventId: genuineConfirmation.id, at: genuineConfirmation.time }) })]);
        expect(report.notices.filter((n) => n.kind === 'REDELIVERED')).toEqual([]);
        expectUnsteered(report);
      }
    });

    it('a forged confirmation placed BEFORE the genuine one neither stops the clock nor makes the genuine one illegal', () => {
      const forged = signEnvelope(anotherConfirmation(genuineConfirmation, early), forgerKey(source));
      const report = auditEvents(asRecords([...genuine.slice(0, g), forged, ...genuine.slice(g)]), options());
      expect(report.refused).toEqual([expect.objectContaining({ code: 'EVENT.BAD_SIGNATURE', eventId: forged.id, offset: String(g), contradicts: { ...contradictsGenuine('same-type'), offset: String(g + 1) } })]);
      expect(report.complaints[0].clocks.find((c) => c.key === 'CONFIRM')).toMatchObject({ durationMs: 3_600_000, stoppedAt: genuineConfirmation.time });
      expect(report.violations).toEqual([]);
    });

    it('an event signed with an unknown key or with another source\'s key is refused', () => {
      const unknown = signEnvelope(anotherConfirmation(genuineConfirmation, early), parseEventSigningKey(generateEventSigningKey('nobody-2026', source).privateKey));
      const otherSource = signEnvelope(anotherConfirmation(genuineConfirmation, early), keys.signing.get('pengaduan/analysis') as EventSigningKey);
      const report = auditEvents(asRecords([...genuine, unknown, otherSource]), options());
      expect(report.refused.map((r) => [r.code, r.contradicts?.eventId])).toEqual([
        ['EVENT.UNKNOWN_KEY', genuineConfirmation.id],
        ['EVENT.KEY_NOT_FOR_SOURCE', genuineConfirmation.id],
      ]);
      expectUnsteered(report);
    });

    it('without keys nothing is verified, loudly, and everything is folded as before', () => {
      const forged = signEnvelope(anotherConfirmation(genuineConfirmation, early), forgerKey(source));
      const report = auditEvents(asRecords([...genuine.slice(0, g), forged, ...genuine.slice(g)]), { now: NOW });
      expect(report.notices[0]).toMatchObject({ kind: 'SIGNATURES_NOT_CHECKED', message: expect.stringMatching(/NOT checked.*a forged one too/) });
      expect(report.refused).toEqual([]);
      expect(report.violations).toEqual([expect.objectContaining({ kind: 'ILLEGAL_TRANSITION', eventId: genuineConfirmation.id, reason: expect.stringMatching(/cannot follow status CONFIRMED/) })]);
    });
  });

  describe('streaming', () => {
    it('emits a complaint when it closes, open ones at the end; a redelivery after the close stays a no-op, a late event is flagged', () => {
      const emitted: string[] = [];
      const sink: ReportSink = {
        complaint: (c) => emitted.push(`complaint ${c.complaintId} ${c.status}`),
        violation: (v) => emitted.push(`violation ${v.kind} ${v.eventId}`),
        refused: (r) => emitted.push(`refused ${r.code} ${r.contradicts?.eventId}`),
        notice: (n) => emitted.push(`notice ${n.kind} ${n.eventId}`),
        asOf: () => undefined,
      };
      // Reported at its closing: no rating or appeal is awaited here (docs/adr/0053).
      const auditor = new Auditor(options({ rateableWindow: 0 }), sink);
      const closedEnvelopes = signedHistory(closed);
      const halfwayEnvelopes = signedHistory(halfway);
      asRecords([halfwayEnvelopes[0], ...closedEnvelopes], 0).forEach((r) => auditor.add(r));
      expect(emitted).toEqual([`complaint ${closed.complaintId} CLOSED`]);
      const last = closedEnvelopes[closedEnvelopes.length - 1];
      const forged = signEnvelope(anotherConfirmation(closedEnvelopes[1], closedEnvelopes[1].time), forgerKey(closedEnvelopes[1].source));
      const late = signed({ ...closedEnvelopes[1], id: '01a24d31-85c4-768f-aac0-000000000001' }, keys);
      asRecords([last, forged, late, ...halfwayEnvelopes.slice(1)], 0, 100).forEach((r) => auditor.add(r));
      const summary = auditor.finish();
      expect(emitted).toEqual([
        `complaint ${closed.complaintId} CLOSED`,
        `notice REDELIVERED ${last.id}`,
        `refused EVENT.BAD_SIGNATURE ${closedEnvelopes[1].id}`,
        `violation ILLEGAL_TRANSITION ${late.id}`,
        `complaint ${halfway.complaintId} DISPOSED`,
      ]);
      expect(summary.totals).toEqual({ complaints: 2, violations: 1, refused: 1, notices: 1 });
      expect(summary.records.redelivered).toBe(1);
    });

    it('forgets a closed complaint beyond the window: memory follows the open complaints, not the log', () => {
      const auditor = new Auditor(options({ closedWindow: 1, rateableWindow: 0 }), { complaint: () => undefined, violation: () => undefined, refused: () => undefined, notice: () => undefined, asOf: () => undefined });
      const internals = auditor as unknown as { complaints: Map<string, unknown>; closed: Map<string, unknown>; seen: Map<string, unknown> };
      for (let i = 0; i < 5; i++) {
        const h = historyUntil('CLOSED', { officeCode: 'JKT1', trackingNumber: `JKT1-2026-10000${i}` });
        asRecords(signedHistory(h), 0, i * 100).forEach((r) => auditor.add(r));
      }
      expect(internals.complaints.size).toBe(0);
      expect(internals.closed.size).toBe(1);
      expect(internals.seen.size).toBe(closed.envelopes.length);
      expect(auditor.finish().totals.complaints).toBe(5);
    });
  });

  it('accepts a complaint.personal-data-erased years after closing, also of a complaint forgotten or never read (docs/adr/0057)', () => {
    const h = historyUntil('CLOSED', { officeCode: 'JKT1' });
    const erased = eventFor(h, { type: 'complaint.personal-data-erased', at: '2028-03-03T00:00:00.000Z', actor: { kind: 'system', service: 'intake' }, data: { reason: 'RETENTION' } }, 'pengaduan/intake');
    for (const rateableWindow of [0, undefined]) {
      const report = auditEvents(asRecords([...signedHistory(h), erased]), options({ closedWindow: 1, rateableWindow }));
      expect({ violations: report.violations, refused: report.refused, clean: report.clean }).toEqual({ violations: [], refused: [], clean: true });
    }
    const alone = auditEvents(asRecords([erased]), options());
    expect({ violations: alone.violations, complaints: alone.complaints, clean: alone.clean }).toEqual({ violations: [], complaints: [], clean: true });
  });

  it('flags a skipped step as a missing step, naming the step', () => {
    const h = historyUntil('RECEIVED', { officeCode: 'JKT1' });
    const analyzed = closed.events.find((e) => e.type === 'complaint.analyzed') as SopEvent;
    const envelopes = [...signedHistory(h), eventFor(h, analyzed, 'pengaduan/analysis')];
    const report = auditEvents(asRecords(envelopes), options());
    expect(report.violations).toEqual([expect.objectContaining({ kind: 'MISSING_STEP', complaintId: h.complaintId, eventType: 'complaint.analyzed', eventId: envelopes[1].id })]);
    expect(report.violations[0].reason).toMatch(/cannot follow status RECEIVED.*missing step: step CONFIRM/);
    expect(report.complaints[0].status).toBe('RECEIVED');
  });

  it('flags a step by a role the SOP does not allow', () => {
    const h = historyUntil('ANALYZED', { officeCode: 'JKT1' });
    const decided = closed.events.find((e) => e.type === 'complaint.follow-up-decided') as SopEvent;
    const byAdmin = { ...decided, actor: { kind: 'user', userId: 'u-admin-tikkim', role: 'ADMIN_TIKKIM' } } as SopEvent;
    const envelopes = [...signedHistory(h), eventFor(h, byAdmin, 'pengaduan/analysis')];
    const report = auditEvents(asRecords(envelopes), options());
    expect(report.violations).toEqual([expect.objectContaining({ kind: 'WRONG_ROLE', complaintId: h.complaintId, eventType: 'complaint.follow-up-decided' })]);
    expect(report.violations[0].reason).toMatch(/ADMIN_TIKKIM may not decideFollowUp.*only KEPALA_SEKSI_TI/);
  });

  it('flags every illegal event of a complaint, not only the first', () => {
    const h = historyUntil('RECEIVED', { officeCode: 'JKT1' });
    const analyzed = closed.events.find((e) => e.type === 'complaint.analyzed') as SopEvent;
    const teamFormed = closed.events.find((e) => e.type === 'complaint.team-formed') as SopEvent;
    const envelopes = [...signedHistory(h), eventFor(h, analyzed, 'pengaduan/analysis'), eventFor(h, teamFormed, 'pengaduan/team-decree')];
    const report = auditEvents(asRecords(envelopes), options());
    expect(report.violations.map((v) => [v.kind, v.eventType])).toEqual([
      ['MISSING_STEP', 'complaint.analyzed'],
      ['MISSING_STEP', 'complaint.team-formed'],
    ]);
  });

  it('notes a redelivered event (same bytes) and flags an event id reused for other content', () => {
    const envelopes = signedHistory(closed);
    const again = envelopes[2];
    const reused = signed({ ...envelopes[3], correlationid: 'another-flow', id: envelopes[1].id }, keys);
    const records = asRecords([...envelopes.slice(0, 3), again, reused, ...envelopes.slice(3)]);
    const report = auditEvents(records, options());
    expect(report.records.redelivered).toBe(1);
    expect(report.notices).toEqual([expect.objectContaining({ kind: 'REDELIVERED', eventId: again.id, offset: '3' })]);
    expect(report.violations).toEqual([expect.objectContaining({ kind: 'DUPLICATE', complaintId: closed.complaintId, eventId: envelopes[1].id, offset: '4' })]);
    expect(report.complaints[0].status).toBe('CLOSED');
  });

  it('flags a complaint whose complaint.received is not in the log, once', () => {
    const report = auditEvents(asRecords(signedHistory(closed).slice(1)), options());
    expect(report.violations).toEqual([expect.objectContaining({ kind: 'MISSING_STEP', complaintId: closed.complaintId, reason: expect.stringMatching(/complaint.received is not in the log/) })]);
    expect(report.complaints[0].status).toBe('NEW');
  });

  it('assumes a missing follower of the same decision and flags it', () => {
    const envelopes = signedHistory(closed).filter((e) => e.type !== 'complaint.disposition-completed');
    const report = auditEvents(asRecords(envelopes), options());
    expect(report.violations).toEqual([expect.objectContaining({ kind: 'MISSING_STEP', eventType: 'complaint.section-responded', reason: expect.stringMatching(/disposition-completed is not in the log/) })]);
    expect(report.complaints[0].status).toBe('CLOSED');
  });

  it('accepts a complaint closed after a call that did not reach the reporter and giving up, and assumes a closing left out (docs/adr/0044)', () => {
    const h = historyUntil('REPORTER_INFORMED', { officeCode: 'JKT1' });
    h.callAttempted();
    h.deliveryAbandoned();
    const clean = auditEvents(asRecords(signedHistory(h)), options());
    expect(clean.violations).toEqual([]);
    expect(clean.complaints[0]).toMatchObject({ status: 'CLOSED', violations: 0 });
    const withoutClosing = auditEvents(asRecords(signedHistory(h).filter((e) => e.type !== 'complaint.closed')), options());
    expect(withoutClosing.violations).toEqual([expect.objectContaining({ kind: 'MISSING_STEP', eventType: 'complaint.delivery-abandoned', reason: expect.stringMatching(/closed is not in the log/) })]);
    expect(withoutClosing.complaints[0].status).toBe('CLOSED');
  });

  describe('ratings and appeals after closing (docs/adr/0053)', () => {
    /** Closed, rated poorly (the appeal opens), sent back to step 3, closed again; appealed, upheld, closed again. */
    function appealedTwice(): ComplaintHistory {
      const h = historyUntil('CLOSED', { officeCode: 'JKT1' });
      h.when({ type: 'rate', actor: { kind: 'system', service: 'intake' }, rating: 1, hasComment: true, appealWindowDays: 14 });
      h.when({ type: 'reviewAppeal', actor: h.officers.kepalaKantor, decision: 'REDISPOSE' });
      h.until('CLOSED');
      h.when({ type: 'appeal', actor: h.officers.admin, hasReason: false, appealWindowDays: 14 });
      h.when({ type: 'reviewAppeal', actor: h.officers.kepalaKantor, decision: 'UPHOLD', reason: 'Jawaban sesuai ketentuan' });
      return h.until('CLOSED');
    }

    it('replays both outcomes to CLOSED again with no violation, each round on clocks of its own, the review timed', () => {
      const report = auditEvents(asRecords(signedHistory(appealedTwice())), options());
      expect(report.violations).toEqual([]);
      expect(report.complaints[0]).toMatchObject({ status: 'CLOSED', violations: 0 });
      const keys = report.complaints[0].clocks.map((c) => c.key);
      expect(keys).toEqual(expect.arrayContaining(['DISPOSE_AND_PROCESS', 'REVIEW_APPEAL@1', 'DISPOSE_AND_PROCESS@1', 'SECTION_RESPONSE:INTELDAKIM@1', 'DELIVER_INFORMATION@1', 'REVIEW_APPEAL@2', 'DELIVER_INFORMATION@2']));
      expect(report.complaints[0].clocks.find((c) => c.key === 'REVIEW_APPEAL@1')).toMatchObject({ asRecorded: { outcome: 'on-time' } });
    });

    it('flags a review by another role than the head of office, and a poor rating within the window that opened no appeal', () => {
      const h = historyUntil('CLOSED', { officeCode: 'JKT1' });
      const rated: SopEvent = { type: 'complaint.rated', at: h.now.toISOString(), actor: h.officers.admin, data: { rating: 1, hasComment: false, withinAppealWindow: true } };
      const lonely = auditEvents(asRecords([...signedHistory(h), eventFor(h, rated, 'pengaduan/intake')]), options());
      expect(lonely.violations).toEqual([expect.objectContaining({ eventType: 'complaint.rated', reason: expect.stringMatching(/not followed by complaint.appealed/) })]);

      const appealed = historyUntil('CLOSED', { officeCode: 'JKT1' });
      appealed.when({ type: 'appeal', actor: appealed.officers.admin, hasReason: true, appealWindowDays: 14 });
      const byAdmin: SopEvent = { type: 'complaint.appeal-reviewed', at: appealed.now.toISOString(), actor: appealed.officers.admin, data: { decision: 'REANALYZE' } };
      const wrongRole = auditEvents(asRecords([...signedHistory(appealed), eventFor(appealed, byAdmin, 'pengaduan/disposition')]), options());
      expect(wrongRole.violations).toEqual([expect.objectContaining({ kind: 'WRONG_ROLE', eventType: 'complaint.appeal-reviewed' })]);
    });
  });

  describe('calls about a notice no channel delivered (docs/adr/0051)', () => {
    /** A complaint whose acknowledgement failed, was called about and then `end`ed, then went its SOP way to `status`. */
    function withAcknowledgementCall(end: 'told' | 'given up', status: 'CONFIRMED' | 'CLOSED' = 'CLOSED'): ComplaintHistory {
      const h = historyUntil('RECEIVED', { officeCode: 'JKT1' });
      h.acknowledgementFailed();
      h.callAttempted(undefined, 'ACKNOWLEDGEMENT');
      if (end === 'told') h.acknowledgedByPhone();
      else h.deliveryAbandoned('Nomor tidak aktif', 'ACKNOWLEDGEMENT');
      return h.until(status);
    }

    it('accepts the acknowledgement told by phone or given up, which move no step: every clock as without them', () => {
      for (const end of ['told', 'given up'] as const) {
        const report = auditEvents(asRecords(signedHistory(withAcknowledgementCall(end))), options());
        expect(report.violations).toEqual([]);
        expect(report.complaints[0]).toMatchObject({ status: 'CLOSED', violations: 0 });
        expect(report.complaints[0].clocks.map((c) => c.key)).toEqual(['CONFIRM', 'DISPOSE_AND_PROCESS', 'SECTION_RESPONSE:INTELDAKIM', 'ANALYZE', 'DECIDE_FOLLOW_UP', 'FORM_TEAM', 'DELIVER_INFORMATION', 'SOP_TARGET', 'STATUTORY_SETTLEMENT']);
      }
    });

    it('accepts a dismissal notice called about and given up: the dismissed complaint closes', () => {
      const h = historyUntil('DISMISSED', { officeCode: 'JKT1' });
      h.reporterInformed();
      h.callAttempted();
      h.deliveryAbandoned();
      const report = auditEvents(asRecords(signedHistory(h)), options());
      expect(report.violations).toEqual([]);
      expect(report.complaints[0]).toMatchObject({ status: 'CLOSED' });
    });

    it('flags the tracking number told by phone though no channel failed it, by a role that may not, or twice', () => {
      const h = historyUntil('CONFIRMED', { officeCode: 'JKT1' });
      const told: SopEvent = { type: 'complaint.acknowledged', at: h.now.toISOString(), actor: h.officers.admin, data: { trackingNumber: h.trackingNumber } };
      const unasked = auditEvents(asRecords([...signedHistory(h), eventFor(h, told, 'pengaduan/notification')]), options());
      expect(unasked.violations).toEqual([expect.objectContaining({ kind: 'ILLEGAL_TRANSITION', eventType: 'complaint.acknowledged', reason: expect.stringMatching(/no call about ACKNOWLEDGEMENT is awaited/) })]);

      const failed = withAcknowledgementCall('told', 'CONFIRMED');
      const byHead: SopEvent = { ...told, actor: failed.officers.kepalaKantor } as SopEvent;
      const wrongRole = auditEvents(asRecords([...signedHistory(failed), eventFor(failed, byHead, 'pengaduan/notification')]), options());
      expect(wrongRole.violations).toEqual([expect.objectContaining({ kind: 'WRONG_ROLE', eventType: 'complaint.acknowledged' })]);
      const twice = auditEvents(asRecords([...signedHistory(failed), eventFor(failed, { ...told, at: failed.now.toISOString() } as SopEvent, 'pengaduan/notification')]), options());
      expect(twice.violations).toEqual([expect.objectContaining({ kind: 'ILLEGAL_TRANSITION', eventType: 'complaint.acknowledged' })]);
    });

    it('flags a closing after the acknowledgement given up: giving it up closes nothing', () => {
      const h = historyUntil('REPORTER_INFORMED', { officeCode: 'JKT1' });
      h.acknowledgementFailed();
      h.deliveryAbandoned('Nomor tidak aktif', 'ACKNOWLEDGEMENT');
      const closing: SopEvent = { type: 'complaint.closed', at: h.now.toISOString(), actor: h.officers.admin, data: { outcome: 'FOLLOWED_UP' } };
      const report = auditEvents(asRecords([...signedHistory(h), eventFor(h, closing, 'pengaduan/notification')]), options());
      expect(report.violations).toEqual([expect.objectContaining({ eventType: 'complaint.closed', reason: expect.stringMatching(/does not follow complaint.information-delivered or complaint.delivery-abandoned/) })]);
      expect(report.complaints[0].status).toBe('REPORTER_INFORMED');
    });
  });

  it('flags an unparseable record with its offset, and an event for another office than the complaint', () => {
    const envelopes = signedHistory(closed);
    const moved = signed({ ...envelopes[1], office: 'XXX9' }, keys);
    const report = auditEvents([...asRecords(['{"not":"an event"', envelopes[0], moved, ...envelopes.slice(2)], 4)], options());
    expect(report.violations).toEqual([
      expect.objectContaining({ kind: 'UNPARSEABLE', complaintId: null, partition: 4, offset: '0' }),
      expect.objectContaining({ kind: 'INCONSISTENT', complaintId: closed.complaintId, officeCode: 'XXX9', offset: '2' }),
    ]);
  });

  it('recomputes the SLA under a what-if policy: a 30-minute confirmation turns the 1-hour step late', () => {
    const strict = parseSlaPolicy({ deadlineHours: { CONFIRM: 0.5 } });
    if (!strict.ok) throw new Error(strict.problems.join());
    const report = auditEvents(asRecords(signedHistory(closed)), options({ whatIfPolicies: { JKT1: strict.policy } }));
    const confirm = report.complaints[0].clocks.find((c) => c.key === 'CONFIRM');
    expect(confirm).toMatchObject({ asRecorded: { outcome: 'on-time' }, whatIf: { outcome: 'late', dueAt: '2026-03-02T01:30:00.000Z' } });
    expect(report.complaints[0].clocks.filter((c) => c.whatIf?.outcome === 'late')).toHaveLength(1);
    expect(report.offices[0]).toMatchObject({ lateClocks: 0, lateClocksWhatIf: 1 });
  });

  it('applies the "*" what-if policy to offices the file does not name, and a working calendar moves due times', () => {
    const calendar = parseSlaPolicy({ calendar: 'WORKING_CALENDAR', deadlineHours: { DELIVER_INFORMATION: 1 } });
    if (!calendar.ok) throw new Error(calendar.problems.join());
    // Received on Saturday 2026-03-07 08:00 WIB: no working time until Monday.
    const weekend = historyUntil('CLOSED', { officeCode: 'MDN1', start: new Date('2026-03-07T01:00:00Z') });
    const records = [...asRecords(signedHistory(weekend), 0), ...asRecords(signedHistory(closed), 1)];
    const report = auditEvents(records, options({ whatIfPolicies: { '*': calendar.policy } }));
    const [saturday, monday] = report.complaints;
    // 12 working hours from Saturday: Monday 07:30-16:00 WIB (8.5 h) and Tuesday 07:30-11:00 WIB.
    expect(saturday.clocks.find((c) => c.key === 'CONFIRM')?.whatIf).toEqual({ dueAt: '2026-03-10T04:00:00.000Z', outcome: 'on-time' });
    // Monday 14:00 WIB to 16:00 WIB with a 1-hour delivery deadline: late; on Saturday no working time passes.
    expect(monday.clocks.find((c) => c.key === 'DELIVER_INFORMATION')).toMatchObject({ asRecorded: { outcome: 'on-time' }, whatIf: { dueAt: '2026-03-02T08:00:00.000Z', outcome: 'late' } });
    expect(saturday.clocks.find((c) => c.key === 'DELIVER_INFORMATION')?.whatIf?.outcome).toBe('on-time');
  });

  it('answers the state of every complaint as of a time', () => {
    const later = historyUntil('CLOSED', { officeCode: 'JKT1', start: new Date('2026-03-05T00:00:00Z') });
    const records = [...asRecords(signedHistory(closed), 0), ...asRecords(signedHistory(halfway), 1), ...asRecords(signedHistory(later), 2)];
    // Histories start 2026-03-02T01:00Z, one step an hour: at 03:30 the first two are dispositioned.
    const report = auditEvents(records, options({ asOf: '2026-03-02T03:30:00Z' }));
    expect(report.asOf?.complaints).toEqual([
      { complaintId: closed.complaintId, officeCode: 'JKT1', status: 'DISPOSED', since: '2026-03-02T03:00:00.000Z' },
      { complaintId: halfway.complaintId, officeCode: 'SBY1', status: 'DISPOSED', since: '2026-03-02T03:00:00.000Z' },
    ]);
    expect(report.asOf?.byStatus).toEqual({ DISPOSED: 2 });
    const atEnd = auditEvents(records, options({ asOf: '2026-03-05T12:00:00Z', rateableWindow: 0 }));
    // Emitted as they close, open ones at the end.
    expect(atEnd.asOf?.complaints.map((c) => [c.complaintId, c.status])).toEqual([
      [closed.complaintId, 'CLOSED'],
      [later.complaintId, 'CLOSED'],
      [halfway.complaintId, 'DISPOSED'],
    ]);
  });

  it('filters by office, complaint and period', () => {
    const records = [...asRecords(signedHistory(closed), 0), ...asRecords(signedHistory(halfway), 1)];
    expect(auditEvents(records, options({ filters: { office: 'SBY1' } })).complaints.map((c) => c.complaintId)).toEqual([halfway.complaintId]);
    expect(auditEvents(records, options({ filters: { complaintId: closed.complaintId } })).complaints.map((c) => c.complaintId)).toEqual([closed.complaintId]);
    expect(auditEvents(records, options({ filters: { from: '2026-03-03T00:00:00Z' } })).complaints).toEqual([]);
    expect(auditEvents(records, options({ filters: { from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' } })).complaints).toHaveLength(2);
  });
});
