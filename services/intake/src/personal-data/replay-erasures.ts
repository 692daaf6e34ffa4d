import { COMPLAINT_EVENTS_TOPIC, erasureReasonMapping, parseEnvelope, toSopActor, type ComplaintPersonalDataErased } from '@pengaduan/contracts';
import { readTopic, type KafkaSecurity, type TopicRecord } from '@pengaduan/messaging';
import type { DataSource } from 'typeorm';
import { INTAKE_EVENT_SOURCE } from '../complaint-state/own-events';
import type { ContactCipher } from '../reporter-contact/contact-cipher';
import { erasePersonalData } from './erase-stored-data';
import type { ErasureReason } from './personal-data-keys';

/** An erasure as the log recorded it. */
interface LoggedErasure {
  complaintId: string;
  reason: ErasureReason;
  at: Date;
  /** The officer's user id, or `system`. */
  erasedBy: string;
}

/** What a replay found and did. */
export interface ErasureReplay {
  /** `complaint.personal-data-erased` events of intake read from the log. */
  events: number;
  /** Erasures re-applied (each idempotent: one already in force changes nothing). */
  reapplied: number;
  /** Keys that were back (the key store restored to before the erasure) and were destroyed again. */
  keysDestroyedAgain: number;
  /** Events naming a complaint the restored data does not hold (restored to before it was received). */
  unknownComplaints: number;
}

/** The erasure an event records, or undefined when it is none of intake's erasures. */
function loggedErasure(record: TopicRecord): LoggedErasure | undefined {
  if (record.value === null) return undefined;
  const parsed = parseEnvelope(typeof record.value === 'string' ? record.value : Buffer.from(record.value));
  if (!parsed.ok || parsed.type !== 'complaint.personal-data-erased' || parsed.envelope.source !== INTAKE_EVENT_SOURCE) return undefined;
  const reason = erasureReasonMapping.fromProto((parsed.payload as ComplaintPersonalDataErased).reason, 'reason');
  const actor = toSopActor(parsed.envelope);
  return { complaintId: parsed.envelope.subject, reason, at: new Date(parsed.envelope.time), erasedBy: actor.kind === 'user' ? actor.userId : 'system' };
}

/**
 * Re-applies every erasure the log remembers (docs/adr/0057), for a restore of both the data and
 * the key store to a copy older than an erasure, which neither ledger can answer: each
 * `complaint.personal-data-erased` event of intake names its complaint, whose complainant's key is
 * destroyed again and whose texts, attachments and Laporan Aduan are cleared again, with both
 * ledgers written back. Idempotent (one transaction per erasure); a complaint the restored data
 * does not hold is counted and passed over.
 */
async function reapplyLoggedErasures(ds: DataSource, cipher: ContactCipher, erasures: readonly LoggedErasure[]): Promise<Omit<ErasureReplay, 'events'>> {
  const counts = { reapplied: 0, keysDestroyedAgain: 0, unknownComplaints: 0 };
  for (const e of erasures) {
    const done = await ds.transaction(async (tx) => {
      const [row] = (await tx.query('SELECT reporter_ref FROM complaint WHERE id = $1', [e.complaintId])) as { reporter_ref: string }[];
      return row ? erasePersonalData(tx, cipher, { reporterRef: row.reporter_ref, reason: e.reason, at: e.at, erasedBy: e.erasedBy }) : undefined;
    });
    if (!done) counts.unknownComplaints += 1;
    else {
      counts.reapplied += 1;
      if (done.destroyedKey) counts.keysDestroyedAgain += 1;
    }
  }
  return counts;
}

/** Reads the complaint topic from its beginning to its end at the start, and re-applies each erasure it holds. */
export async function replayErasures(ds: DataSource, cipher: ContactCipher, kafka: { brokers: string[]; security?: KafkaSecurity; log?: (line: string) => void; topic?: string }): Promise<ErasureReplay> {
  const erasures: LoggedErasure[] = [];
  const topic = kafka.topic ?? COMPLAINT_EVENTS_TOPIC;
  const read = await readTopic({
    brokers: kafka.brokers,
    ...(kafka.security ? { security: kafka.security } : {}),
    topic,
    reader: 'intake-replay-erasures',
    onRecord: (record) => {
      const erasure = loggedErasure(record);
      if (erasure) erasures.push(erasure);
    },
    ...(kafka.log ? { log: kafka.log } : {}),
  });
  const incomplete = read.partitions.filter((p) => !p.complete).map((p) => p.partition);
  if (incomplete.length > 0) throw new Error(`partitions ${incomplete.join(', ')} of ${topic} were not read to their end; nothing was re-applied`);
  return { events: erasures.length, ...(await reapplyLoggedErasures(ds, cipher, erasures)) };
}
