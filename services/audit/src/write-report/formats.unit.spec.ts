import { historyUntil } from '@pengaduan/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signEnvelope } from '@pengaduan/contracts';
import { anotherConfirmation, asRecords, forgerKey, signed, testKeys } from '../__fixtures__/signed-histories';
import { Auditor, auditEvents, type AuditOptions } from '../audit-core/auditor';
import type { AuditReport } from '../audit-core/report';
import { escapeHtml, refusedCsvChunks, toCsv, toHtml, toJson, toTerminal } from './formats';
import { refusedCsvPath, SpoolSink, writeReports } from './spool';

const keys = testKeys();
const h = historyUntil('CLOSED', { officeCode: 'JKT1', trackingNumber: 'JKT1-2026-000001' });
const bad = historyUntil('RECEIVED', { officeCode: 'JKT1' });
const envelopes = h.envelopes.map((e) => signed(e, keys));
const confirmation = envelopes[1];
const forged = signEnvelope(anotherConfirmation(confirmation, confirmation.time), forgerKey(confirmation.source));
const records = [
  ...asRecords([...envelopes, forged], 0),
  ...asRecords(bad.envelopes.map((e) => signed({ ...e, correlationid: '<script>alert(1)</script>' }, keys)), 1),
  ...asRecords(['=HYPERLINK("x")'], 2),
];
const options: AuditOptions = { keyRing: keys.keyRing, now: '2026-06-01T00:00:00Z', asOf: '2026-03-02T02:30:00Z' };

describe('report formats', () => {
  const report: AuditReport = auditEvents(records, options);

  it('terminal: counts by office, every violation and every refused event with its complaint', () => {
    const text = toTerminal(report);
    expect(text).toMatch(/office\s+complaints\s+events/);
    expect(text).toMatch(/JKT1\s+2\s+12/);
    expect(text).toMatch(/1 violation\(s\):\n\s+UNPARSEABLE/);
    expect(text).toMatch(/Signatures: 12 verified, 1 refused .*only verified events were replayed/);
    expect(text).toContain(`1 refused event(s), not replayed`);
    expect(text).toContain(`EVENT.BAD_SIGNATURE    complaint ${h.complaintId} complaint.confirmed ${forged.id} at 0/11`);
    expect(text).toContain(`competes with genuine complaint.confirmed ${confirmation.id} at 0/1`);
    expect(text).toMatch(/As of 2026-03-02T02:30:00.000Z: CONFIRMED 1, RECEIVED 1/);
    expect(toTerminal(auditEvents(records, { now: options.now }))).toMatch(/Signatures: NOT CHECKED .*NOTHING WAS VERIFIED/);
  });

  it('JSON: everything, parseable, the refused events apart', () => {
    const json = JSON.parse(toJson(report)) as AuditReport;
    expect(json).toEqual(JSON.parse(JSON.stringify(report)));
    expect(json.refused).toEqual([expect.objectContaining({ eventId: forged.id, code: 'EVENT.BAD_SIGNATURE', contradicts: expect.objectContaining({ relation: 'same-type', eventId: confirmation.id }) })]);
  });

  it('CSV: one quoted row per complaint with durations per step; the refused events in their own file; no formula injection', () => {
    const lines = toCsv(report).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^"complaint_id","office","tracking_number","received_at","status","events","violations","CONFIRM_hours","CONFIRM_outcome"/);
    expect(lines[1]).toContain(`"${h.complaintId}","JKT1","JKT1-2026-000001","2026-03-02T01:00:00.000Z","CLOSED","11","0","1","on-time"`);
    expect(lines[2]).toContain(`"${bad.complaintId}","JKT1"`);
    const refused = [...refusedCsvChunks(report.refused)].join('').trim().split('\r\n');
    expect(refused).toHaveLength(2);
    expect(refused[1]).toContain(`"${h.complaintId}","JKT1","${forged.id}","complaint.confirmed"`);
    expect(refused[1]).toContain(`"EVENT.BAD_SIGNATURE"`);
    expect(refused[1]).toContain(`"same-type","${confirmation.id}","complaint.confirmed"`);
    expect(refusedCsvPath('out/a.csv')).toBe('out/a.refused.csv');
  });

  it('HTML: self-contained, no script, every text escaped, a section of refused events', () => {
    const html = toHtml(report);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toMatch(/<style>/);
    expect(html).not.toMatch(/<script|<link|<img|src=|href=/i);
    expect(html).toContain(bad.complaintId);
    expect(html).toContain('UNPARSEABLE');
    expect(html).toMatch(/<h2>Refused events<\/h2>.*EVENT.BAD_SIGNATURE.*competes with genuine complaint.confirmed/s);
    expect(escapeHtml('<a href="x">&\'`</a>')).toBe('&#60;a href=&#34;x&#34;&#62;&#38;&#39;&#96;&#60;/a&#62;');
  });

  it('streamed through the spool, every format has the same content as from the report in memory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-formats-'));
    const spool = new SpoolSink();
    try {
      const auditor = new Auditor(options, spool);
      for (const r of records) auditor.add(r);
      const summary = auditor.finish();
      const files = { json: join(dir, 'a.json'), csv: join(dir, 'a.csv'), html: join(dir, 'a.html'), title: 'T' };
      const terminal = writeReports(summary, spool.lists(), files);
      expect(terminal).toBe(toTerminal(report));
      expect(JSON.parse(readFileSync(files.json, 'utf8'))).toEqual(JSON.parse(toJson(report)));
      expect(readFileSync(files.csv, 'utf8')).toBe(toCsv(report));
      expect(readFileSync(join(dir, 'a.refused.csv'), 'utf8')).toBe([...refusedCsvChunks(report.refused)].join(''));
      expect(readFileSync(files.html, 'utf8')).toBe(toHtml(report, 'T'));
    } finally {
      spool.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
