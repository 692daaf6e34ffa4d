import type { EventKeyRing } from '@pengaduan/contracts';
import type { AuditRecord, ChainFinding, SignatureVerdict } from '../audit-core/report';
import { objectOf, verdictOf, type Inspected } from './inspect';

export interface ChainVerifierOptions {
  readonly keyRing: EventKeyRing;
  /** Every record pushed, in the order pushed, with its verdict (undefined: not a JSON object). */
  readonly deliver: (record: AuditRecord, verdict: SignatureVerdict | undefined) => void;
  /**
   * Records held, waiting for a later signature of their chain to vouch for them, beyond which
   * the oldest one's chain is settled by a signature check at once (default 4,096): memory stays
   * flat, and signatures are checked about once per chain per window.
   */
  readonly window?: number;
}

type Chained = Extract<Inspected, { kind: 'chained' }>;

interface Entry {
  readonly record: AuditRecord;
  readonly chained?: Chained;
  readonly chain?: Chain;
  verdict?: SignatureVerdict;
  decided: boolean;
}

/** A chain's state: the last event known genuine (`anchor`), and the events linked after it, not yet vouched for. */
interface Chain {
  anchor: Tip | undefined;
  /** The events linked after the anchor, in chain order (a republished copy of the tip too). */
  pending: Entry[];
  /** The last linked event (the anchor when nothing is pending). */
  tip: Tip | undefined;
}

interface Tip {
  readonly seq: number;
  readonly digest: string;
  readonly entry: Entry;
}

const DEFAULT_WINDOW = 4_096;

/**
 * Judges hash-chained events (ADR 0034) as the log is read, and hands every record on in the log's
 * order with its verdict. An event that links to its chain's tip (the next number, the tip's
 * digest) waits; once a later event of the chain has its signature verified, every event linked
 * before it is genuine too, since each signature covers the digest of the event before. A link
 * that does not hold settles the chain (its tip's signature checked; if that fails, each waiting
 * event's own), then the event is judged by its own signature: refused if it does not verify, else
 * genuine with a finding that names what is missing or out of order. Events that claim no chain
 * are judged ahead of this by their own signatures.
 */
export class ChainVerifier {
  private readonly window: number;
  private readonly chains = new Map<string, Chain>();
  private queue: Entry[] = [];
  private head = 0;
  /** Signature checks made here (the pool's are counted by the pool). */
  signaturesChecked = 0;

  constructor(private readonly options: ChainVerifierOptions) {
    this.window = options.window ?? DEFAULT_WINDOW;
    if (!Number.isInteger(this.window) || this.window < 1) throw new Error('a chain window holds at least one record');
  }

  push(record: AuditRecord, inspected: Inspected): void {
    if (inspected.kind === 'checked') {
      this.queue.push({ record, verdict: inspected.verdict, decided: true });
    } else {
      const chain = this.chainOf(inspected.link.key);
      const entry: Entry = { record, chained: inspected, chain, decided: false };
      this.queue.push(entry);
      this.link(entry, chain);
    }
    this.release();
    while (this.queue.length - this.head > this.window) {
      const oldest = this.queue[this.head];
      if (oldest.chain) this.settle(oldest.chain);
      this.release();
    }
  }

  /** At the end of the log: every chain's tip is checked, every record handed on. */
  finish(): void {
    for (const chain of this.chains.values()) this.settle(chain);
    this.release();
  }

  private chainOf(key: string): Chain {
    let chain = this.chains.get(key);
    if (!chain) this.chains.set(key, (chain = { anchor: undefined, pending: [], tip: undefined }));
    return chain;
  }

  private link(entry: Entry, chain: Chain): void {
    if (this.follows(entry, chain)) return;
    this.settle(chain);
    if (this.follows(entry, chain)) return;
    const verdict = this.verify(entry);
    if (!verdict.ok) {
      this.decide(entry, verdict);
      return;
    }
    const { link: { seq }, digest } = entry.chained as Chained;
    const finding = findingOf(entry, chain.anchor);
    this.decide(entry, finding ? { ok: true, chain: finding } : verdict);
    if (!chain.anchor || seq > chain.anchor.seq) chain.anchor = chain.tip = { seq, digest, entry };
  }

  /** Links the entry after the chain's tip when it follows it (or is the tip published again). */
  private follows(entry: Entry, chain: Chain): boolean {
    const { link, digest } = entry.chained as Chained;
    const tip = chain.tip;
    const next = tip ? link.seq === tip.seq + 1 && link.prev === tip.digest : link.seq === 1 && link.prev === null;
    const again = tip !== undefined && link.seq === tip.seq && digest === tip.digest;
    if (!next && !again) return false;
    if (again && tip.entry.decided) {
      // A copy of an event already vouched for (or refused): the same content, the same verdict.
      this.decide(entry, tip.entry.verdict as SignatureVerdict);
      return true;
    }
    chain.pending.push(entry);
    if (next) chain.tip = { seq: link.seq, digest, entry };
    return true;
  }

  /** Decides the chain's waiting events: one signature (the tip's) when the chain holds, else each one's own. */
  private settle(chain: Chain): void {
    if (chain.pending.length === 0) return;
    const tip = chain.tip as Tip;
    const verdict = this.verify(tip.entry);
    if (verdict.ok) {
      for (const e of chain.pending) this.decide(e, verdict);
      chain.anchor = tip;
    } else {
      // The tip is not genuine: judge each waiting event alone; the chain resumes after the last genuine one.
      for (const e of chain.pending) {
        const own = e === tip.entry ? verdict : this.verify(e);
        this.decide(e, own);
        const { link, digest } = e.chained as Chained;
        if (own.ok && (!chain.anchor || link.seq > chain.anchor.seq)) chain.anchor = { seq: link.seq, digest, entry: e };
      }
    }
    chain.pending = [];
    chain.tip = chain.anchor;
  }

  private verify(entry: Entry): SignatureVerdict {
    if (entry.decided && entry.verdict) return entry.verdict;
    this.signaturesChecked++;
    const env = objectOf(entry.record.value as Uint8Array | string);
    // A chained record was read as an object by the inspection; this cannot be undefined.
    return env ? verdictOf(env, this.options.keyRing) : { ok: false, code: 'EVENT.UNSIGNED', reason: 'not an event' };
  }

  private decide(entry: Entry, verdict: SignatureVerdict): void {
    entry.verdict = verdict;
    entry.decided = true;
  }

  private release(): void {
    const { queue } = this;
    while (this.head < queue.length && queue[this.head].decided) {
      const entry = queue[this.head++];
      this.options.deliver(entry.record, entry.verdict);
    }
    if (this.head === queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 1_024 && this.head * 2 > queue.length) {
      this.queue = queue.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * What a genuine event that does not link to its chain's last genuine event says about the log:
 * events missing before it (removed), or it comes out of order.
 */
function findingOf(entry: Entry, anchor: Tip | undefined): ChainFinding | undefined {
  const { link } = entry.chained as Chained;
  const [source, chain] = splitKey(link.key);
  const of = `chain ${chain} of ${source}`;
  if (!anchor) {
    return link.seq === 1
      ? undefined
      : { code: 'CHAIN.GAP', reason: `the first event of ${of} in the log is number ${link.seq}: ${missing(1, link.seq - 1)} (removed from the log)` };
  }
  if (link.seq > anchor.seq + 1) {
    return { code: 'CHAIN.GAP', reason: `event number ${link.seq} of ${of} follows number ${anchor.seq} (${eventAt(anchor.entry)}): ${missing(anchor.seq + 1, link.seq - 1)} (removed from the log, or replaced)` };
  }
  if (link.seq === anchor.seq + 1) {
    return {
      code: 'CHAIN.BROKEN',
      reason: `event number ${link.seq} of ${of} names another event than number ${anchor.seq} as read (${eventAt(anchor.entry)}) as its predecessor: that one is missing, or the chain was rewound and numbers were used twice`,
    };
  }
  return { code: 'CHAIN.OUT_OF_ORDER', reason: `event number ${link.seq} of ${of} comes after number ${anchor.seq} (${eventAt(anchor.entry)}): the log's order was changed, or the chain was published twice` };
}

const missing = (from: number, to: number): string => (from === to ? `event ${from} is missing` : `events ${from} to ${to} are missing`);
const eventAt = (entry: Entry): string => `at ${entry.record.partition}/${entry.record.offset}`;

function splitKey(key: string): [string, string] {
  const at = key.indexOf(' ');
  return [key.slice(0, at), key.slice(at + 1)];
}
