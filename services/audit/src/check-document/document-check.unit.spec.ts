import type { EventEnvelope } from '@pengaduan/contracts';
import { historyUntil } from '@pengaduan/testing';
import { createHash } from 'node:crypto';
import { asRecords, signed, testKeys } from '../__fixtures__/signed-histories';
import { describeDocumentCheck, DocumentCheck } from './document-check';

const keys = testKeys();
const copy = Buffer.from('%PDF-1.7 … Lembar Disposisi LD/JKT1/2026/000001 … %%EOF');
const sha = createHash('sha256').update(copy).digest('hex');

/** A closed history whose complaint.disposed carries `documentSha256`. */
function historyRecordingDocument(documentSha256: string, sign = true): EventEnvelope[] {
  const h = historyUntil('CLOSED', { officeCode: 'JKT1', documentHashes: { 'complaint.disposed': documentSha256 } });
  return sign ? h.envelopes.map((e) => signed(e, keys)) : h.envelopes;
}

function check(envelopes: readonly (EventEnvelope | string)[], bytes = copy, keyRing = keys.keyRing): DocumentCheck {
  const c = new DocumentCheck('copy.pdf', bytes, keyRing);
  for (const r of asRecords(envelopes)) c.add(r);
  return c;
}

describe('checking a copy of a document against the record', () => {
  it('finds the one signed event that recorded it: genuine', () => {
    const envelopes = historyRecordingDocument(sha);
    const result = check(envelopes).result();
    const disposed = envelopes.find((e) => e.type === 'complaint.disposed');
    expect(result.sha256).toBe(sha);
    expect(result.recordedBy).toEqual([expect.objectContaining({ eventId: disposed?.id, eventType: 'complaint.disposed', officeCode: 'JKT1', signature: 'verified' })]);
    expect(result.genuine).toBe(true);
    expect(describeDocumentCheck(result)).toContain('GENUINE');
  });

  it('says NOT FOUND for a copy altered by one byte', () => {
    const altered = Buffer.from(copy);
    altered[10] ^= 1;
    const result = check(historyRecordingDocument(sha), altered).result();
    expect(result.recordedBy).toEqual([]);
    expect(result.genuine).toBe(false);
    expect(describeDocumentCheck(result)).toContain('NOT FOUND');
  });

  it('does not confirm a copy whose recording event is unsigned (forged into the log)', () => {
    const result = check(historyRecordingDocument(sha, false)).result();
    expect(result.recordedBy).toHaveLength(1);
    expect(result.recordedBy[0].signature).toMatch(/no signature/);
    expect(result.genuine).toBe(false);
  });

  it('does not confirm a hash that two events claim', () => {
    const result = check([...historyRecordingDocument(sha), ...historyRecordingDocument(sha)]).result();
    expect(result.recordedBy).toHaveLength(2);
    expect(result.genuine).toBe(false);
  });

  it('ignores records that do not parse, and text that merely contains the hash', () => {
    const result = check(['not json', JSON.stringify({ note: sha })]).result();
    expect(result.recordedBy).toEqual([]);
  });
});
