import { OfficeDirectory } from '@pengaduan/documents';
// Test support: intake's runtime on the run's real Postgres (a schema of its own) and Kafka,
// its handlers wired as the module wires them, and ways to put a complaint into any state.
import type { EventEnvelope } from '@pengaduan/contracts';
import { applyComplaintEvent, ServiceRuntime, type ComplaintCommandExecutor } from '@pengaduan/messaging';
import { createLogger, SettableClock } from '@pengaduan/runtime';
import type { Actor, ComplaintState, SopCommand } from '@pengaduan/sop';
import { asConsumed, ComplaintHistory, dropSchema, randomOfficeCode, testInfrastructure, uniqueSchemaName, uniqueSuffix } from '@pengaduan/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { AppendMessageHandler } from '../append-message/append-message.handler';
import { StateConsumerGroup } from '../complaint-state/own-events';
import type { IntakeServiceConfig } from '../config';
import { ConfirmComplaintHandler } from '../confirm-complaint/confirm-complaint.handler';
import { DismissComplaintHandler } from '../dismiss-complaint/dismiss-complaint.handler';
import { ComplaintFeedbackHandler } from '../rate-complaint/complaint-feedback.handler';
import { GetComplaintHandler } from '../get-complaint/get-complaint.handler';
import { intakeCommandExecutor, intakeRuntimeOptions } from '../intake.module';
import { OfficeProfileVersions } from '../office-profile/office-profile-versions';
import type { RegisterComplaintCommand } from '../register-complaint/register-complaint.command';
import { RegisterComplaintHandler } from '../register-complaint/register-complaint.handler';
import type { ContactCipher } from '../reporter-contact/contact-cipher';
import { intakeKeys } from '../reporter-contact/intake-keys';
import type { SenderDigest } from '../inbound-messages/sender-digest';

export const actors = {
  admin: { kind: 'user', userId: 'u-admin-1', role: 'ADMIN_TIKKIM' },
  kepalaKantor: { kind: 'user', userId: 'u-kakan-1', role: 'KEPALA_KANTOR' },
  pelapor: { kind: 'user', userId: 'u-pelapor-1', role: 'PELAPOR' },
  notification: { kind: 'system', service: 'notification' },
} as const satisfies Record<string, Actor>;

export const contact = { name: 'Siti Rahayu', phone: '+6281234567890', email: 'siti.rahayu@example.id' };
export const reportText = 'Petugas loket meminta uang tambahan untuk paspor saya, nomor saya 081234567890.';

/** An intake config for the run's infrastructure; `grpcAddress` on a free port of the OS's choosing. */
export function testConfig(schema: string): IntakeServiceConfig {
  const infra = testInfrastructure();
  return {
    officeProfiles: OfficeDirectory.load(),
    databaseUrl: infra.databaseUrl,
    databaseSchema: schema,
    kafkaBrokers: infra.kafkaBrokers,
    httpHost: '127.0.0.1',
    httpPort: 0,
    grpcAddress: '127.0.0.1:0',
    reporterContactKey: randomBytes(32).toString('base64'),
    reporterContactKeys: undefined,
    senderDigestKeys: undefined,
    webhookMaxBodyBytes: 1024 * 1024,
    mediaMaxBytes: 16 * 1024 * 1024,
    mediaAllowedTypes: ['image/jpeg', 'image/png', 'audio/ogg', 'application/pdf'],
    notificationGrpcUrl: '127.0.0.1:1',
    inboundPollMs: 200,
    personalDataRetentionDays: 730,
    channels: { off: [] },
  };
}

export interface IntakeKit {
  runtime: ServiceRuntime;
  schema: string;
  group: StateConsumerGroup;
  cipher: ContactCipher;
  /** The digest of a channel sender, under the kit's keys (the inbound path's). */
  digest: SenderDigest;
  clock: SettableClock;
  /** This suite's office: no other suite registers complaints in it. */
  office: string;
  register: RegisterComplaintHandler;
  confirm: ConfirmComplaintHandler;
  dismiss: DismissComplaintHandler;
  /** The reporter's rating and appeal after closing (docs/adr/0053). */
  feedback: ComplaintFeedbackHandler;
  append: AppendMessageHandler;
  get: GetComplaintHandler;
  /** The executor the handlers above share, for a handler a suite builds itself. */
  executor: ComplaintCommandExecutor;
  stop(): Promise<void>;
}

/**
 * Intake's handlers on a runtime of their own (own schema), without the state consumer: the
 * suite puts complaints into states itself (`applyToIntake`). intake.grpc.int.spec.ts runs
 * the whole module, consumer included, against the real topic.
 */
export async function startIntakeKit(): Promise<IntakeKit> {
  const schema = uniqueSchemaName('intake');
  const config = testConfig(schema);
  const group = new StateConsumerGroup(`intake-test-${uniqueSuffix()}`);
  const base = intakeRuntimeOptions(config, createLogger('intake-test', process.env['TEST_LOG_LEVEL'] ?? 'silent'), { stateConsumerGroup: group });
  const runtime = new ServiceRuntime({ ...base, consumers: [] });
  await runtime.ready();
  const { cipher, digest } = intakeKeys(config);
  const clock = new SettableClock(new Date('2026-11-27T02:00:00Z'));
  const executor = intakeCommandExecutor(runtime, clock, group);
  return {
    runtime,
    schema,
    group,
    cipher,
    digest,
    clock,
    office: randomOfficeCode(),
    register: new RegisterComplaintHandler(executor, cipher, new OfficeProfileVersions(config.officeProfiles)),
    confirm: new ConfirmComplaintHandler(executor, cipher, new OfficeProfileVersions(config.officeProfiles)),
    dismiss: new DismissComplaintHandler(executor, cipher),
    feedback: new ComplaintFeedbackHandler(executor, cipher),
    append: new AppendMessageHandler(executor),
    get: new GetComplaintHandler(runtime, cipher),
    executor,
    async stop() {
      await runtime.stop();
      await dropSchema(schema);
    },
  };
}

/** Registers a complaint in the kit's office, as Admin Tikkim typing in a phone call. */
export async function registerComplaint(kit: IntakeKit, overrides: Partial<RegisterComplaintCommand> = {}): Promise<string> {
  const { complaintId } = await kit.register.execute({
    requestId: randomUUID(),
    officeCode: kit.office,
    channel: 'PHONE',
    text: reportText,
    contact,
    anonymous: false,
    confidential: false,
    actor: actors.admin,
    correlationId: randomUUID(),
    ...overrides,
  });
  return complaintId;
}

/** The command context of an officer of the kit's office acting on `complaintId`, with a fresh request id. */
export function by(kit: IntakeKit, actor: Actor, complaintId: string) {
  return { requestId: randomUUID(), complaintId, actor, actorOffice: kit.office, correlationId: randomUUID() };
}

export async function stateOf(kit: Pick<IntakeKit, 'runtime'>, complaintId: string): Promise<{ status: string; version: number; state: ComplaintState } | undefined> {
  const rows = (await kit.runtime.dataSource.query('SELECT status, version, state FROM complaint_state WHERE complaint_id = $1', [complaintId])) as {
    status: string;
    version: number;
    state: ComplaintState;
  }[];
  return rows[0];
}

/**
 * What the other services record next on a complaint: given the state intake holds, each
 * command is decided when the kit's clock says, and comes back as the envelopes those services
 * would publish.
 */
export async function eventsOfOtherServices(kit: Pick<IntakeKit, 'runtime' | 'clock'>, complaintId: string, commands: SopCommand[]): Promise<EventEnvelope[]> {
  const row = await stateOf(kit, complaintId);
  if (!row) throw new Error(`intake holds no state for ${complaintId}`);
  const history = new ComplaintHistory({ from: row.state, start: kit.clock.now(), stepMs: 0 });
  return commands.flatMap((command) => history.when(command));
}

/** Folds events into intake's complaint_state as its consumer would, without Kafka. */
export async function applyToIntake(kit: IntakeKit, envelopes: EventEnvelope[]): Promise<void> {
  await kit.runtime.dataSource.transaction(async (tx) => {
    for (const [i, envelope] of envelopes.entries()) await applyComplaintEvent(asConsumed(envelope, i), tx);
  });
}

/** The commands that take a dismissed complaint to SELESAI: the reporter is told, and it reached them. */
export function informAndDeliver(at: Date): SopCommand[] {
  return [
    { type: 'informReporter', actor: actors.admin, informationRef: `info-${uniqueSuffix()}` },
    { type: 'recordDelivery', actor: actors.notification, channel: 'PHONE', method: 'PHONE_CALL', deliveredAt: at.toISOString() },
  ];
}

/** How many events with this type the outbox holds for the complaint. */
export async function outboxCount(kit: IntakeKit, complaintId: string, type: string): Promise<number> {
  const [row] = (await kit.runtime.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE message_key = $1 AND event_type = $2', [complaintId, type])) as {
    n: number;
  }[];
  return row.n;
}
