import { OfficeDirectory } from '@pengaduan/documents';
import { COMPLAINT_EVENTS_TOPIC, dlqTopicFor, IntakeService, parseEnvelope, serializeEnvelope, sopEventToEnvelope } from '@pengaduan/contracts';
import { applyComplaintEvent, ServiceRuntime, type ConsumedEvent } from '@pengaduan/messaging';
import { createLogger, Clock } from '@pengaduan/runtime';
import { decide, replay, type SopCommand, type SopEvent, type UserActor } from '@pengaduan/sop';
import { deleteTopics, dropSchema, IntakeScreenStandIn, testInfrastructure, testKafka, uniqueSchemaName, uniqueSuffix } from '@pengaduan/testing';
import { randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { DispositionConfig } from '../config';
import { DisposeComplaintHandler } from '../dispose/dispose-complaint.handler';
import { dispositionCommandExecutor, dispositionRuntimeOptions } from '../disposition.module';
import { RespondAsSectionHandler } from '../respond/respond-as-section.handler';
import { IntakeClient } from '../screen-officer-text/intake.client';
import { ListSectionsHandler } from '../sections/list-sections.handler';
import { addSection } from '../sections/section-list';

/** A clock the test sets. */
export class FixedClock extends Clock {
  constructor(public at: Date) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

export const adminTikkim: UserActor = { kind: 'user', userId: 'u-admin-1', role: 'ADMIN_TIKKIM' };
export const kepalaKantor: UserActor = { kind: 'user', userId: 'u-kakan-1', role: 'KEPALA_KANTOR' };
export const sectionOfficer = (sectionCode: string): UserActor => ({ kind: 'user', userId: `u-${sectionCode.toLowerCase()}-1`, role: 'SEKSI_TERKAIT', sectionCode });

/** A fresh office code (6 capital letters), so numbers and sections never collide between suites or runs. */
export function randomOffice(): string {
  return Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('');
}

/** The sections every test office gets. */
export const TEST_SECTIONS = [
  { code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian' },
  { code: 'INTELDAKIM', name: 'Seksi Inteldakim' },
  { code: 'INTALTUSKIM', name: 'Seksi Izin Tinggal dan Status Keimigrasian' },
];

function decided(command: SopCommand, history: SopEvent[], at: Date): SopEvent[] {
  const decision = decide(command, replay(history), at);
  if (!decision.ok) throw new Error(`fixture: libs/sop refused ${command.type}: ${decision.error.message}`);
  return [...history, ...decision.events];
}

/** A complaint's history up to RECEIVED (step 1), decided by libs/sop. */
export function receivedHistory(complaintId: string, officeCode: string, at = new Date('2026-11-26T01:00:00Z')): SopEvent[] {
  return decided(
    { type: 'receive', actor: adminTikkim, complaintId, officeCode, trackingNumber: `${officeCode}-2026-000001`, channel: 'PHONE', anonymous: false, confidential: false },
    [],
    at,
  );
}

/** A complaint's history up to CONFIRMED (step 2), decided by libs/sop. */
export function confirmedHistory(complaintId: string, officeCode: string): SopEvent[] {
  return decided(
    { type: 'confirm', actor: adminTikkim, classification: '02', summary: 'Antrean paspor tidak tertib di loket', anonymous: false, confidential: false },
    receivedHistory(complaintId, officeCode),
    new Date('2026-11-26T03:00:00Z'),
  );
}

/** The envelope of a history event, as intake would publish it. */
export function envelopeOf(event: SopEvent, complaintId: string, officeCode: string) {
  const extras = event.type === 'complaint.received' ? { receivedAt: new Date(event.at), reporterRef: `rep_${uuidv7()}`, messageCount: 1 } : {};
  return sopEventToEnvelope(event, { source: 'pengaduan/intake', subject: complaintId, office: officeCode, correlationId: uuidv7() }, extras as never);
}

/** A history event as the consumer would hand it over. */
export function consumedEvent(event: SopEvent, complaintId: string, officeCode: string, offset: number): ConsumedEvent {
  const parsed = parseEnvelope(serializeEnvelope(envelopeOf(event, complaintId, officeCode)));
  if (!parsed.ok) throw new Error(`fixture: invalid event: ${parsed.reason}`);
  return { ...parsed, topic: 'fixture', partition: 0, offset: String(offset) };
}

/** Folds a history into the service's complaint state, as its consumer would (no Kafka). */
export async function seedComplaint(runtime: ServiceRuntime, history: SopEvent[], complaintId: string, officeCode: string): Promise<void> {
  await runtime.dataSource.transaction(async (tx) => {
    for (const [i, event] of history.entries()) await applyComplaintEvent(consumedEvent(event, complaintId, officeCode, i), tx);
  });
}

export interface DispositionTestKit {
  runtime: ServiceRuntime;
  clock: FixedClock;
  groupId: string;
  /** intake's screening of the officers' texts, as a stand-in that records what it screened. */
  intake: IntakeScreenStandIn;
  dispose: DisposeComplaintHandler;
  respond: RespondAsSectionHandler;
  listSections: ListSectionsHandler;
  /** A fresh office with {@link TEST_SECTIONS}. */
  newOffice(): Promise<string>;
  /** A fresh CONFIRMED complaint of `officeCode` in the service's state. */
  confirmedComplaint(officeCode: string): Promise<string>;
  /** The complaint's state as the service keeps it. */
  status(complaintId: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

/**
 * Commits the group's offsets at the current end of the complaint topic, so that a fresh test
 * group reads what the suite publishes and not the whole (unlimited) history of every run.
 */
export async function startGroupAtTheEnd(groupId: string): Promise<void> {
  const admin = testKafka('disposition-test-admin').admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(COMPLAINT_EVENTS_TOPIC);
    await admin.setOffsets({ groupId, topic: COMPLAINT_EVENTS_TOPIC, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
  } finally {
    await admin.disconnect();
  }
}

/** Removes what a test group left on the broker: its DLQ topic and its committed offsets. */
export async function removeTestGroup(groupId: string): Promise<void> {
  await deleteTopics([dlqTopicFor(groupId)]);
  const admin = testKafka('disposition-test-admin').admin();
  await admin.connect();
  try {
    await admin.deleteGroups([groupId]).catch(() => undefined); // never joined: nothing to delete
  } finally {
    await admin.disconnect();
  }
}

/**
 * Disposition's handlers on the real Postgres (a schema of the suite's own) and Kafka.
 * With `consume`, its complaint-state consumer runs too, in a group of the suite's own that
 * reads the real complaint topic from where it ends now; events of complaints it never
 * received (other suites' running at the same time) are dead-lettered after one attempt
 * instead of holding it up.
 */
export async function startDispositionTestKit(options: { consume?: boolean } = {}): Promise<DispositionTestKit> {
  const infra = testInfrastructure();
  const schema = uniqueSchemaName('disposition');
  const groupId = `disposition-test-${uniqueSuffix()}`;
  const clock = new FixedClock(new Date('2026-11-27T02:00:00Z'));
  const intake = await new IntakeScreenStandIn().start();
  const config: DispositionConfig = {
    officeProfiles: OfficeDirectory.load(),
    databaseUrl: infra.databaseUrl,
    databaseSchema: schema,
    kafkaBrokers: infra.kafkaBrokers,
    httpHost: '127.0.0.1',
    httpPort: 0,
    grpcAddress: '127.0.0.1:0',
    intakeGrpcUrl: intake.address,
  };
  const logger = createLogger('disposition-test', 'silent');
  const intakeClient = new IntakeClient('intake', IntakeService, config.intakeGrpcUrl, logger);
  const base = dispositionRuntimeOptions(config, logger, { groupId, maxAttempts: 1, backoff: { initialMs: 10, maxMs: 50 } });
  if (options.consume) await startGroupAtTheEnd(groupId);
  const runtime = new ServiceRuntime({ ...base, consumers: options.consume ? base.consumers : [] });
  await runtime.ready();
  const executor = dispositionCommandExecutor(runtime, clock, groupId);

  return {
    runtime,
    clock,
    groupId,
    intake,
    dispose: new DisposeComplaintHandler(executor, config.officeProfiles, intakeClient),
    respond: new RespondAsSectionHandler(executor, intakeClient),
    listSections: new ListSectionsHandler(runtime),
    async newOffice() {
      const office = randomOffice();
      for (const s of TEST_SECTIONS) await addSection(runtime.dataSource.manager, { officeCode: office, ...s });
      return office;
    },
    async confirmedComplaint(officeCode) {
      const complaintId = uuidv7();
      await seedComplaint(runtime, confirmedHistory(complaintId, officeCode), complaintId, officeCode);
      return complaintId;
    },
    async status(complaintId) {
      const rows = (await runtime.dataSource.query('SELECT status FROM complaint_state WHERE complaint_id = $1', [complaintId])) as { status: string }[];
      return rows[0]?.status;
    },
    async stop() {
      intakeClient.close();
      await intake.stop();
      await runtime.stop();
      await dropSchema(schema);
      if (options.consume) await removeTestGroup(groupId);
    },
  };
}
