import { historyUntil } from '@pengaduan/testing';
import { asRecords, signed, testKeys } from '../__fixtures__/signed-histories';
import { auditEvents } from '../audit-core/auditor';
import type { AuditReport } from '../audit-core/report';
import { escapeHtml, toCsv, toHtml, toJson, toTerminal } from './formats';

const keys = testKeys();
const h = historyUntil('CLOSED', { officeCode: 'JKT1' });
const bad = historyUntil('RECEIVED', { officeCode: 'JKT1' });

function reportWithViolation(): AuditReport {
  const envelopes = h.envelopes.map((e) => signed(e, keys));
  const badEnvelopes = bad.envelopes.map((e) => ({ ...signed(e, keys), correlationid: '<script>alert(1)</script>' }));
  return auditEvents([...asRecords(envelopes, 0), ...asRecords(badEnvelopes, 1), ...asRecords(['=HYPERLINK("x")'], 2)], { keyRing: keys.keyRing, now: '2026-06-01T00:00:00Z', asOf: '2026-03-02T02:30:00Z' });
}

describe('report formats', () => {
  const report = reportWithViolation();

  it('terminal: counts by office and every violation with its complaint', () => {
    const text = toTerminal(report);
    expect(text).toMatch(/office\s+complaints\s+events/);
    expect(text).toMatch(/JKT1\s+2\s+12/);
    expect(text).toContain(`complaint ${bad.complaintId}`);
    expect(text).toMatch(/SIGNATURE\s+complaint/);
    expect(text).toMatch(/As of 2026-03-02T02:30:00.000Z: CONFIRMED 1, RECEIVED 1/);
  });

  it('JSON: everything, parseable', () => {
    expect(JSON.parse(toJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('CSV: one quoted row per complaint with durations per step; no formula injection', () => {
    const lines = toCsv(report).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^"complaint_id","office","tracking_number","received_at","status","events","violations","CONFIRM_hours","CONFIRM_outcome"/);
    expect(lines[1]).toContain(`"${h.complaintId}","JKT1","JKT1-2026-000001","2026-03-02T01:00:00.000Z","CLOSED","11","0","1","on-time"`);
    expect(lines[2]).toContain(`"${bad.complaintId}","JKT1"`);
  });

  it('HTML: self-contained, no script, every text escaped', () => {
    const html = toHtml(report);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toMatch(/<style>/);
    expect(html).not.toMatch(/<script|<link|<img|src=|href=/i);
    expect(html).toContain(bad.complaintId);
    expect(html).toContain('UNPARSEABLE');
    expect(escapeHtml('<a href="x">&\'`</a>')).toBe('&#60;a href=&#34;x&#34;&#62;&#38;&#39;&#96;&#60;/a&#62;');
  });
});
