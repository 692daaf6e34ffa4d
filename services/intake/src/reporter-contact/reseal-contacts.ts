import type { Channel } from '@pengaduan/sop';
import type { DataSource, EntityManager } from 'typeorm';
import type { SealedInboundMessage } from '../inbound-messages/inbound-message';
import type { SenderDigest } from '../inbound-messages/sender-digest';
import { ERASED_KEY_ID, PERSON_KEY_ID } from '../personal-data/personal-data-keys';
import type { ContactCipher } from './contact-cipher';
import { sealReporterContact } from './reporter-contacts';
import type { SealedReporter } from './tracking-pin';

export interface ResealOptions {
  /** Rows per transaction (default 500). */
  batch?: number;
  /** Where progress and the summary go, a line at a time. */
  out: (line: string) => void;
}

/** What one kind of row came to. */
export interface ResealCount {
  what: string;
  /** Brought under the newest key (or digest version) by this run. */
  done: number;
  /** Not under the newest when the run began. */
  total: number;
  /** Still not under the newest when the run ended: locked by intake meanwhile, unreadable, or written by a replica with an older ring. */
  left: number;
}

/** One kind of row `reseal-contacts` brings under the newest key. */
interface Pass {
  what: string;
  verb: string;
  table: string;
  /** Its primary key (the batches walk it in order, so a row passed over is not taken again in this run). */
  pk: string;
  pkType: 'text' | 'uuid';
  columns: string;
  /** The rows not under the newest, with `params` as $1…. */
  stale: string;
  params: unknown[];
  /** Brings one row under the newest; false when it cannot (it stays, and is counted as left). */
  fix(tx: EntityManager, row: Record<string, unknown>): Promise<boolean>;
}

/**
 * Re-seals every value not sealed with the newest contact key (reporters' contacts, channel
 * messages, quarantined requests) and re-digests every sender not under the newest digest
 * version (channel messages, channel complaints), in batches: each batch is one transaction that
 * takes its rows `FOR UPDATE SKIP LOCKED`, so intake keeps serving meanwhile (a row it holds is
 * passed over and counted as left). Idempotent: a row under the newest is never touched, so a
 * second run, or one after an interrupted run, does only what is left.
 */
export async function resealContacts(ds: DataSource, keys: { cipher: ContactCipher; digest: SenderDigest }, options: ResealOptions): Promise<ResealCount[]> {
  const { cipher, digest } = keys;
  const batch = options.batch ?? 500;
  const opened = openedWith(cipher);
  const senderOf = (plain: Buffer): string => (JSON.parse(plain.toString('utf8')) as SealedInboundMessage).sender;
  /** A pass over `table` that re-seals its `sealedColumn` under the newest key. */
  const reseal = (what: string, table: string, [pk, pkType]: [string, Pass['pkType']], sealedColumn: string): Pass => ({
    what,
    verb: 'resealed',
    table,
    pk,
    pkType,
    columns: `key_id, ${sealedColumn} AS sealed`,
    stale: 'key_id <> $1',
    params: [cipher.keyId],
    fix: async (tx, row) => {
      const plain = opened(row['sealed'], row['key_id']);
      if (!plain) return false;
      await tx.query(`UPDATE ${table} SET key_id = $2, ${sealedColumn} = $3 WHERE ${pk} = $1`, [row['pk'], cipher.keyId, cipher.sealBytes(plain)]);
      return true;
    },
  });
  const passes: Pass[] = [
    contactPass(cipher),
    {
      what: 'personal data keys',
      verb: 're-wrapped',
      table: 'personal_data_key',
      pk: 'reporter_ref',
      pkType: 'text',
      columns: 'kek_id AS key_id, wrapped AS sealed',
      stale: 'kek_id IS NOT NULL AND kek_id <> $1',
      params: [cipher.keyId],
      fix: async (tx, row) => {
        const plain = opened(row['sealed'], row['key_id']);
        if (!plain) return false;
        await tx.query('UPDATE personal_data_key SET kek_id = $2, wrapped = $3 WHERE reporter_ref = $1 AND destroyed_at IS NULL', [row['pk'], cipher.keyId, cipher.sealBytes(plain)]);
        return true;
      },
    },
    reseal('quarantined requests', 'webhook_quarantine', ['id', 'uuid'], 'sealed_request'),
    {
      what: 'channel messages',
      verb: 'resealed',
      table: 'inbound_message',
      pk: 'id',
      pkType: 'uuid',
      columns: 'key_id, sealed, channel',
      stale: `key_id <> '${ERASED_KEY_ID}' AND (key_id <> $1 OR sender_digest_version IS DISTINCT FROM $2)`,
      params: [cipher.keyId, digest.version],
      fix: async (tx, row) => {
        const plain = opened(row['sealed'], row['key_id']);
        if (!plain) return false;
        await tx.query('UPDATE inbound_message SET key_id = $2, sealed = $3, sender_digest = $4, sender_digest_version = $5 WHERE id = $1', [
          row['pk'],
          cipher.keyId,
          row['key_id'] === cipher.keyId ? row['sealed'] : cipher.sealBytes(plain),
          digest.of(row['channel'] as Channel, senderOf(plain)),
          digest.version,
        ]);
        return true;
      },
    },
    {
      // The sender of a channel complaint is read from a message of theirs that it holds.
      what: 'channel complaints',
      verb: 're-digested',
      table: 'complaint',
      pk: 'id',
      pkType: 'uuid',
      columns: 'channel',
      stale: 'reporter_digest IS NOT NULL AND reporter_digest_version IS DISTINCT FROM $1',
      params: [digest.version],
      fix: async (tx, row) => {
        const [message] = (await tx.query('SELECT key_id, sealed FROM inbound_message WHERE complaint_id = $1 AND channel = $2 ORDER BY sent_at, id LIMIT 1', [row['pk'], row['channel']])) as {
          key_id: string;
          sealed: Buffer;
        }[];
        const plain = message && opened(message.sealed, message.key_id);
        if (!plain) return false;
        await tx.query('UPDATE complaint SET reporter_digest = $2, reporter_digest_version = $3 WHERE id = $1', [row['pk'], digest.of(row['channel'] as Channel, senderOf(plain)), digest.version]);
        return true;
      },
    },
  ];

  options.out(`reseal-contacts: sealing with contact key ${cipher.keyId}, digesting under version ${digest.version}, ${batch} rows a transaction`);
  const counts: ResealCount[] = [];
  for (const pass of passes) counts.push(await runPass(ds, pass, batch, options.out));
  const left = counts.reduce((n, c) => n + c.left, 0);
  options.out(
    `done: ${counts.map((c) => `${c.what} ${c.done}/${c.total}`).join(', ')}; ` +
      (left === 0 ? `everything is under key ${cipher.keyId} and digest version ${digest.version}` : `${left} left (${counts.filter((c) => c.left > 0).map((c) => `${c.what} ${c.left}`).join(', ')}): run again`),
  );
  return counts;
}

/** Opens a value sealed under a key of the ring; undefined when none opens it (it stays as it is, counted as left). */
function openedWith(cipher: ContactCipher): (sealed: unknown, keyId: unknown) => Buffer | undefined {
  return (sealed, keyId) => {
    try {
      return cipher.openBytes(sealed as Buffer, keyId as string);
    } catch {
      return undefined;
    }
  };
}

/** The pass that brings each contact still under a key of the ring under its person's own data key (docs/adr/0057). */
function contactPass(cipher: ContactCipher): Pass {
  const opened = openedWith(cipher);
  return {
    what: 'reporter contacts',
    verb: 'resealed',
    table: 'reporter_contact',
    pk: 'reporter_ref',
    pkType: 'text',
    columns: 'key_id, sealed',
    stale: 'key_id NOT IN ($1, $2)',
    params: [PERSON_KEY_ID, ERASED_KEY_ID],
    fix: async (tx, row) => {
      const plain = opened(row['sealed'], row['key_id']);
      if (!plain) return false;
      await sealReporterContact(tx, cipher, String(row['pk']), JSON.parse(plain.toString('utf8')) as SealedReporter);
      return true;
    },
  };
}

/**
 * Brings every contact sealed before docs/adr/0057 under its person's own data key, in batches
 * that skip rows intake holds: intake runs it at every start (a no-op once done), so the embedded
 * platform and every deployment migrate without an operator; `reseal-contacts` runs it too.
 */
export function sealContactsUnderPersonKeys(ds: DataSource, cipher: ContactCipher, out: (line: string) => void, batch = 500): Promise<ResealCount> {
  return runPass(ds, contactPass(cipher), batch, out);
}

async function runPass(ds: DataSource, pass: Pass, batch: number, out: (line: string) => void): Promise<ResealCount> {
  const count = async () => ((await ds.query(`SELECT count(*)::int AS n FROM ${pass.table} WHERE ${pass.stale}`, pass.params)) as { n: number }[])[0].n;
  const total = await count();
  const after = `$${pass.params.length + 1}`;
  const limit = `$${pass.params.length + 2}`;
  let cursor: string | undefined;
  let done = 0;
  let unreadable = 0;
  for (let more = total > 0; more; ) {
    more = await ds.transaction(async (tx) => {
      const rows = (await tx.query(
        `SELECT ${pass.pk} AS pk, ${pass.columns} FROM ${pass.table} WHERE ${pass.stale} AND (${after}::${pass.pkType} IS NULL OR ${pass.pk} > ${after}::${pass.pkType}) ORDER BY ${pass.pk} LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
        [...pass.params, cursor ?? null, batch],
      )) as Record<string, unknown>[];
      for (const row of rows) {
        if (await pass.fix(tx, row)) done += 1;
        else unreadable += 1;
      }
      if (rows.length > 0) cursor = String(rows[rows.length - 1]['pk']);
      return rows.length === batch;
    });
    out(`${pass.verb} ${done}/${total} ${pass.what}${unreadable > 0 ? ` (${unreadable} could not be read)` : ''}`);
  }
  return { what: pass.what, done, total, left: await count() };
}
