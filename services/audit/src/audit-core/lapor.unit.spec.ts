import type { SopEvent } from '@pengaduan/sop';
import { historyUntil, type ComplaintHistory } from '@pengaduan/testing';
import { asRecords, signed, testKeys } from '../__fixtures__/signed-histories';
import { auditEvents } from './auditor';

// docs/adr/0055: a complaint that came through SP4N-LAPOR!, answered by a posting on LAPOR!.

const keys = testKeys();
const options = { keyRing: keys.keyRing, now: '2026-06-01T00:00:00.000Z' };
const signedHistory = (h: ComplaintHistory) => h.envelopes.map((e) => signed(e, keys));

/** A LAPOR! complaint to the answer written, then the posting recorded by `actor`. */
function posted(actor: 'admin' | 'system'): ComplaintHistory {
  const h = historyUntil('REPORTER_INFORMED', { officeCode: 'JKT1', channel: 'LAPOR' });
  const at = new Date(h.now.getTime() + 3_600_000);
  const posting: SopEvent[] = [
    { type: 'complaint.information-delivered', at: at.toISOString(), actor: actor === 'admin' ? h.officers.admin : { kind: 'system', service: 'notification' }, data: { channel: 'LAPOR', method: 'LAPOR_POSTED', deliveredAt: at.toISOString() } },
    { type: 'complaint.closed', at: at.toISOString(), actor: actor === 'admin' ? h.officers.admin : { kind: 'system', service: 'notification' }, data: { outcome: 'FOLLOWED_UP' } },
  ];
  for (const event of posting) h.envelopes.push(h.envelopeOf(event, 'pengaduan/notification'));
  return h;
}

describe('the audit of a LAPOR! complaint', () => {
  it('accepts the posting on LAPOR! recorded by Admin Tikkim, and judges LAPOR!’s two clocks beside the SOP’s', () => {
    const report = auditEvents(asRecords(signedHistory(posted('admin'))), options);
    expect(report.violations).toEqual([]);
    expect(report.complaints[0]).toMatchObject({ status: 'CLOSED', violations: 0 });
    const clocks = report.complaints[0].clocks;
    expect(clocks.map((c) => c.key)).toEqual(expect.arrayContaining(['CONFIRM', 'SOP_TARGET', 'LAPOR_VERIFICATION', 'LAPOR_FOLLOW_UP']));
    expect(clocks.find((c) => c.key === 'LAPOR_VERIFICATION')).toMatchObject({ stoppedAt: expect.any(String), asRecorded: { outcome: 'on-time', dueSource: 'default-policy' } });
    expect(clocks.find((c) => c.key === 'LAPOR_FOLLOW_UP')).toMatchObject({ stoppedAt: expect.any(String), asRecorded: { outcome: 'on-time' } });
  });

  it('flags a posting on LAPOR! recorded by the system: only the officer who posted records it', () => {
    const report = auditEvents(asRecords(signedHistory(posted('system'))), options);
    expect(report.violations).toEqual(expect.arrayContaining([expect.objectContaining({ eventType: 'complaint.information-delivered' })]));
  });

  it('runs no LAPOR! clock on a complaint of another channel', () => {
    const report = auditEvents(asRecords(signedHistory(historyUntil('CLOSED', { officeCode: 'JKT1' }))), options);
    expect(report.complaints[0].clocks.filter((c) => c.key.startsWith('LAPOR_'))).toEqual([]);
  });
});
