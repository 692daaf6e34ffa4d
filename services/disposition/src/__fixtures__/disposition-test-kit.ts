import { OfficeProfileClient } from '@pengaduan/documents';
import { COMPLAINT_EVENTS_TOPIC, dlqTopicFor, IntakeService } from '@pengaduan/contracts';
import { applyComplaintEvent, ServiceRuntime } from '@pengaduan/messaging';
import { createLogger, SettableClock } from '@pengaduan/runtime';
import type { UserActor } from '@pengaduan/sop';
import {
  asConsumed,
  deleteTopics,
  dropSchema,
  historyUntil,
  IntakeScreenStandIn,
  randomOfficeCode,
  startGroupAtEnd,
  testInfrastructure,
  testKafka,
  uniqueSchemaName,
  uniqueSuffix,
  type ComplaintHistory,
} from '@pengaduan/testing';
import type { DispositionConfig } from '../config';
import { DisposeComplaintHandler } from '../dispose/dispose-complaint.handler';
import { dispositionCommandExecutor, dispositionRuntimeOptions } from '../disposition.module';
import { RespondAsSectionHandler } from '../respond/respond-as-section.handler';
import { ReviewAppealHandler } from '../review-appeal/review-appeal.handler';
import { IntakeClient } from '../screen-officer-text/intake.client';
import { ListSectionsHandler } from '../sections/list-sections.handler';
import { addSection } from '../sections/section-list';

export const adminTikkim: UserActor = { kind: 'user', userId: 'u-admin-1', role: 'ADMIN_TIKKIM' };
export const kepalaKantor: UserActor = { kind: 'user', userId: 'u-kakan-1', role: 'KEPALA_KANTOR' };
export const sectionOfficer = (sectionCode: string): UserActor => ({ kind: 'user', userId: `u-${sectionCode.toLowerCase()}-1`, role: 'SEKSI_TERKAIT', sectionCode });

/** The sections every test office gets. */
export const TEST_SECTIONS = [
  { code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian' },
  { code: 'INTELDAKIM', name: 'Seksi Inteldakim' },
  { code: 'INTALTUSKIM', name: 'Seksi Izin Tinggal dan Status Keimigrasian' },
];

/** Folds a complaint's history into the service's complaint state, as its consumer would (no Kafka). */
export async function seedComplaint(runtime: ServiceRuntime, history: ComplaintHistory): Promise<void> {
  await runtime.dataSource.transaction(async (tx) => {
    for (const [i, envelope] of history.envelopes.entries()) await applyComplaintEvent(asConsumed(envelope, i), tx);
  });
}

export interface DispositionTestKit {
  runtime: ServiceRuntime;
  clock: SettableClock;
  groupId: string;
  /** intake's screening of the officers' texts, as a stand-in that records what it screened. */
  intake: IntakeScreenStandIn;
  dispose: DisposeComplaintHandler;
  /** The head of office's review of an appeal (docs/adr/0053). */
  reviewAppeal: ReviewAppealHandler;
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
  const clock = new SettableClock(new Date('2026-11-27T02:00:00Z'));
  const intake = await new IntakeScreenStandIn().start();
  const config: DispositionConfig = {
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
  if (options.consume) await startGroupAtEnd(groupId, COMPLAINT_EVENTS_TOPIC);
  const runtime = new ServiceRuntime({ ...base, consumers: options.consume ? base.consumers : [] });
  await runtime.ready();
  const executor = dispositionCommandExecutor(runtime, clock, groupId);

  return {
    runtime,
    clock,
    groupId,
    intake,
    dispose: new DisposeComplaintHandler(executor, new OfficeProfileClient(intakeClient), intakeClient),
    reviewAppeal: new ReviewAppealHandler(executor, intakeClient),
    respond: new RespondAsSectionHandler(executor, intakeClient),
    listSections: new ListSectionsHandler(runtime),
    async newOffice() {
      const office = randomOfficeCode();
      for (const s of TEST_SECTIONS) await addSection(runtime.dataSource.manager, { officeCode: office, ...s });
      return office;
    },
    async confirmedComplaint(officeCode) {
      const history = historyUntil('CONFIRMED', { officeCode });
      await seedComplaint(runtime, history);
      return history.complaintId;
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
