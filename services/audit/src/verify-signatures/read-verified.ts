import type { EventKeyRing } from '@pengaduan/contracts';
import type { SignatureVerdict } from '../audit-core/auditor';
import type { AuditRecord } from '../audit-core/report';
import { readTopic, type ReadOptions, type ReadResult } from '../read-topic/topic-reader';
import { SignaturePool } from './signature-pool';

export interface ReadVerifiedOptions extends Omit<ReadOptions, 'onRecord' | 'afterBatch'> {
  /** The published keys; without them nothing is verified. */
  readonly keyRing?: EventKeyRing;
  /** Threads verifying signatures; 0: the auditor verifies each record itself, on this thread. */
  readonly threads: number;
  /** Every record, in the log's order, with its signature verdict when a thread checked it. */
  readonly judge: (record: AuditRecord, verdict?: SignatureVerdict) => void;
}

/**
 * Reads the topic as {@link readTopic} does, its signatures verified on a pool of threads while
 * this thread judges: a record reaches `judge` with its verdict, in the log's order, and the reader
 * fetches no more while the pool holds `maxInFlight` batches (ADR 0032).
 */
export async function readVerified(options: ReadVerifiedOptions): Promise<ReadResult> {
  const { keyRing, threads, judge, ...read } = options;
  if (!keyRing || threads === 0) return readTopic({ ...read, onRecord: (record) => judge(record) });
  const pool = new SignaturePool({ keyRing, threads, deliver: judge });
  try {
    const result = await readTopic({ ...read, onRecord: (record) => pool.push(record), afterBatch: () => pool.ready() });
    await pool.drain();
    return result;
  } finally {
    await pool.close();
  }
}
