import type { EventKeyRing } from '@pengaduan/contracts';
import type { AuditRecord, SignatureVerdict } from '../audit-core/report';
import { readTopic, type ReadOptions, type ReadResult } from '@pengaduan/messaging';
import { ChainVerifier } from './chain-verifier';
import { inspectRecord } from './inspect';
import { SignaturePool } from './signature-pool';

export interface ReadVerifiedOptions extends Omit<ReadOptions, 'onRecord' | 'afterBatch' | 'reader'> {
  /** The published keys; without them nothing is verified. */
  readonly keyRing?: EventKeyRing;
  /** Threads inspecting records; 0: this thread inspects each record itself. */
  readonly threads: number;
  /** Every record, in the log's order, with its verdict (undefined: not a JSON object, or no keys). */
  readonly judge: (record: AuditRecord, verdict?: SignatureVerdict) => void;
  /** Counts of the chains' own signature checks, when the caller wants them. */
  readonly onChainStats?: (stats: { signaturesChecked: number }) => void;
}

/**
 * Reads the topic as {@link readTopic} does, each record inspected on a pool of threads (a
 * chained event's digest, any other event's signature) while this thread judges the hash chains
 * ({@link ChainVerifier}): a record reaches `judge` with its verdict, in the log's order, and the
 * reader fetches no more while the pool holds `maxInFlight` batches (ADR 0032, 0034).
 */
export async function readVerified(options: ReadVerifiedOptions): Promise<ReadResult> {
  const { keyRing, threads, judge, onChainStats, ...rest } = options;
  const read = { ...rest, reader: 'audit' };
  if (!keyRing) return readTopic({ ...read, onRecord: (record) => judge(record) });
  const chains = new ChainVerifier({ keyRing, deliver: judge });
  if (threads === 0) {
    const result = await readTopic({ ...read, onRecord: (record) => chains.push(record, inspectRecord(record, keyRing)) });
    chains.finish();
    onChainStats?.({ signaturesChecked: chains.signaturesChecked });
    return result;
  }
  const pool = new SignaturePool({ keyRing, threads, deliver: (record, inspected) => chains.push(record, inspected) });
  try {
    const result = await readTopic({ ...read, onRecord: (record) => pool.push(record), afterBatch: () => pool.ready() });
    await pool.drain();
    chains.finish();
    onChainStats?.({ signaturesChecked: chains.signaturesChecked });
    return result;
  } finally {
    await pool.close();
  }
}
