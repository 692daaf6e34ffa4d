import type { EventEnvelope } from '@pengaduan/contracts';
import { complaintStateConsumer, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@pengaduan/messaging';
import { createServiceDataSource, initializeServiceDataSource } from '@pengaduan/persistence';
import { asConsumed, dropSchema, testInfrastructure, uniqueSchemaName } from '@pengaduan/testing';
import type { DataSource } from 'typeorm';
import { GATEWAY_ENTITIES } from '../persistence/entities';
import { GATEWAY_MIGRATIONS } from '../persistence/migrations';
import { projectReadModel } from '../projection/read-model.projection';

/**
 * The gateway's read model on a schema of its own in the real Postgres, fed event by event as
 * its consumer feeds it (each event in a transaction of its own), without Kafka.
 */
export class ProjectionHarness {
  /** The consumer the gateway runs (every event type, sla.* included). */
  readonly readModel = complaintStateConsumer(`${this.name}-test`, projectReadModel, () => true);
  readonly schema = uniqueSchemaName(this.name.replace(/-/g, '_'));
  ds!: DataSource;

  constructor(readonly name: string) {}

  async start(): Promise<this> {
    this.ds = createServiceDataSource({
      url: testInfrastructure().databaseUrl,
      schema: this.schema,
      applicationName: `${this.name}-test`,
      entities: [...MESSAGING_ENTITIES, ...GATEWAY_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, ...GATEWAY_MIGRATIONS],
      poolSize: 4,
    });
    await initializeServiceDataSource(this.ds);
    return this;
  }

  async stop(): Promise<void> {
    await this.ds?.destroy();
    await dropSchema(this.schema);
  }

  /** Applies events one by one as the consumer does. */
  async apply(...envelopes: EventEnvelope[]): Promise<void> {
    for (const envelope of envelopes) await this.ds.transaction((tx) => this.readModel.handler(asConsumed(envelope), tx));
  }
}
