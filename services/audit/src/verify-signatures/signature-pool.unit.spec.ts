import { chainAndSign, generateEventSigningKey, parseEventSigningKey, serializeEnvelope, signEnvelope, type EventEnvelope, type EventSigningKey } from '@pengaduan/contracts';
import { historyUntil } from '@pengaduan/testing';
import { anotherConfirmation, asRecords, chained, forgerKey, signed, testKeys } from '../__fixtures__/signed-histories';
import { Auditor, auditEvents, reportInMemory, type AuditOptions } from '../audit-core/auditor';
import type { AuditRecord, AuditReport } from '../audit-core/report';
import { ChainVerifier } from './chain-verifier';
import type { Inspected } from './inspect';
import { SignaturePool, type SignaturePoolOptions } from './signature-pool';

const keys = testKeys();
const options: AuditOptions = { keyRing: keys.keyRing, now: '2026-06-01T00:00:00.000Z' };

/** {@link auditEvents}, the signatures verified on a pool of threads: the CLI's way. */
async function auditOnPool(records: readonly AuditRecord[], pool: Omit<SignaturePoolOptions, 'keyRing' | 'deliver'>): Promise<AuditReport> {
  const memory = reportInMemory();
  const auditor = new Auditor(options, memory.sink);
  const chains = new ChainVerifier({ keyRing: keys.keyRing, deliver: (r, verdict) => auditor.add(r, verdict) });
  const threads = new SignaturePool({ ...pool, keyRing: keys.keyRing, deliver: (r, inspected) => chains.push(r, inspected) });
  try {
    for (const record of records) {
      threads.push(record);
      await threads.ready();
    }
    await threads.drain();
    chains.finish();
  } finally {
    await threads.close();
  }
  return memory.report(auditor.finish());
}

describe('SignaturePool', () => {
  // A log with every kind of record the auditor tells apart: genuine histories on three partitions,
  // each way an event can fail to verify, a redelivery, records that are no event at all, and a
  // hash-chained history (ADR 0034) on a fourth with a forged event linked into its chain.
  const closed = historyUntil('CLOSED', { officeCode: 'JKT1' });
  const other = historyUntil('CLOSED', { officeCode: 'JKT1', decision: 'NO_FOLLOW_UP' });
  const open = historyUntil('DISPOSED', { officeCode: 'SBY1' });
  const genuine = closed.envelopes.map((e) => signed(e, keys));
  const confirmation = genuine.find((e) => e.type === 'complaint.confirmed') as (typeof genuine)[number];
  const fourth = historyUntil('CLOSED', { officeCode: 'SBY1' });
  const chainedLog = chained(fourth.envelopes, keys) as (EventEnvelope & { chain: string; chainseq: number; chainprev?: string })[];
  const chainedConfirmation = chainedLog.findIndex((e) => e.type === 'complaint.confirmed');
  const { chain, chainseq, chainprev, source } = chainedLog[chainedConfirmation];
  const linkedForgery = chainAndSign(anotherConfirmation(chainedLog[chainedConfirmation], chainedLog[chainedConfirmation].time), chain, { seq: chainseq - 1, digest: chainprev ?? null }, forgerKey(source)).signed;
  const early = new Date(Date.parse(genuine[0].time) + 10 * 60_000).toISOString();
  const log: AuditRecord[] = [
    ...asRecords([
      ...genuine.slice(0, 2),
      signEnvelope(anotherConfirmation(confirmation, confirmation.time), forgerKey(confirmation.source)),
      anotherConfirmation(confirmation, early),
      { ...confirmation, data: { ...confirmation.data, summary: 'Diubah' } },
      signEnvelope(anotherConfirmation(confirmation, early), parseEventSigningKey(generateEventSigningKey('nobody-2026', confirmation.source).privateKey)),
      signEnvelope(anotherConfirmation(confirmation, early), keys.signing.get('pengaduan/analysis') as EventSigningKey),
      ...genuine.slice(2),
      genuine[3],
      'not json',
      '[1, 2]',
      '{"subject":"c-x","office":"JKT1"}',
    ]),
    { partition: 0, offset: '100', value: Buffer.from([0xff, 0xfe, 0x7b]) },
    { partition: 0, offset: '101', value: null },
    ...asRecords(other.envelopes.map((e) => signed(e, keys)), 1),
    // A string value is left to the auditor; bytes with a byte-order mark are read as libs/contracts reads them.
    ...asRecords(open.envelopes.map((e) => signed(e, keys)), 2).map((r, i) => ({ ...r, value: i === 0 ? (r.value as Buffer).toString('utf8') : i === 1 ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), r.value as Buffer]) : r.value })),
    ...asRecords([...chainedLog.slice(0, chainedConfirmation), linkedForgery, ...chainedLog.slice(chainedConfirmation)], 3),
  ];

  it('gives the auditor the verdicts, in the log\'s order, that verifying on the main thread gives: the same report, refused events and all', async () => {
    const inline = auditEvents(log, options);
    expect(inline.refused.map((r) => r.code)).toEqual(['EVENT.BAD_SIGNATURE', 'EVENT.UNSIGNED', 'EVENT.BAD_SIGNATURE', 'EVENT.UNKNOWN_KEY', 'EVENT.KEY_NOT_FOR_SOURCE', 'EVENT.BAD_SIGNATURE']);
    expect(inline.notices.map((n) => n.kind)).toContain('REDELIVERED');
    expect(inline.violations.filter((v) => v.kind === 'UNPARSEABLE')).toHaveLength(5);
    expect(inline.complaints.map((c) => [c.complaintId, c.status, c.violations])).toEqual([
      [closed.complaintId, 'CLOSED', 0],
      [other.complaintId, 'CLOSED', 0],
      // Closings the reporter may still rate or appeal are reported at the end, in the log's order (docs/adr/0053).
      [open.complaintId, 'DISPOSED', 0],
      [fourth.complaintId, 'CLOSED', 0],
    ]);

    // Batches of 3 on two threads, at most 2 in flight: replies come back out of order and are put back.
    expect(await auditOnPool(log, { threads: 2, batchSize: 3, maxInFlight: 2 })).toEqual(inline);
    expect(await auditOnPool(log, { threads: 1 })).toEqual(inline);
  });

  it('hands the records over in the order they were pushed, and ready() waits while the batches in flight are at the bound', async () => {
    const delivered: AuditRecord[] = [];
    const verdicts: Inspected[] = [];
    const pool = new SignaturePool({ keyRing: keys.keyRing, threads: 2, batchSize: 2, maxInFlight: 2, deliver: (r, v) => (delivered.push(r), verdicts.push(v)) });
    try {
      for (const record of log.slice(0, 6)) pool.push(record); // three full batches sent: one over the bound
      await pool.ready();
      expect(delivered.length).toBeGreaterThanOrEqual(2);
      for (const record of log.slice(6)) pool.push(record);
      await pool.drain();
    } finally {
      await pool.close();
    }
    expect(delivered).toEqual(log);
    expect(verdicts.slice(0, 4)).toEqual([
      { kind: 'checked', verdict: { ok: true } },
      { kind: 'checked', verdict: { ok: true } },
      { kind: 'checked', verdict: expect.objectContaining({ ok: false, code: 'EVENT.BAD_SIGNATURE' }) },
      { kind: 'checked', verdict: expect.objectContaining({ ok: false, code: 'EVENT.UNSIGNED' }) },
    ]);
    expect(verdicts.filter((v) => v.kind === 'chained')).toHaveLength(chainedLog.length + 1);
  });

  it('fails when judging a record throws: drain rejects with the error and nothing more is taken', async () => {
    let handed = 0;
    const pool = new SignaturePool({
      keyRing: keys.keyRing,
      threads: 1,
      batchSize: 2,
      deliver: () => {
        if (++handed === 3) throw new Error('the auditor failed');
      },
    });
    try {
      for (const record of asRecords(genuine)) pool.push(record);
      await expect(pool.drain()).rejects.toThrow('the auditor failed');
      expect(() => pool.push({ partition: 0, offset: '0', value: serializeEnvelope(genuine[0]) })).toThrow('the auditor failed');
      expect(handed).toBe(3);
    } finally {
      await pool.close();
    }
  });
});
