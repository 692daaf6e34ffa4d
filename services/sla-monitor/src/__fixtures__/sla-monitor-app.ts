import { COMPLAINT_EVENTS_TOPIC, dlqTopicFor, serializeEnvelope, SlaMonitorService, type EventEnvelope, type ParsedEvent } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import { createLogger, SettableClock, type Logger } from '@pengaduan/runtime';
import type { SlaPolicy } from '@pengaduan/sop';
import {
  asConsumed,
  deleteTopics,
  dropSchema,
  GrpcTestClient,
  outboxEvents,
  testInfrastructure,
  testKafka,
  startGroupAtEnd,
  startTestService,
  uniqueSchemaName,
  uniqueSuffix,
  type ComplaintHistory,
  type MethodsOf,
} from '@pengaduan/testing';
import type { INestApplicationContext } from '@nestjs/common';
import type { SlaMonitorConfig } from '../config';
import { DeadlineScheduler, type TickResult } from '../fire-deadlines/deadline-scheduler';
import { OfficePolicies } from '../office-policy/office-policies';
import { slaMonitorService } from '../service-entry';
import { SlaMonitorModule } from '../sla-monitor.module';
import type { DeadlineRow } from '../sla-events';
import { DeadlineTracker } from '../track-deadlines/deadline-tracker';

export const logger: Logger = createLogger('sla-monitor-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

/** A deadline row as tests read it: the scheduler's columns and what the tracker records at the stop. */
export type DeadlineRecord = DeadlineRow & { stopped_at: Date | null; lateness_ms: string | null };

/**
 * sla-monitor as main.ts builds it (runtime, consumer, relay, scheduler), on a schema and a
 * consumer group of its own, against the real Postgres and Kafka. The scheduler does not fire
 * by itself: tests move the clock and call {@link tick}.
 */
export class SlaMonitorApp {
  readonly schema = uniqueSchemaName('sla_monitor');
  readonly group = `sla-monitor-test-${uniqueSuffix()}`;
  private app!: INestApplicationContext;
  runtime!: ServiceRuntime;
  tracker!: DeadlineTracker;
  scheduler!: DeadlineScheduler;
  /** A client of its internal gRPC API (SlaMonitorService), as the gateway calls it. */
  client!: GrpcTestClient<MethodsOf<typeof SlaMonitorService>>;

  private batchSize = 200;

  constructor(readonly clock: SettableClock = new SettableClock()) {}

  async start(overrides: Partial<SlaMonitorConfig> = {}): Promise<this> {
    const infra = testInfrastructure();
    await startGroupAtEnd(this.group, COMPLAINT_EVENTS_TOPIC);
    const config: SlaMonitorConfig = {
      databaseUrl: infra.databaseUrl,
      databaseSchema: this.schema,
      kafkaBrokers: infra.kafkaBrokers,
      httpHost: '127.0.0.1',
      httpPort: 0,
      grpcAddress: '127.0.0.1:0',
      warningShare: 0.75,
      pollMs: 1000,
      batchSize: 200,
      officePolicies: {},
      ...overrides,
    };
    this.batchSize = config.batchSize;
    const service = await startTestService(
      slaMonitorService,
      config,
      SlaMonitorModule.forRoot(config, logger, { clock: this.clock, consumerGroup: this.group, autoFire: false, consumerRetry: { maxAttempts: 1, backoff: { initialMs: 5, maxMs: 5 } } }),
      logger,
    );
    this.app = service.app;
    this.runtime = this.app.get(ServiceRuntime);
    this.tracker = this.app.get(DeadlineTracker);
    this.scheduler = this.app.get(DeadlineScheduler);
    this.client = new GrpcTestClient(SlaMonitorService, service.grpcAddress);
    await this.runtime.ready();
    return this;
  }

  async stop(): Promise<void> {
    this.client?.close();
    await this.app?.close();
    await dropSchema(this.schema);
    await deleteTopics([dlqTopicFor(this.group)]);
  }

  /** Folds envelopes into sla-monitor as its consumer would (same handler, same transaction), without Kafka. */
  async seed(envelopes: readonly EventEnvelope[]): Promise<void> {
    for (const envelope of envelopes) await this.runtime.dataSource.transaction((tx) => this.tracker.handle(asConsumed(envelope), tx));
  }

  /** Folds a whole history. */
  seedHistory(history: ComplaintHistory): Promise<void> {
    return this.seed(history.envelopes);
  }

  /** Publishes envelopes to the real complaint stream, keyed by complaint. */
  async publish(envelopes: readonly EventEnvelope[]): Promise<void> {
    const producer = testKafka('sla-monitor-test-producer').producer({ idempotent: true });
    await producer.connect();
    try {
      await producer.send({ topic: COMPLAINT_EVENTS_TOPIC, acks: -1, messages: envelopes.map((e) => ({ key: e.subject, value: serializeEnvelope(e) })) });
    } finally {
      await producer.disconnect();
    }
  }

  /** Sets the clock and fires everything due then, batch after batch, as the running scheduler does. */
  async tick(at: Date): Promise<TickResult> {
    this.clock.set(at);
    const total: TickResult = { warned: 0, breached: 0 };
    for (;;) {
      const r = await this.scheduler.tick(at);
      total.warned += r.warned;
      total.breached += r.breached;
      if (r.warned + r.breached < this.batchSize) return total;
    }
  }

  /** The offices' policies as the running service keeps them. */
  get policies(): OfficePolicies {
    return this.app.get(OfficePolicies);
  }

  async setPolicy(officeCode: string, policy: SlaPolicy): Promise<void> {
    await this.runtime.dataSource.transaction((tx) => this.policies.record(tx, officeCode, policy, { changedBy: 'test', source: 'test', at: this.clock.now() }));
  }

  /** The complaint's deadlines, by clock key. */
  async deadlines(complaintId: string): Promise<Record<string, DeadlineRecord>> {
    const rows = (await this.runtime.dataSource.query('SELECT * FROM deadline WHERE complaint_id = $1', [complaintId])) as DeadlineRecord[];
    return Object.fromEntries(rows.map((r) => [r.clock_key, r]));
  }

  /** The SLA events sla-monitor recorded for a complaint (its outbox, in order). */
  events(complaintId: string): Promise<ParsedEvent[]> {
    return outboxEvents(this.schema, complaintId);
  }
}

/** The types of the events about one deadline, in order. */
export function typesFor(events: readonly ParsedEvent[], deadlineId: string): string[] {
  return events.filter((e) => 'deadlineId' in e.payload && e.payload.deadlineId === deadlineId).map((e) => e.type);
}

export const HOUR = 3_600_000;
export const after = (d: Date, ms: number) => new Date(d.getTime() + ms);
