import { OfficeDirectory } from '@pengaduan/documents';
import { COMPLAINT_EVENTS_TOPIC, parseEnvelope } from '@pengaduan/contracts';
import { ServiceRuntime, type ComplaintCommandExecutor } from '@pengaduan/messaging';
import { createLogger, ServiceError, SettableClock } from '@pengaduan/runtime';
import { dropSchema, eventually, storedDocument, testInfrastructure, TopicReader, uniqueSchemaName } from '@pengaduan/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { StateConsumerGroup } from '../complaint-state/own-events';
import { intakeCommandExecutor } from '../intake.module';
import { OfficeProfileVersions } from '../office-profile/office-profile-versions';
import { INTAKE_ENTITIES } from '../persistence/entities';
import { INTAKE_MIGRATIONS } from '../persistence/migrations';
import { ContactCipher } from '../reporter-contact/contact-cipher';
import { readReporterContact } from '../reporter-contact/reporter-contacts';
import type { RegisterComplaintCommand, RegisterComplaintResult } from './register-complaint.command';
import { ComplaintRegistration } from './complaint-registration';
import { RegisterComplaintHandler } from './register-complaint.handler';

const infra = testInfrastructure();
const schema = uniqueSchemaName('intake');
// Each suite has its own office code, so tracking numbers never collide between runs. The random part is
// followed by a fixed last letter (P here, C, Y, L and R in the tests below) that hex digits cannot produce, so the
// suite's offices never coincide (a random last letter once made the concurrent office equal this one).
const officeStem = `T${randomBytes(3).toString('hex').toUpperCase().replace(/[^A-Z]/g, 'X')}`.slice(0, 5);
const office = `${officeStem}P`;
const cipher = new ContactCipher(randomBytes(32));
const clock = new SettableClock(new Date('2026-11-27T02:00:00Z'));
const stateGroup = new StateConsumerGroup('intake-register-test');
let runtime: ServiceRuntime;
let executor: ComplaintCommandExecutor;
let handler: RegisterComplaintHandler;
let reader: TopicReader;

const officer = { kind: 'user', userId: 'u-admin-1', role: 'ADMIN_TIKKIM' } as const;
const contact = { name: 'Siti Rahayu', phone: '+6281234567890', email: 'siti.rahayu@example.id' };
const text = 'Petugas loket meminta uang tambahan untuk paspor saya, nomor saya 081234567890.';

function command(overrides: Partial<RegisterComplaintCommand> = {}): RegisterComplaintCommand {
  return {
    requestId: randomUUID(),
    officeCode: office,
    channel: 'PHONE',
    text,
    contact,
    anonymous: false,
    confidential: false,
    actor: officer,
    correlationId: randomUUID(),
    ...overrides,
  };
}

beforeAll(async () => {
  reader = await new TopicReader([COMPLAINT_EVENTS_TOPIC]).start();
  runtime = new ServiceRuntime({
    service: 'intake-test',
    logger: createLogger('intake-test', 'silent'),
    database: { url: infra.databaseUrl, schema, entities: INTAKE_ENTITIES, migrations: INTAKE_MIGRATIONS },
    kafkaBrokers: infra.kafkaBrokers,
  });
  await runtime.ready();
  executor = intakeCommandExecutor(runtime, clock, stateGroup);
  handler = new RegisterComplaintHandler(executor, cipher, new OfficeProfileVersions(OfficeDirectory.load()));
});

afterAll(async () => {
  await reader?.stop();
  await runtime?.stop();
  await dropSchema(schema);
});

describe('an officer registers a complaint received by phone', () => {
  it('issues a tracking number and publishes complaint.received without the reporter’s personal data', async () => {
    const result = await handler.execute(command());

    expect(result).toEqual({ complaintId: expect.any(String), trackingNumber: `${office}-2026-000001`, status: 'RECEIVED' });
    const [message] = await reader.waitFor((m) => m.key === result.complaintId);
    const parsed = parseEnvelope(message.value ?? '');
    if (!parsed.ok || parsed.type !== 'complaint.received') throw new Error(`unexpected event: ${message.value}`);
    expect(parsed.envelope).toMatchObject({ subject: result.complaintId, office, actor: 'ADMIN_TIKKIM:u-admin-1', source: 'pengaduan/intake' });
    expect(parsed.payload).toMatchObject({ complaintId: result.complaintId, trackingNumber: result.trackingNumber, officeCode: office, messageCount: 1 });
    for (const secret of [contact.name, contact.phone, contact.email, '081234567890', 'uang tambahan']) {
      expect(message.value).not.toContain(secret);
    }
    // Step 1's output, the Laporan Aduan, is stored with it; the event carries its hash, and the
    // document holds the text but nothing of the contact.
    const report = await storedDocument(runtime.dataSource, result.complaintId, 'LAPORAN_ADUAN');
    expect(report).toMatchObject({ intact: true, number: `LA/${result.trackingNumber.replace(/-/g, '/')}` });
    expect(parsed.payload.documentSha256).toBe(report?.sha256);
  });

  it('keeps the text in intake and the contact only encrypted', async () => {
    const { complaintId } = await handler.execute(command());
    const [row] = (await runtime.dataSource.query(
      `SELECT c.reporter_ref, m.text, rc.sealed FROM complaint c
         JOIN complaint_message m ON m.complaint_id = c.id
         JOIN reporter_contact rc ON rc.reporter_ref = c.reporter_ref WHERE c.id = $1`,
      [complaintId],
    )) as { reporter_ref: string; text: string; sealed: Buffer }[];
    expect(row.text).toBe(text);
    expect(row.sealed.toString('latin1')).not.toContain(contact.phone);
    // Sealed under the complainant's own data key, itself wrapped by the ring (docs/adr/0057).
    expect(await readReporterContact(runtime.dataSource.manager, cipher, row.reporter_ref)).toEqual(contact);
    expect(() => cipher.open(row.sealed, cipher.keyId)).toThrow();
  });

  it('answers a retried request with the same result and registers nothing more', async () => {
    const first = command();
    const a = await handler.execute(first);
    const b = await handler.execute({ ...first, correlationId: randomUUID() });

    expect(b).toEqual(a);
    const rows = (await runtime.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE message_key = $1', [a.complaintId])) as { n: number }[];
    expect(rows[0].n).toBe(1);
  });

  it('refuses an idempotency key reused for a different complaint', async () => {
    const first = command();
    await handler.execute(first);
    await expect(handler.execute({ ...first, text: 'another complaint' })).rejects.toMatchObject({ kind: 'idempotency-mismatch', code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('gives gap-free tracking numbers to concurrent registrations', async () => {
    const concurrentOffice = `${officeStem}C`;
    const results = await Promise.all(Array.from({ length: 20 }, () => handler.execute(command({ officeCode: concurrentOffice }))));
    const numbers = results.map((r) => r.trackingNumber).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `${concurrentOffice}-2026-${String(i + 1).padStart(6, '0')}`));
  });

  it('numbers per year in WIB: 31 December 18:00 UTC is already the new year in Batam', async () => {
    const yearOffice = `${officeStem}Y`;
    clock.set(new Date('2026-12-31T16:30:00Z')); // 23:30 WIB, still 2026
    const late2026 = await handler.execute(command({ officeCode: yearOffice }));
    clock.set(new Date('2026-12-31T18:00:00Z')); // 01:00 WIB on 1 January 2027
    const early2027 = await handler.execute(command({ officeCode: yearOffice }));
    clock.set(new Date('2026-11-27T02:00:00Z'));

    expect([late2026.trackingNumber, early2027.trackingNumber]).toEqual([`${yearOffice}-2026-000001`, `${yearOffice}-2027-000001`]);
  });

  it('rejects bad input naming each bad field, and stores nothing', async () => {
    const before = (await runtime.dataSource.query('SELECT count(*)::int AS n FROM complaint')) as { n: number }[];
    const error = await handler
      .execute(command({ officeCode: 'bad', channel: 'WHATSAPP', text: '  ', contact: { email: 'not-an-email' } }))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).details.fieldViolations?.map((v) => v.field).sort()).toEqual(['channel', 'contact.email', 'officeCode', 'text']);
    const after = (await runtime.dataSource.query('SELECT count(*)::int AS n FROM complaint')) as { n: number }[];
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses a registration by a role the SOP does not allow, and stores nothing', async () => {
    const cmd = command({ actor: { kind: 'user', userId: 'u-kakan', role: 'KEPALA_KANTOR' } });
    await expect(handler.execute(cmd)).rejects.toMatchObject({ kind: 'forbidden', code: 'COMPLAINT.FORBIDDEN_ROLE' });
    const rows = (await runtime.dataSource.query('SELECT 1 FROM command_idempotency WHERE request_id = $1', [cmd.requestId])) as unknown[];
    expect(rows).toHaveLength(0);
  });

  it('knows the complaint as RECEIVED at once, and will not apply its own complaint.received again when it comes back', async () => {
    const { complaintId } = await handler.execute(command());

    const [state] = (await runtime.dataSource.query('SELECT status, version, office_code FROM complaint_state WHERE complaint_id = $1', [complaintId])) as {
      status: string;
      version: number;
      office_code: string;
    }[];
    expect(state).toEqual({ status: 'RECEIVED', version: 1, office_code: office });
    const inbox = (await runtime.dataSource.query(
      `SELECT i.consumer_group, i.processed_at FROM inbox i JOIN outbox o ON o.event_id = i.event_id WHERE o.message_key = $1`,
      [complaintId],
    )) as { consumer_group: string; processed_at: Date | null }[];
    expect(inbox).toEqual([{ consumer_group: 'intake-register-test', processed_at: expect.any(Date) }]);
  });

  it('journals every event it published', async () => {
    const { complaintId } = await handler.execute(command());
    await eventually(async () => {
      const rows = (await runtime.dataSource.query('SELECT published_at FROM outbox WHERE message_key = $1', [complaintId])) as { published_at: Date | null }[];
      return rows[0]?.published_at ? true : undefined;
    });
  });
});

/** Whether `promise` settles within `ms`. */
async function settlesWithin(ms: number, promise: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([promise.then(() => true, () => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)))]);
  clearTimeout(timer);
  return settled;
}

describe('two registrations in one office at once (ADR 0035)', () => {
  const registrationIn = (officeCode: string) =>
    new ComplaintRegistration(
      cipher,
      { requestId: randomUUID(), actor: officer, correlationId: randomUUID() },
      { officeCode, channel: 'PHONE', text, contact, anonymous: false, confidential: false, letterheads: new OfficeProfileVersions(OfficeDirectory.load()) },
    );

  it('do not wait on each other while one is still sealing and rendering: the number is taken last', async () => {
    const sameOffice = `${officeStem}L`;
    let b: RegisterComplaintResult | undefined;
    const a = await runtime.dataSource.transaction(async (tx) => {
      const registration = registrationIn(sameOffice);
      return registration.run((cmd) =>
        executor.within(tx).register({
          ...cmd,
          // A's registration as the executor runs it, with B's between its two halves.
          outputs: async ({ stateAfter }, atx, now) => {
            const draft = await registration.draft(atx, now);
            // A's transaction is open, its contact sealed and its Laporan Aduan rendered for the number it
            // guessed: B registers in full meanwhile (it would wait for A's commit if A held the counter row).
            const registering = handler.execute(command({ officeCode: sameOffice }));
            expect(await settlesWithin(10_000, registering)).toBe(true);
            b = await registering;
            return registration.record(atx, draft, stateAfter.status, now);
          },
        }),
      );
    });

    expect([b?.trackingNumber, a.trackingNumber]).toEqual([`${sameOffice}-2026-000001`, `${sameOffice}-2026-000002`]);
    // Each guessed the number the other was issued: both rendered again, so each Laporan Aduan
    // carries the number its complaint was issued, and each event that Laporan Aduan's hash.
    for (const r of [a, b as RegisterComplaintResult]) {
      const report = await storedDocument(runtime.dataSource, r.complaintId, 'LAPORAN_ADUAN');
      expect(report).toMatchObject({ intact: true, number: `LA/${r.trackingNumber.replace(/-/g, '/')}` });
      const [message] = await reader.waitFor((m) => m.key === r.complaintId);
      const parsed = parseEnvelope(message.value ?? '');
      if (!parsed.ok || parsed.type !== 'complaint.received') throw new Error(`unexpected event: ${message.value}`);
      expect(parsed.payload).toMatchObject({ trackingNumber: r.trackingNumber, documentSha256: report?.sha256 });
    }
  });

  it('stay gap-free: once one has taken its number the other waits for its commit, and a rollback gives the number back', async () => {
    const sameOffice = `${officeStem}R`;
    let b: Promise<RegisterComplaintResult> | undefined;
    const a = runtime.dataSource.transaction(async (tx) => {
      const taken = await registrationIn(sameOffice).run((cmd) => executor.within(tx).register(cmd));
      expect(taken.trackingNumber).toBe(`${sameOffice}-2026-000001`);
      let bSettled = false;
      b = handler.execute(command({ officeCode: sameOffice }));
      void b.finally(() => (bSettled = true)).catch(() => undefined);
      // B is seen waiting on the counter row's lock (a fact in Postgres, not a pause of ours)...
      await eventually(async () => {
        const waiting = (await runtime.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%tracking_number_counter%'`,
        )) as { n: number }[];
        return waiting[0].n > 0 || undefined;
      });
      // ...and has not registered.
      expect(bSettled).toBe(false);
      throw new Error('A fails after taking its number');
    });

    await expect(a).rejects.toThrow('A fails after taking its number');
    expect((await (b as Promise<RegisterComplaintResult>)).trackingNumber).toBe(`${sameOffice}-2026-000001`);
  });
});
