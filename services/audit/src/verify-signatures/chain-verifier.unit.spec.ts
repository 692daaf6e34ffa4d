import { chainAndSign, chainDigest, signEnvelope, type EventEnvelope } from '@pengaduan/contracts';
import { historyUntil } from '@pengaduan/testing';
import { anotherConfirmation, asRecords, chained, forgerKey, signed, testKeys } from '../__fixtures__/signed-histories';
import { auditEvents, type SignatureVerdict } from '../audit-core/auditor';
import type { AuditRecord } from '../audit-core/report';
import { ChainVerifier } from './chain-verifier';
import { inspectRecord } from './inspect';

const keys = testKeys();
const NOW = '2026-06-01T00:00:00.000Z';
type Chained = EventEnvelope & { chain: string; chainseq: number; chainprev?: string; signature: string };

/** Three complaints' histories, one after the other, chained per source as one partition's relays would. */
function chainedLog(): Chained[] {
  const histories = [historyUntil('CLOSED', { officeCode: 'JKT1' }), historyUntil('CLOSED', { officeCode: 'JKT1', decision: 'NO_FOLLOW_UP' }), historyUntil('CLOSED', { officeCode: 'SBY1' })];
  return chained(
    histories.flatMap((h) => h.envelopes),
    keys,
  ) as Chained[];
}

function judge(records: readonly AuditRecord[], window?: number): { verdicts: (SignatureVerdict | undefined)[]; order: string[]; checked: number } {
  const verdicts: (SignatureVerdict | undefined)[] = [];
  const order: string[] = [];
  const chains = new ChainVerifier({
    keyRing: keys.keyRing,
    window,
    deliver: (record, verdict) => {
      order.push(record.offset);
      verdicts.push(verdict);
    },
  });
  for (const r of records) chains.push(r, inspectRecord(r, keys.keyRing));
  chains.finish();
  return { verdicts, order, checked: chains.signaturesChecked };
}

const audit = (log: readonly (EventEnvelope | string)[]) => auditEvents(asRecords(log), { keyRing: keys.keyRing, now: NOW });
/** The envelope without its signature. */
const unsignedCopy = (e: EventEnvelope): EventEnvelope => {
  const { signature: _s, signaturekeyid: _k, ...rest } = e as EventEnvelope & { signature?: string; signaturekeyid?: string };
  return rest as EventEnvelope;
};
const sources = (log: readonly EventEnvelope[]) => new Set(log.map((e) => e.source)).size;

describe('ChainVerifier (ADR 0034)', () => {
  it('vouches for a clean chained log with one signature per chain, in the log order', () => {
    const log = chainedLog();
    const { verdicts, order, checked } = judge(asRecords(log));
    expect(verdicts.every((v) => v?.ok === true && v.chain === undefined)).toBe(true);
    expect(order).toEqual(log.map((_, i) => String(i)));
    expect(checked).toBe(sources(log));
    const report = audit(log);
    expect(report.clean).toBe(true);
    expect(report.signatures).toMatchObject({ verified: log.length, failed: 0 });
  });

  it('judges the same with a window of one record, checking more signatures', () => {
    const log = chainedLog();
    const { verdicts, checked } = judge(asRecords(log), 1);
    expect(verdicts.every((v) => v?.ok === true && v.chain === undefined)).toBe(true);
    expect(checked).toBeGreaterThan(sources(log));
  });

  it('refuses a forged second confirmation linked into the chain before the genuine one; the genuine one stays legal', () => {
    const log = chainedLog();
    const i = log.findIndex((e) => e.type === 'complaint.confirmed');
    const genuine = log[i];
    const forged = chainAndSign(anotherConfirmation(genuine, genuine.time), genuine.chain, { seq: genuine.chainseq - 1, digest: genuine.chainprev ?? null }, forgerKey(genuine.source)).signed;
    const tampered = [...log.slice(0, i), forged, ...log.slice(i)];
    const { verdicts } = judge(asRecords(tampered));
    expect(verdicts[i]).toMatchObject({ ok: false, code: 'EVENT.BAD_SIGNATURE' });
    expect(verdicts.filter((v) => !v?.ok)).toHaveLength(1);
    expect(verdicts.every((v) => !v?.ok || v.chain === undefined)).toBe(true);
    const report = audit(tampered);
    expect(report.violations).toEqual([]);
    expect(report.refused).toEqual([expect.objectContaining({ eventId: forged.id, code: 'EVENT.BAD_SIGNATURE', contradicts: expect.objectContaining({ relation: 'same-type', eventId: genuine.id }) })]);
  });

  it('refuses a forged event that extends a chain at the end of the log', () => {
    const log = chainedLog();
    const last = log[log.length - 1];
    const forged = chainAndSign({ ...unsignedCopy(last), id: crypto.randomUUID() }, last.chain, { seq: last.chainseq, digest: chainDigest(last) }, forgerKey(last.source)).signed;
    const { verdicts } = judge(asRecords([...log, forged]));
    expect(verdicts[log.length]).toMatchObject({ ok: false, code: 'EVENT.BAD_SIGNATURE' });
    expect(verdicts.slice(0, log.length).every((v) => v?.ok === true && v.chain === undefined)).toBe(true);
  });

  it('refuses an unsigned copy with a new id placed after the genuine one, and an altered copy of a genuine event', () => {
    const log = chainedLog();
    const i = log.findIndex((e) => e.type === 'complaint.confirmed');
    const genuine = log[i];
    const unsigned = { ...unsignedCopy(anotherConfirmation(genuine, genuine.time)), chain: genuine.chain, chainseq: genuine.chainseq, chainprev: genuine.chainprev } as EventEnvelope;
    const altered = { ...genuine, data: { ...genuine.data, summary: 'diubah' } } as EventEnvelope;
    const tampered = [...log.slice(0, i + 1), unsigned, altered, ...log.slice(i + 1)];
    const { verdicts } = judge(asRecords(tampered));
    expect(verdicts[i + 1]).toMatchObject({ ok: false, code: 'EVENT.UNSIGNED' });
    expect(verdicts[i + 2]).toMatchObject({ ok: false, code: 'EVENT.BAD_SIGNATURE' });
    expect(verdicts.filter((v) => !v?.ok)).toHaveLength(2);
    const report = audit(tampered);
    expect(report.violations).toEqual([]);
    expect(report.refused.map((r) => [r.code, r.contradicts?.relation])).toEqual([
      ['EVENT.UNSIGNED', 'same-type'],
      ['EVENT.BAD_SIGNATURE', 'same-id'],
    ]);
  });

  it('names an event removed from the log: its chain successor reports the gap', () => {
    const log = chainedLog();
    const removed = log.findIndex((e, i) => e.chainseq === 2 && log.some((later, j) => j > i && later.source === e.source && later.chainseq === 3));
    const gone = log[removed];
    const successor = log.find((e) => e.source === gone.source && e.chainseq === 3) as Chained;
    const report = audit([...log.slice(0, removed), ...log.slice(removed + 1)]);
    const chain = report.violations.filter((v) => v.kind === 'CHAIN');
    expect(chain).toEqual([expect.objectContaining({ code: 'CHAIN.GAP', eventId: successor.id, complaintId: successor.subject })]);
    expect(chain[0].reason).toContain('event 2 is missing');
    expect(report.refused).toEqual([]);
  });

  it('names a replaced event: the altered copy is refused and its successor reports the genuine one missing', () => {
    const log = chainedLog();
    const at = log.findIndex((e, i) => log.some((later, j) => j > i && later.source === e.source && later.chainseq === e.chainseq + 1));
    const successor = log.find((e) => e.source === log[at].source && e.chainseq === log[at].chainseq + 1) as Chained;
    const tampered: EventEnvelope[] = [...log];
    tampered[at] = { ...log[at], time: '2026-03-01T00:00:00.000Z' } as EventEnvelope;
    const { verdicts } = judge(asRecords(tampered));
    expect(verdicts[at]).toMatchObject({ ok: false, code: 'EVENT.BAD_SIGNATURE' });
    const named = verdicts[log.indexOf(successor)];
    expect(named).toMatchObject({ ok: true, chain: { code: 'CHAIN.GAP' } });
    expect(named?.ok && named.chain?.reason).toContain(`event ${log[at].chainseq} is missing`);
  });

  it('names two events of one chain swapped in the log', () => {
    const log = chainedLog();
    const source = log.find((e) => e.chainseq === 4)?.source as string;
    const a = log.findIndex((e) => e.source === source && e.chainseq === 2);
    const b = log.findIndex((e) => e.source === source && e.chainseq === 3);
    const swapped: EventEnvelope[] = [...log];
    [swapped[a], swapped[b]] = [log[b], log[a]];
    const { verdicts } = judge(asRecords(swapped));
    expect(verdicts[a]).toMatchObject({ ok: true, chain: { code: 'CHAIN.GAP' } });
    expect(verdicts[b]).toMatchObject({ ok: true, chain: { code: 'CHAIN.OUT_OF_ORDER' } });
    expect(verdicts.filter((_, i) => i !== a && i !== b).every((v) => v?.ok === true && v.chain === undefined)).toBe(true);
  });

  it('takes an event published twice (the same bytes) as genuine both times: the auditor counts it once', () => {
    const log = chainedLog();
    const i = 3;
    const again = [...log.slice(0, i + 1), log[i], ...log.slice(i + 1)];
    const { verdicts, checked } = judge(asRecords(again));
    expect(verdicts.every((v) => v?.ok === true && v.chain === undefined)).toBe(true);
    expect(checked).toBe(sources(log));
    const report = audit(again);
    expect(report.clean).toBe(true);
    expect(report.notices).toEqual([expect.objectContaining({ kind: 'REDELIVERED', eventId: log[i].id })]);
  });

  it('judges events without a chain (written before chains) by their own signatures, among chained ones', () => {
    const legacy = historyUntil('CLOSED', { officeCode: 'JKT1' }).envelopes.map((e) => signed(e, keys));
    const forged = signEnvelope(unsignedCopy(legacy[1]), forgerKey(legacy[1].source));
    const log = [...legacy.slice(0, 1), forged, ...legacy.slice(1), ...chainedLog()];
    const { verdicts, checked } = judge(asRecords(log));
    expect(verdicts.map((v) => v?.ok)).toEqual(log.map((_, i) => i !== 1));
    expect(checked).toBe(sources(log.slice(legacy.length + 1)));
  });
});
