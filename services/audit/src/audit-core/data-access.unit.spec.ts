import type { EventEnvelope } from '@pengaduan/contracts';
import { ACCESS_REQUEST_DUE_MS } from '@pengaduan/sop';
import { historyUntil, type ComplaintHistory } from '@pengaduan/testing';
import { asRecords, signed, testKeys } from '../__fixtures__/signed-histories';
import { auditEvents, type AuditOptions } from './auditor';

// docs/adr/0061: the replay judges UU 27/2022 Pasal 32: every access request answered within 3 × 24 hours.

const keys = testKeys();
const NOW = '2026-06-01T00:00:00.000Z';
const options = (extra: Partial<AuditOptions> = {}): AuditOptions => ({ keyRing: keys.keyRing, now: NOW, ...extra });
const HOUR = 3_600_000;

/** The history's envelopes so far, signed, then Admin Tikkim's access request at `at` and, `answerAfter` hours later, its answer. */
function withRequest(h: ComplaintHistory, at: Date, answerAfter?: number): { envelopes: EventEnvelope[]; requestId: string } {
  const requestId = `0195f0a2-7c1e-7000-8000-${String(Math.floor(at.getTime() / 1000) % 1e12).padStart(12, '0')}`;
  const dueAt = new Date(at.getTime() + ACCESS_REQUEST_DUE_MS).toISOString();
  h.when({ type: 'recordDataAccessRequest', actor: h.officers.admin, requestId, verifiedBy: 'IN_PERSON', dueAt }, at);
  if (answerAfter !== undefined) {
    const answeredAt = new Date(at.getTime() + answerAfter * HOUR);
    h.when({ type: 'recordDataAccessAnswer', actor: h.officers.admin, requestId, dueAt, answeredAt: answeredAt.toISOString() }, answeredAt);
  }
  return { envelopes: h.envelopes.map((e) => signed(e, keys)), requestId };
}

describe('the audit of access requests to personal data', () => {
  it('accepts a request answered within 72 hours on a closed complaint, its report written long before, and shows its clock', () => {
    const h = historyUntil('CLOSED', { officeCode: 'JKT1' });
    const { envelopes } = withRequest(h, new Date('2026-04-01T02:00:00Z'), 71);
    for (const rateableWindow of [0, undefined]) {
      const report = auditEvents(asRecords(envelopes), options({ closedWindow: 1, rateableWindow }));
      expect({ violations: report.violations, refused: report.refused, clean: report.clean }).toEqual({ violations: [], refused: [], clean: true });
    }
    // Kept open for a rating, the complaint's report holds the request's clock, answered on time.
    const kept = auditEvents(asRecords(envelopes), options());
    expect(kept.complaints[0].clocks.find((c) => c.clockId === 'DATA_ACCESS')).toMatchObject({ stoppedAt: '2026-04-04T01:00:00.000Z', asRecorded: { outcome: 'on-time' } });
  });

  it('finds an answer after 72 hours, naming the request and its due time', () => {
    const h = historyUntil('CLOSED', { officeCode: 'JKT1' });
    const { envelopes, requestId } = withRequest(h, new Date('2026-04-01T02:00:00Z'), 73);
    const report = auditEvents(asRecords(envelopes), options({ closedWindow: 1, rateableWindow: 0 }));
    expect(report.clean).toBe(false);
    expect(report.violations).toEqual([
      expect.objectContaining({ kind: 'DATA_ACCESS_LATE', code: 'DATA_ACCESS.ANSWERED_LATE', complaintId: h.complaintId, eventType: 'complaint.data-access-answered', eventId: envelopes.at(-1)?.id }),
    ]);
    expect(report.violations[0]?.reason).toContain(requestId);
    expect(report.violations[0]?.reason).toContain('2026-04-04T02:00:00.000Z');
  });

  it('finds a request still open past its due time at the end of the log, and none still within it', () => {
    const overdue = historyUntil('DISPOSED', { officeCode: 'SBY1' });
    const a = withRequest(overdue, new Date('2026-05-20T00:00:00Z'));
    const within = historyUntil('CLOSED', { officeCode: 'SBY1' });
    const b = withRequest(within, new Date('2026-05-30T00:00:00Z'));
    const report = auditEvents(asRecords([...a.envelopes, ...b.envelopes]), options());
    expect(report.violations).toEqual([expect.objectContaining({ kind: 'DATA_ACCESS_LATE', code: 'DATA_ACCESS.OVERDUE', complaintId: overdue.complaintId, eventType: 'complaint.data-access-requested' })]);
    expect(report.violations[0]?.reason).toContain(a.requestId);
  });

  it('folds the correction and the restriction as legal, and flags one recorded by another role than Admin Tikkim', () => {
    const h = historyUntil('ANALYZED', { officeCode: 'JKT1' });
    h.when({ type: 'recordContactRestriction', actor: h.officers.admin, restricted: true });
    h.when({ type: 'recordContactCorrection', actor: h.officers.admin, fields: ['phone'] });
    h.when({ type: 'recordContactRestriction', actor: h.officers.admin, restricted: false });
    const sound = auditEvents(asRecords(h.envelopes.map((e) => signed(e, keys))), options());
    expect(sound.violations).toEqual([]);
    const byHead = h.envelopeOf({ type: 'complaint.contact-restricted', at: h.now.toISOString(), actor: h.officers.kepalaKantor, data: {} });
    const report = auditEvents(asRecords([...h.envelopes, byHead].map((e) => signed(e, keys))), options());
    expect(report.violations).toEqual([expect.objectContaining({ kind: 'WRONG_ROLE', eventType: 'complaint.contact-restricted' })]);
  });
});
