// Rotating the contact and digest keys under traffic (docs/adr/0026): intake's handlers on the
// run's real Postgres and Kafka keep registering complaints and taking channel messages while
// the ring is rotated twice (the handlers restarted with each new configuration) and
// `reseal-contacts` runs; afterwards everything opens with the final ring, without the old keys.
import type { InboundProvider } from '@pengaduan/channels';
import { OfficeDirectory } from '@pengaduan/documents';
import { createLogger } from '@pengaduan/runtime';
import { testInfrastructure } from '@pengaduan/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { actors, startIntakeKit, type IntakeKit } from '../__fixtures__/intake-test-kit';
import { storeWebhook } from '../channel-webhooks/inbound-store';
import { runIntakeCli } from '../cli';
import { loadIntakeConfig } from '../config';
import { InboundProcessor } from '../inbound-messages/inbound-processor';
import { intakeCommandExecutor } from '../intake.module';
import { OfficeProfileVersions } from '../office-profile/office-profile-versions';
import type { SenderDigest } from '../inbound-messages/sender-digest';
import { RegisterComplaintHandler } from '../register-complaint/register-complaint.handler';
import type { ContactCipher, ReporterContact } from './contact-cipher';
import { intakeKeys } from './intake-keys';
import { readReporterContact } from './reporter-contacts';

const logger = createLogger('key-rotation-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');
const b64 = () => randomBytes(32).toString('base64');
const [legacy, k1, k2, d1] = [b64(), b64(), b64(), b64()];
const RINGS = {
  /** An install from before rings: the single key. */
  before: { REPORTER_CONTACT_KEY: legacy },
  first: { REPORTER_CONTACT_KEY: legacy, REPORTER_CONTACT_KEYS: `k1:${k1}` },
  second: { REPORTER_CONTACT_KEY: legacy, REPORTER_CONTACT_KEYS: `k2:${k2},k1:${k1}`, SENDER_DIGEST_KEYS: `d1:${d1}` },
  /** After the reseals, the old keys removed. */
  final: { REPORTER_CONTACT_KEYS: `k2:${k2}`, SENDER_DIGEST_KEYS: `d1:${d1}` },
};

/** intake's handlers as a configuration starts them. */
interface Generation {
  name: string;
  env: Record<string, string>;
  keys: { cipher: ContactCipher; digest: SenderDigest };
  register: RegisterComplaintHandler;
  processor: InboundProcessor;
}

let kit: IntakeKit;
const account = 'wa-account-1';
const provider = { id: 'whatsapp', officeOf: (id: string) => (id === account ? kit.office : undefined) } as unknown as InboundProvider;

function start(name: string, env: Record<string, string>): Generation {
  const infra = testInfrastructure();
  const keys = intakeKeys(loadIntakeConfig({ DATABASE_URL: infra.databaseUrl, KAFKA_BROKERS: infra.kafkaBrokers.join(','), ...env }));
  return {
    name,
    env,
    keys,
    register: new RegisterComplaintHandler(intakeCommandExecutor(kit.runtime, kit.clock, kit.group), keys.cipher, new OfficeProfileVersions(OfficeDirectory.load())),
    processor: new InboundProcessor(kit.runtime, keys, kit.group, kit.clock, logger),
  };
}

/** A WhatsApp message from `sender`, stored as its webhook would be and processed; the complaint it went to. */
async function message(g: Generation, sender: string, text: string): Promise<string> {
  const providerMessageId = `wamid.${randomUUID()}`;
  await kit.runtime.dataSource.transaction((tx) =>
    storeWebhook(
      tx,
      g.keys,
      provider,
      { messages: [{ provider: 'whatsapp', channel: 'WHATSAPP', providerMessageId, accountId: account, sender, senderName: 'Pelapor', sentAt: new Date(), text, media: [] }], receipts: [], ignored: 0 },
      kit.clock.now(),
    ),
  );
  await g.processor.processDue();
  const [row] = (await kit.runtime.dataSource.query(`SELECT status, complaint_id, last_error FROM inbound_message WHERE provider_message_id = $1`, [providerMessageId])) as {
    status: string;
    complaint_id: string | null;
    last_error: string | null;
  }[];
  if (row?.status !== 'PROCESSED' || !row.complaint_id) throw new Error(`message of ${g.name} not processed: ${row?.status} ${row?.last_error}`);
  return row.complaint_id;
}

/** reseal-contacts with a ring, run again while it leaves rows (held by the traffic meanwhile). */
async function reseal(ring: Record<string, string>): Promise<string[]> {
  const lines: string[] = [];
  for (let run = 0; run < 5; run++) {
    const code = await runIntakeCli(['reseal-contacts', '--batch', '4'], {
      env: { DATABASE_URL: testInfrastructure().databaseUrl, INTAKE_DB_SCHEMA: kit.schema, ...ring },
      out: (line) => lines.push(line),
      err: (line) => lines.push(`ERR ${line}`),
    });
    if (code === 0) return lines;
    if (code !== 75) throw new Error(`reseal-contacts exited ${code}:\n${lines.join('\n')}`);
  }
  throw new Error(`reseal-contacts still leaves rows:\n${lines.join('\n')}`);
}

beforeAll(async () => {
  kit = await startIntakeKit();
});

afterAll(async () => {
  await kit?.stop();
});

it('rotates the keys twice under traffic and loses nothing: every contact opens with the final ring, and each sender finds their open complaint', async () => {
  const registered: { complaintId: string; contact: ReporterContact }[] = [];
  const senders: { sender: string; complaintId: string }[] = [];
  const strayed: string[] = [];
  let current = start('before', RINGS.before);
  let iterations = 0;
  let stop = false;
  let stepped: () => void = () => undefined;

  // The traffic: per round, a complaint by phone with a contact, a new WhatsApp sender, and a
  // follow-up from an earlier sender, which must join their complaint. Each round takes the
  // handlers of the configuration current when it starts.
  const traffic = (async () => {
    for (let i = 0; !stop; i++) {
      const g = current;
      const contact = { name: `Pelapor ${i}`, phone: `+62812${String(10_000_000 + i)}`, email: `pelapor${i}@example.id` };
      const { complaintId } = await g.register.execute({
        requestId: randomUUID(),
        officeCode: kit.office,
        channel: 'PHONE',
        text: `Aduan nomor ${i} tentang antrean paspor.`,
        contact,
        anonymous: false,
        confidential: false,
        actor: actors.admin,
        correlationId: randomUUID(),
      });
      registered.push({ complaintId, contact });
      const sender = `+62813${String(20_000_000 + i)}`;
      senders.push({ sender, complaintId: await message(g, sender, `Pesan pertama ${i}`) });
      const earlier = senders[(i * 7) % senders.length];
      const joined = await message(g, earlier.sender, `Tambahan ${i}`);
      if (joined !== earlier.complaintId) strayed.push(`${g.name}: ${earlier.sender} went to ${joined}, not ${earlier.complaintId}`);
      iterations += 1;
      stepped();
    }
  })();
  /** Resolves once `n` more rounds are done (so the current configuration is in use). */
  const rounds = (n: number) => {
    const target = iterations + n;
    return new Promise<void>((resolve, reject) => {
      stepped = () => {
        if (iterations >= target) resolve();
      };
      traffic.catch(reject);
    });
  };

  await rounds(6);
  current = start('first', RINGS.first);
  await rounds(2);
  const first = await reseal(RINGS.first);
  await rounds(3);
  current = start('second', RINGS.second);
  await rounds(2);
  const second = await reseal(RINGS.second);
  await rounds(3);
  stop = true;
  await traffic;

  expect(first[0]).toMatch(/^reseal-contacts: sealing with contact key k1, digesting under version contact-key:k1, 4 rows a transaction$/);
  expect(first).toEqual(expect.arrayContaining([expect.stringMatching(/^re-wrapped \d+\/\d+ personal data keys$/), expect.stringMatching(/^re-digested \d+\/\d+ channel complaints$/)]));
  expect(first.at(-1)).toMatch(/^done: .*everything is under key k1 and digest version contact-key:k1$/);
  expect(second.at(-1)).toMatch(/^done: .*everything is under key k2 and digest version d1$/);
  for (const line of [...first, ...second]) for (const key of [legacy, k1, k2, d1]) expect(line).not.toContain(key);
  expect(strayed).toEqual([]);

  // Everything is under the newest key and digest version.
  const q = (sql: string) => kit.runtime.dataSource.query(sql) as Promise<{ k: string; n: number }[]>;
  // Contacts are sealed under each person's own data key, and those keys are wrapped by the newest (docs/adr/0057).
  expect(await q('SELECT key_id AS k, count(*)::int AS n FROM reporter_contact GROUP BY key_id')).toEqual([{ k: 'person', n: registered.length + senders.length }]);
  expect(await q('SELECT kek_id AS k, count(*)::int AS n FROM personal_data_key GROUP BY kek_id')).toEqual([{ k: 'k2', n: registered.length + senders.length }]);
  expect(await q(`SELECT key_id || '/' || sender_digest_version AS k, count(*)::int AS n FROM inbound_message GROUP BY 1`)).toEqual([{ k: 'k2/d1', n: senders.length + iterations }]);
  expect(await q('SELECT reporter_digest_version AS k, count(*)::int AS n FROM complaint WHERE reporter_digest IS NOT NULL GROUP BY 1')).toEqual([{ k: 'd1', n: senders.length }]);

  // The old keys removed: every contact opens, and every sender's next message joins their complaint.
  const final = start('final', RINGS.final);
  const byRef = (await kit.runtime.dataSource.query('SELECT id, reporter_ref FROM complaint')) as { id: string; reporter_ref: string }[];
  const refOf = new Map(byRef.map((r) => [r.id, r.reporter_ref]));
  for (const { complaintId, contact } of registered) {
    expect(await readReporterContact(kit.runtime.dataSource.manager, final.keys.cipher, refOf.get(complaintId) ?? '')).toEqual(contact);
  }
  for (const { sender, complaintId } of senders) {
    expect(await readReporterContact(kit.runtime.dataSource.manager, final.keys.cipher, refOf.get(complaintId) ?? '')).toEqual({ name: 'Pelapor', phone: sender });
    expect(await message(final, sender, 'Masih menunggu jawaban.')).toBe(complaintId);
  }
  expect(registered.length).toBeGreaterThanOrEqual(16);
}, 120_000);
