import { createServiceDataSource, initializeServiceDataSource, pingDataSource, type ServiceDataSourceOptions } from '@pengaduan/persistence';
import { ConfigError, HealthRegistry, PRODUCTION_MODE, retryUntilSuccess, ServiceError } from '@pengaduan/runtime';
import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { EventConsumer, type EventConsumerOptions } from './consumer';
import { MESSAGING_ENTITIES } from './entities';
import { describeEventSigning, type EventSigning } from './event-signing';
import { createIdempotentProducer, createKafka, isEmbeddedBrokers } from './kafka';
import { describeKafkaSecurity, type KafkaSecurity } from './kafka-security';
import { MESSAGING_MIGRATIONS } from './migrations';
import { OutboxRelay } from './relay';
import { TopicFollower, type TopicFollowerOptions } from './topic-follower';

export interface ServiceRuntimeOptions {
  /** Service name: Kafka client id, application name in Postgres. */
  service: string;
  logger: Logger;
  database: Omit<ServiceDataSourceOptions, 'applicationName'>;
  kafkaBrokers: string[];
  /** Consumers the service runs (none for a service that only emits). */
  consumers?: Pick<EventConsumerOptions, 'groupId' | 'topics' | 'handler' | 'maxAttempts' | 'backoff' | 'accepts' | 'partitionsConcurrently'>[];
  /** Topics the service reads besides the stream, without an inbox (the gateway's dead letters, docs/adr/0043). */
  followers?: TopicFollowerOptions[];
  /** Whether this service publishes its outbox (default true). */
  relay?: boolean;
  /**
   * Prefixed to every Kafka consumer group id (not to the inbox's group names), so that
   * several deployments — or test stacks — can share one Kafka cluster. Defaults to the
   * KAFKA_GROUP_PREFIX environment variable, else none.
   */
  kafkaGroupPrefix?: string;
  /**
   * Signed events (ADR 0015, from loadEventSigning): the relay signs with `key`, every consumer
   * verifies with `keyRing`. Absent parts: unsigned, unverified (as in most int tests).
   */
  signing?: EventSigning;
  /** TLS and SASL of the Kafka clients (docs/adr/0028, from loadKafkaSecurity); absent: plaintext, which production refuses at start. */
  kafkaSecurity?: KafkaSecurity;
}

/**
 * The infrastructure every service has: its data source (schema, migrations), the outbox
 * relay, its consumers, and readiness checks for each. `start()` returns at once and connects
 * in the background with backoff, so a service that starts while Postgres or Kafka is down
 * serves `/health/ready` as not-ready and recovers by itself when they come back.
 */
export class ServiceRuntime {
  readonly health = new HealthRegistry();
  readonly kafka: Kafka;
  private readonly ds: DataSource;
  private relayInstance?: OutboxRelay;
  private readonly consumers: EventConsumer[] = [];
  private readonly followers: TopicFollower[] = [];
  private admin?: Admin;
  private readonly abort = new AbortController();
  private startup?: Promise<void>;
  private dbReady = false;

  constructor(private readonly options: ServiceRuntimeOptions) {
    const { database } = options;
    this.ds = createServiceDataSource({
      ...database,
      applicationName: options.service,
      entities: [...MESSAGING_ENTITIES, ...toArray(database.entities)],
      migrations: [...MESSAGING_MIGRATIONS, ...toArray(database.migrations)],
    });
    this.kafka = createKafka({ brokers: options.kafkaBrokers, clientId: options.service, logger: options.logger, security: options.kafkaSecurity });
    this.health.register('postgres', () => pingDataSource(this.ds));
    this.health.register('kafka', async () => {
      if (!this.admin) throw new Error('kafka not connected yet');
      await this.admin.describeCluster();
    });
  }

  /** The service's data source once migrations ran; a ServiceError (503) before that. */
  get dataSource(): DataSource {
    if (!this.dbReady) throw new ServiceError('unavailable', 'SERVICE.NOT_READY', 'the database is not reachable yet; try again shortly');
    return this.ds;
  }

  get relay(): OutboxRelay | undefined {
    return this.relayInstance;
  }

  /**
   * Starts connecting; never rejects (failures are retried and show in readiness). In production
   * it throws at once when Kafka would be reached in the clear or unauthenticated (`migrate`, which
   * never connects to Kafka, does not ask).
   */
  start(): void {
    if (!this.startup) {
      this.describeSigning();
      this.checkKafkaSecurity();
    }
    this.startup ??= this.connect().catch((err: Error) => {
      if (!this.abort.signal.aborted) this.options.logger.error({ err: { message: err.message } }, 'start-up aborted');
    });
  }

  /** Resolves when every dependency is connected (for tests and one-shot commands). */
  async ready(): Promise<void> {
    this.start();
    await this.startup;
  }

  /** Whether the service signs what it emits (key id) and verifies what it consumes (how many keys); a warning when not. */
  private describeSigning(): void {
    const { logger, signing } = this.options;
    const uses = { emits: this.options.relay !== false, consumes: (this.options.consumers ?? []).length > 0 };
    for (const line of describeEventSigning(signing, uses)) logger[line.level](line.fields, line.msg);
  }

  private checkKafkaSecurity(): void {
    if (isEmbeddedBrokers(this.options.kafkaBrokers)) return;
    const { kafkaSecurity, logger } = this.options;
    if (PRODUCTION_MODE.parse(process.env[PRODUCTION_MODE.env] ?? '') && !(kafkaSecurity?.ssl && kafkaSecurity.sasl)) {
      throw new ConfigError(['KAFKA_SSL_CA and KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD are required in production (NODE_ENV=production): Kafka is reached over TLS as the service\'s own principal there']);
    }
    const line = describeKafkaSecurity(kafkaSecurity);
    logger[line.level](line.fields, line.msg);
  }

  private async connect(): Promise<void> {
    const { logger } = this.options;
    const signal = this.abort.signal;
    await retryUntilSuccess('connecting to Postgres and migrating', () => initializeServiceDataSource(this.ds, logger), logger, { signal, maxMs: 5_000 });
    this.dbReady = true;
    logger.info('postgres ready');
    await retryUntilSuccess(
      'connecting to Kafka',
      async () => {
        const admin = this.kafka.admin();
        await admin.connect();
        this.admin = admin;
      },
      logger,
      { signal, maxMs: 5_000 },
    );
    if (this.options.relay !== false) {
      const relay = new OutboxRelay({
        dataSource: this.ds,
        producer: createIdempotentProducer(this.kafka),
        logger: logger.child({ component: 'outbox-relay' }),
        signingKey: this.options.signing?.key,
      });
      this.health.register('outbox-relay', () => relay.check());
      await retryUntilSuccess('starting the outbox relay', () => relay.start(), logger, { signal, maxMs: 5_000 });
      this.relayInstance = relay;
    }
    const prefix = this.options.kafkaGroupPrefix ?? process.env['KAFKA_GROUP_PREFIX'] ?? '';
    if (!/^[A-Za-z0-9._-]*$/.test(prefix)) throw new Error(`KAFKA_GROUP_PREFIX "${prefix}" may hold only letters, digits, '.', '_' and '-'`);
    for (const spec of this.options.consumers ?? []) {
      const consumer = new EventConsumer({
        kafka: this.kafka,
        dataSource: this.ds,
        logger: logger.child({ component: 'consumer', group: spec.groupId }),
        kafkaGroupId: `${prefix}${spec.groupId}`,
        keyRing: this.options.signing?.keyRing,
        ...spec,
      });
      this.health.register(`consumer:${spec.groupId}`, () => consumer.check());
      await retryUntilSuccess(`starting consumer ${spec.groupId}`, () => consumer.start(), logger, { signal, maxMs: 5_000 });
      this.consumers.push(consumer);
    }
    for (const spec of this.options.followers ?? []) {
      const follower = new TopicFollower(this.kafka, this.ds, spec, prefix, logger.child({ component: 'follower', group: spec.groupId }));
      this.health.register(`follower:${spec.groupId}`, () => follower.check());
      await retryUntilSuccess(`starting follower ${spec.groupId}`, () => follower.start(), logger, { signal, maxMs: 5_000 });
      this.followers.push(follower);
    }
    logger.info('kafka ready');
  }

  /** Runs pending migrations and disconnects: the `migrate` command of every service. */
  async migrate(): Promise<void> {
    await initializeServiceDataSource(this.ds, this.options.logger);
    await this.ds.destroy();
  }

  /** Graceful shutdown: drain consumers, flush and stop the relay, close connections. */
  async stop(): Promise<void> {
    this.abort.abort(new Error('shutting down'));
    await this.startup;
    for (const c of this.consumers) await c.stop().catch(() => undefined);
    for (const f of this.followers) await f.stop().catch(() => undefined);
    if (this.relayInstance) {
      await this.relayInstance.flush().catch(() => undefined);
      await this.relayInstance.stop().catch(() => undefined);
    }
    await this.admin?.disconnect().catch(() => undefined);
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

function toArray<T>(list: T[] | Record<string, T> | undefined): T[] {
  if (!list) return [];
  return Array.isArray(list) ? list : Object.values(list);
}
