import { OfficeDirectory } from '@pengaduan/documents';
import { COMPLAINT_EVENTS_TOPIC, parseEnvelope } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import { createLogger, ServiceError, SettableClock } from '@pengaduan/runtime';
import { dropSchema, testInfrastructure, TopicReader, uniqueSchemaName } from '@pengaduan/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { StateConsumerGroup } from '../complaint-state/own-events';
import { intakeCommandExecutor } from '../intake.module';
import { OfficeProfileVersions } from '../office-profile/office-profile-versions';
import { INTAKE_ENTITIES } from '../persistence/entities';
import { INTAKE_MIGRATIONS } from '../persistence/migrations';
import { ContactCipher } from '../reporter-contact/contact-cipher';
import { TransferComplaintHandler } from '../transfer-complaint/transfer-complaint.handler';
import type { RegisterComplaintCommand } from './register-complaint.command';
import { RegisterComplaintHandler } from './register-complaint.handler';

// docs/adr/0055: Admin Tikkim enters a complaint that came through SP4N-LAPOR! with its report number.

const infra = testInfrastructure();
const schema = uniqueSchemaName('intake_lapor');
// A random office per run (hex digits never give the fixed last letters L and K), so numbers never collide between runs.
const officeStem = `T${randomBytes(3).toString('hex').toUpperCase().replace(/[^A-Z]/g, 'X')}`.slice(0, 5);
const office = `${officeStem}L`;
const otherOffice = `${officeStem}K`;
const clock = new SettableClock(new Date('2026-11-27T02:00:00Z'));
let runtime: ServiceRuntime;
let handler: RegisterComplaintHandler;
let transfer: TransferComplaintHandler;
let reader: TopicReader;

const officer = { kind: 'user', userId: 'u-admin-lapor', role: 'ADMIN_TIKKIM' } as const;
let nextNumber = 7_000_000 + Math.floor(Math.random() * 1_000_000);
const freshNumber = () => String((nextNumber += 1));

function command(overrides: Partial<RegisterComplaintCommand> = {}): RegisterComplaintCommand {
  return {
    requestId: randomUUID(),
    officeCode: office,
    channel: 'LAPOR',
    text: 'Laporan dari LAPOR!: antrean paspor melebihi jam layanan.',
    anonymous: false,
    confidential: false,
    actor: officer,
    correlationId: randomUUID(),
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ServiceError)) throw new Error(`expected a ServiceError, got ${String(error)}`);
  return error;
}

async function countWithNumber(officeCode: string, number: string): Promise<number> {
  const [row] = (await runtime.dataSource.query(`SELECT count(*)::int AS n FROM complaint WHERE office_code = $1 AND lapor_report_number = $2`, [officeCode, number])) as { n: number }[];
  return row.n;
}

beforeAll(async () => {
  reader = await new TopicReader([COMPLAINT_EVENTS_TOPIC]).start();
  runtime = new ServiceRuntime({
    service: 'intake-lapor-test',
    logger: createLogger('intake-lapor-test', 'silent'),
    database: { url: infra.databaseUrl, schema, entities: INTAKE_ENTITIES, migrations: INTAKE_MIGRATIONS },
    kafkaBrokers: infra.kafkaBrokers,
  });
  await runtime.ready();
  const executor = intakeCommandExecutor(runtime, clock, new StateConsumerGroup('intake-lapor-test'));
  const cipher = new ContactCipher(randomBytes(32));
  handler = new RegisterComplaintHandler(executor, cipher, new OfficeProfileVersions(OfficeDirectory.load()));
  transfer = new TransferComplaintHandler(executor, cipher, new OfficeProfileVersions(OfficeDirectory.load()));
});

afterAll(async () => {
  await reader?.stop();
  await runtime?.stop();
  await dropSchema(schema);
});

describe('Admin Tikkim registers a complaint that came through LAPOR!', () => {
  it('keeps the report number and publishes it in complaint.received, channel LAPOR', async () => {
    const number = freshNumber();
    const result = await handler.execute(command({ laporReportNumber: number }));

    expect(result.status).toBe('RECEIVED');
    const [message] = await reader.waitFor((m) => m.key === result.complaintId);
    const parsed = parseEnvelope(message.value ?? '');
    if (!parsed.ok || parsed.type !== 'complaint.received') throw new Error(`unexpected event: ${message.value}`);
    expect(parsed.payload).toMatchObject({ complaintId: result.complaintId, laporReportNumber: number });
    expect(await countWithNumber(office, number)).toBe(1);
  });

  it('refuses a number already registered in the office with 409 COMPLAINT.LAPOR_NUMBER_TAKEN naming the complaint', async () => {
    const number = freshNumber();
    const first = await handler.execute(command({ laporReportNumber: number }));

    const error = await refusal(handler.execute(command({ laporReportNumber: number })));
    expect(error).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.LAPOR_NUMBER_TAKEN', details: { trackingNumber: first.trackingNumber } });
    expect(await countWithNumber(office, number)).toBe(1);
  });

  it('answers a retry of the same request with its first result, not as a duplicate', async () => {
    const again = command({ laporReportNumber: freshNumber() });
    const first = await handler.execute(again);
    await expect(handler.execute(again)).resolves.toEqual(first);
  });

  it('lets another office register the same number', async () => {
    const number = freshNumber();
    await handler.execute(command({ laporReportNumber: number }));
    const elsewhere = await handler.execute(command({ officeCode: otherOffice, actor: officer, laporReportNumber: number }));
    expect(elsewhere.trackingNumber.startsWith(`${otherOffice}-`)).toBe(true);
    expect(await countWithNumber(otherOffice, number)).toBe(1);
  });

  it('gives one complaint for two concurrent registrations of the same number', async () => {
    const number = freshNumber();
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => handler.execute(command({ laporReportNumber: number }))));

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(refused).toHaveLength(2);
    for (const error of refused) expect(error).toMatchObject({ code: 'COMPLAINT.LAPOR_NUMBER_TAKEN' });
    expect(await countWithNumber(office, number)).toBe(1);
  });

  it.each([
    ['without a number', {}, 'required for a complaint that came through LAPOR!'],
    ['with a number that is not 7-12 digits', { laporReportNumber: 'LAP-12' }, 'must be a LAPOR! report number of 7-12 digits'],
    ['with a number on a phone complaint', { channel: 'PHONE', laporReportNumber: '6123456' }, 'only for channel LAPOR'],
  ] as const)('refuses a registration %s with 400 naming laporReportNumber', async (_name, overrides, description) => {
    const error = await refusal(handler.execute(command(overrides as Partial<RegisterComplaintCommand>)));
    expect(error).toMatchObject({ kind: 'invalid', code: 'REQUEST.INVALID', details: { fieldViolations: [{ field: 'laporReportNumber', description }] } });
  });
});

describe('a LAPOR! report transferred to the office it belongs to (TransferComplaint)', () => {
  const transferOf = (complaintId: string) => transfer.execute({ requestId: randomUUID(), complaintId, actor: officer, actorOffice: office, correlationId: randomUUID(), targetOfficeCode: otherOffice });
  const rowOf = async (id: string) =>
    ((await runtime.dataSource.query('SELECT office_code, channel, status, lapor_report_number FROM complaint WHERE id = $1', [id])) as Record<string, string | null>[])[0];

  it('stays a LAPOR! report in the receiving office, with its report number, published in its complaint.received', async () => {
    const number = freshNumber();
    const original = await handler.execute(command({ laporReportNumber: number }));

    const moved = await transferOf(original.complaintId);

    expect(await rowOf(moved.newComplaintId)).toEqual({ office_code: otherOffice, channel: 'LAPOR', status: 'RECEIVED', lapor_report_number: number });
    expect(await rowOf(original.complaintId)).toMatchObject({ status: 'DISMISSED', lapor_report_number: number });
    const [message] = await reader.waitFor((m) => m.key === moved.newComplaintId);
    const parsed = parseEnvelope(message.value ?? '');
    if (!parsed.ok || parsed.type !== 'complaint.received') throw new Error(`unexpected event: ${message.value}`);
    expect(parsed.payload).toMatchObject({ officeCode: otherOffice, laporReportNumber: number, forwardedByOfficeCode: office, transferredFromComplaintId: original.complaintId });
  });

  it('is refused with 409 COMPLAINT.LAPOR_NUMBER_TAKEN when the receiving office has the number already, and nothing is lost', async () => {
    const number = freshNumber();
    const theirs = await handler.execute(command({ officeCode: otherOffice, laporReportNumber: number }));
    const ours = await handler.execute(command({ laporReportNumber: number }));

    const error = await refusal(transferOf(ours.complaintId));

    expect(error).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.LAPOR_NUMBER_TAKEN', details: { trackingNumber: theirs.trackingNumber } });
    expect(await rowOf(ours.complaintId)).toMatchObject({ office_code: office, status: 'RECEIVED', lapor_report_number: number });
    expect(await countWithNumber(otherOffice, number)).toBe(1);
    expect(await countWithNumber(office, number)).toBe(1);
  });
});
