import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  COMPLAINT_EVENTS_TOPIC,
  dlqTopicFor,
  type Channel,
  type DeliveryMethod,
  NotificationService,
  type CommandOutcome,
  type ConfirmDeliveryRequestSchema,
  type CallAttemptOutcome,
  type NotificationPurpose,
  type ParsedEvent,
  type WriteFollowUpInformationRequestSchema,
} from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import { createLogger, SettableClock, type Logger } from '@pengaduan/runtime';
import type { ComplaintStatus, OutboundChannel, UserActor } from '@pengaduan/sop';
import {
  asConsumed,
  complaintStatus,
  deleteTopics,
  dropSchema,
  GrpcTestClient,
  IntakeScreenStandIn,
  outboxEvents,
  startGroupAtEnd,
  startTestService,
  testInfrastructure,
  uniqueSchemaName,
  uniqueSuffix,
  ComplaintHistory,
  type MethodsOf,
} from '@pengaduan/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ChannelAdapter } from '../channels/channel.port';
import { ComplaintEventsConsumer } from '../consumers/complaint-events.consumer';
import type { NotificationServiceConfig } from '../config';
import { DeliveryDispatcher } from '../deliver-notification/delivery-dispatcher';
import { RecordDeliveryReceiptsHandler } from '../record-receipts/record-delivery-receipts.handler';
import { NotificationModule } from '../notification.module';
import { notificationService } from '../service-entry';

export const logger: Logger = createLogger('notification-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

/**
 * notification as it runs (its Nest module: runtime, consumer, gRPC server) on a schema and a
 * consumer group of the suite's own, against the real Postgres and Kafka, with a gRPC client.
 */
export class NotificationApp {
  readonly schema = uniqueSchemaName('notification');
  readonly group = `notification-test-${uniqueSuffix()}`;
  private app!: INestApplicationContext;
  private client!: GrpcTestClient<MethodsOf<typeof NotificationService>>;
  runtime!: ServiceRuntime;
  consumer!: ComplaintEventsConsumer;
  /** intake's screening of the officers' texts, as a stand-in that records what it screened. */
  readonly intake = new IntakeScreenStandIn();

  constructor(
    readonly clock: SettableClock,
    private readonly adapters: readonly ChannelAdapter[] = [],
    private readonly options: { fallbackChannels?: OutboundChannel[] } = {},
  ) {}

  /** Where intake's forwarded receipts are applied. */
  get receipts(): RecordDeliveryReceiptsHandler {
    return this.app.get(RecordDeliveryReceiptsHandler);
  }

  /** The dispatcher that sends queued messages (it also polls by itself). */
  get dispatcher(): DeliveryDispatcher {
    return this.app.get(DeliveryDispatcher);
  }

  /** What was queued for a complaint and every attempt at it. */
  async deliveries(complaintId: string): Promise<{ purpose: string; status: string; channels: string[]; attempts: { channel: string; outcome: string; errorCode: string | null; status: string | null }[] }[]> {
    const rows = (await this.runtime.dataSource.query(
      `SELECT n.id, n.purpose, n.status, n.channels FROM outbound_notification n WHERE n.complaint_id = $1 ORDER BY n.created_at`,
      [complaintId],
    )) as { id: string; purpose: string; status: string; channels: string[] }[];
    const out = [];
    for (const n of rows) {
      const attempts = (await this.runtime.dataSource.query(
        `SELECT channel, outcome, error_code, status FROM delivery_attempt WHERE notification_id = $1 ORDER BY attempted_at, attempt`,
        [n.id],
      )) as { channel: string; outcome: string; error_code: string | null; status: string | null }[];
      out.push({ purpose: n.purpose, status: n.status, channels: n.channels, attempts: attempts.map((a) => ({ channel: a.channel, outcome: a.outcome, errorCode: a.error_code, status: a.status })) });
    }
    return out;
  }

  async start(): Promise<this> {
    const infra = testInfrastructure();
    // Only what is published from now on: the test topic holds other suites' complaints, whose
    // acknowledgements this app would otherwise queue and send.
    await startGroupAtEnd(this.group, COMPLAINT_EVENTS_TOPIC);
    await this.intake.start();
    const config = {
      databaseUrl: infra.databaseUrl,
      databaseSchema: this.schema,
      kafkaBrokers: infra.kafkaBrokers,
      httpHost: '127.0.0.1',
      httpPort: 0,
      grpcAddress: '127.0.0.1:0',
      intakeGrpcUrl: this.intake.address,
      fallbackChannels: this.options.fallbackChannels ?? ['SMS'],
      maxAttempts: 3,
      retryBaseMs: 1_000,
      pollMs: 100,
      channels: { off: [] },
    } satisfies NotificationServiceConfig;
    const service = await startTestService(
      notificationService,
      config,
      NotificationModule.forRoot(config, logger, {
        clock: this.clock,
        adapters: this.adapters,
        consumerGroup: this.group,
        // The shared topic holds other suites' partial histories (a command's events without
        // the complaint's earlier ones); a fresh group dead-letters them at once.
        consumerRetry: { maxAttempts: 1, backoff: { initialMs: 5, maxMs: 5 } },
      }),
      logger,
    );
    this.app = service.app;
    this.runtime = this.app.get(ServiceRuntime);
    this.consumer = this.app.get(ComplaintEventsConsumer);
    await this.runtime.ready();
    this.client = new GrpcTestClient(NotificationService, service.grpcAddress);
    return this;
  }

  async stop(): Promise<void> {
    this.client?.close();
    await this.app?.close();
    await this.intake.stop();
    await dropSchema(this.schema);
    await deleteTopics([dlqTopicFor(this.group)]);
  }

  /** Takes a new complaint's history to `end`, a minute before the app's now, and folds it into notification's state as its consumer would, without Kafka. */
  async seed(history: ComplaintHistory, end: ComplaintStatus): Promise<void> {
    history.until(end, { endingAt: new Date(this.clock.now().getTime() - 60_000) });
    for (const envelope of history.envelopes) {
      await this.runtime.dataSource.transaction((tx) => this.consumer.handle(asConsumed(envelope), tx));
    }
  }

  /** A phone complaint in `officer`'s office whose reporter was informed (SOP step 7) and is now to be told (step 8). */
  async informedPhoneComplaint(officer: UserActor & { officeCode: string }): Promise<ComplaintHistory> {
    const c = new ComplaintHistory({ officeCode: officer.officeCode, channel: 'PHONE' });
    await this.seed(c, 'TEAM_FORMED');
    await this.writeFollowUpInformation(officer, c.complaintId, 'Pengaduan Anda telah ditindaklanjuti oleh tim.');
    return c;
  }

  writeFollowUpInformation(
    actor: UserActor & { officeCode?: string },
    complaintId: string,
    text: string,
    requestId: string = randomUUID(),
  ): Promise<CommandOutcome> {
    const request: MessageInitShape<typeof WriteFollowUpInformationRequestSchema> = {
      context: { requestId, complaintId, actor: grpcActor(actor) },
      text,
    };
    return this.client.call('writeFollowUpInformation', request).then((r) => outcomeOf(r.outcome));
  }

  confirmDelivery(
    actor: UserActor & { officeCode?: string },
    complaintId: string,
    delivery: { method?: DeliveryMethod; deliveredAt?: Date; note?: string; channel?: Channel; purpose?: NotificationPurpose },
    requestId: string = randomUUID(),
  ): Promise<CommandOutcome> {
    const { deliveredAt, ...rest } = delivery;
    const request: MessageInitShape<typeof ConfirmDeliveryRequestSchema> = {
      context: { requestId, complaintId, actor: grpcActor(actor) },
      ...rest,
      ...(deliveredAt ? { deliveredAt: timestampFromDate(deliveredAt) } : {}),
    };
    return this.client.call('confirmDelivery', request).then((r) => outcomeOf(r.outcome));
  }

  /** `RecordCallAttempt` over gRPC: a call that did not reach the reporter (docs/adr/0044), about a notice (docs/adr/0051). */
  recordCallAttempt(
    actor: UserActor & { officeCode?: string },
    complaintId: string,
    attempt: { outcome?: CallAttemptOutcome; retryAt?: Date; reason?: string; purpose?: NotificationPurpose },
    requestId: string = randomUUID(),
  ): Promise<CommandOutcome> {
    const { retryAt, ...rest } = attempt;
    return this.client
      .call('recordCallAttempt', { context: { requestId, complaintId, actor: grpcActor(actor) }, ...rest, ...(retryAt ? { retryAt: timestampFromDate(retryAt) } : {}) })
      .then((r) => outcomeOf(r.outcome));
  }

  /** The events notification committed for a complaint (its outbox, in order). */
  eventsOf(complaintId: string): Promise<ParsedEvent[]> {
    return outboxEvents(this.schema, complaintId);
  }

  statusOf(complaintId: string): Promise<string | undefined> {
    return complaintStatus(this.schema, complaintId);
  }

  /** notification's gRPC API as the gateway calls it, for the methods with no helper here (the message templates, docs/adr/0050). */
  get grpc(): GrpcTestClient<MethodsOf<typeof NotificationService>> {
    return this.client;
  }

}

function grpcActor(actor: UserActor & { officeCode?: string }) {
  return { userId: actor.userId, role: actor.role, officeCode: actor.officeCode, sectionCode: actor.sectionCode };
}

function outcomeOf(outcome: CommandOutcome | undefined): CommandOutcome {
  if (!outcome) throw new Error('the response has no outcome');
  return outcome;
}
