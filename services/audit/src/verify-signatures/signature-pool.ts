import type { EventKeyRing } from '@pengaduan/contracts';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AuditRecord } from '../audit-core/report';
import type { Inspected } from './inspect';
import { CHAINED, REFUSED, VERIFIED, type PublishedKey, type VerifyReply, type VerifyRequest } from './pool-protocol';

export interface SignaturePoolOptions {
  readonly keyRing: EventKeyRing;
  /** Threads verifying (at least 1). */
  readonly threads: number;
  /** Records per message to a thread (default 512). */
  readonly batchSize?: number;
  /** Batches sent and not yet delivered beyond which {@link SignaturePool.ready} waits (default 4 per thread). */
  readonly maxInFlight?: number;
  /**
   * Every record pushed, in the order pushed, with what the threads learnt: its chain link and
   * digest, else its verdict (`undefined` for a record they could not read as a JSON object: the
   * auditor parses it, and verifies it itself should it be an event after all).
   */
  readonly deliver: (record: AuditRecord, inspected: Inspected) => void;
}

interface Batch {
  readonly records: readonly AuditRecord[];
  reply?: VerifyReply;
}

const VERIFIED_INSPECTION: Inspected = { kind: 'checked', verdict: { ok: true } };
const NOT_CHECKED_INSPECTION: Inspected = { kind: 'checked', verdict: undefined };
const THREAD_YOUNG_GENERATION_MIB = 8;

/** Threads verifying by default: one per core (measured in ADR 0032). */
export const defaultVerifyThreads = (): number => Math.max(1, availableParallelism());

/**
 * Inspects records on worker threads (./inspect.ts: a chained event's digest, any other event's
 * signature), in batches of raw bytes, and hands each record with what was learnt to `deliver`
 * on this thread in the order the records were pushed
 * (replies are put back in order by batch sequence), so the judging stays in the log's order.
 * At most `maxInFlight` batches wait for their verdicts: the reader awaits {@link ready} between
 * its fetches, so that memory stays flat whatever the length of the log (ADR 0032).
 */
export class SignaturePool {
  private readonly workers: Worker[];
  private readonly batchSize: number;
  private readonly maxInFlight: number;
  private readonly inFlight = new Map<number, Batch>();
  private filling: AuditRecord[] = [];
  private sent = 0;
  private delivered = 0;
  private failure: Error | undefined;
  private closing = false;
  private waiters: { resolve: () => void; reject: (error: Error) => void; until: () => boolean }[] = [];

  constructor(private readonly options: SignaturePoolOptions) {
    if (!Number.isInteger(options.threads) || options.threads < 1) throw new Error('a signature pool needs at least one thread');
    this.batchSize = options.batchSize ?? 512;
    this.maxInFlight = options.maxInFlight ?? 4 * options.threads;
    const keys: PublishedKey[] = options.keyRing.all().map((k) => ({ keyId: k.keyId, source: k.source, spki: k.publicKey.export({ format: 'der', type: 'spki' }) }));
    this.workers = Array.from({ length: options.threads }, () => {
      const worker = startWorker(keys);
      worker.on('message', (reply: VerifyReply) => this.received(reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`a signature verification thread stopped (exit code ${code})`));
      });
      return worker;
    });
  }

  /** Queues a record for verification (sent with its batch once the batch is full). */
  push(record: AuditRecord): void {
    if (this.failure) throw this.failure;
    this.filling.push(record);
    if (this.filling.length >= this.batchSize) this.send();
  }

  /** Resolves once fewer than `maxInFlight` batches wait for verdicts; rejects when the pool failed. */
  ready(): Promise<void> {
    return this.wait(() => this.inFlight.size < this.maxInFlight);
  }

  /** Sends the last, partial batch and resolves once every record pushed has been delivered. */
  drain(): Promise<void> {
    if (this.filling.length > 0 && !this.failure) this.send();
    return this.wait(() => this.inFlight.size === 0);
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private send(): void {
    const records = this.filling;
    this.filling = [];
    const ends = new Uint32Array(records.length);
    let size = 0;
    records.forEach((r, i) => (ends[i] = size += bytesOf(r)?.byteLength ?? 0));
    const bytes = new Uint8Array(size);
    records.forEach((r, i) => {
      const value = bytesOf(r);
      if (value) bytes.set(value, ends[i] - value.byteLength);
    });
    const seq = this.sent++;
    this.inFlight.set(seq, { records });
    const request: VerifyRequest = { seq, bytes: bytes.buffer, ends };
    this.workers[seq % this.workers.length].postMessage(request, [bytes.buffer, ends.buffer]);
  }

  private received(reply: VerifyReply): void {
    const batch = this.inFlight.get(reply.seq);
    if (!batch || this.failure) return;
    batch.reply = reply;
    try {
      for (let head = this.inFlight.get(this.delivered); head?.reply; head = this.inFlight.get(this.delivered)) {
        this.deliverBatch(head.records, head.reply);
        this.inFlight.delete(this.delivered++);
      }
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    this.wake();
  }

  private deliverBatch(records: readonly AuditRecord[], { codes, refusals, chained }: VerifyReply): void {
    let r = 0;
    let c = 0;
    for (let i = 0; i < records.length; i++) {
      if (codes[i] === CHAINED) this.options.deliver(records[i], { kind: 'chained', ...chained[c++] });
      else if (codes[i] === VERIFIED) this.options.deliver(records[i], VERIFIED_INSPECTION);
      else if (codes[i] === REFUSED) {
        const { code, reason } = refusals[r++];
        this.options.deliver(records[i], { kind: 'checked', verdict: { ok: false, code, reason } });
      } else this.options.deliver(records[i], NOT_CHECKED_INSPECTION);
    }
  }

  private wait(until: () => boolean): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (until()) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject, until }));
  }

  private wake(): void {
    const due = this.waiters.filter((w) => w.until());
    this.waiters = this.waiters.filter((w) => !due.includes(w));
    for (const w of due) w.resolve();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.inFlight.clear();
    for (const w of this.waiters) w.reject(error);
    this.waiters = [];
  }
}

/** The bytes the threads verify; a string (tests) or a tombstone is left to the auditor. */
const bytesOf = (record: AuditRecord): Uint8Array | undefined => (record.value === null || typeof record.value === 'string' ? undefined : record.value);

/**
 * A verification thread: the compiled sibling when this runs compiled (`npm run audit`), else the
 * TypeScript source through @swc-node/register, as the tests and the bench run (registered once:
 * a thread inherits `-r @swc-node/register` from a process started with it).
 */
function startWorker(keys: PublishedKey[]): Worker {
  // A thread's objects live for one record: a small young generation is enough, and V8's default
  // (64 MiB on 64-bit) would be resident in each thread for nothing (ADR 0032).
  const options = { workerData: { keys }, resourceLimits: { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MIB } };
  if (!__filename.endsWith('.ts')) return new Worker(join(__dirname, 'signature-worker.js'), options);
  const source = join(__dirname, 'signature-worker.ts');
  const code = `if (!require.extensions['.ts']) require(${JSON.stringify(require.resolve('@swc-node/register'))});\nrequire(${JSON.stringify(source)});`;
  return new Worker(code, { ...options, eval: true });
}
