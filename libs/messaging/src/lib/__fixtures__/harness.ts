import type { EventEnvelope } from '@pengaduan/contracts';
import { createServiceDataSource, initializeServiceDataSource } from '@pengaduan/persistence';
import { createLogger } from '@pengaduan/runtime';
import { actors, ComplaintHistory, createTestTopic, deleteTopics, dropSchema, testInfrastructure, uniqueSchemaName } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { MESSAGING_ENTITIES } from '../entities';
import { MESSAGING_MIGRATIONS } from '../migrations';

/** A stand-in for a service's own tables: its state, and the effects of the events it consumes. */
export class TestTables1795800000001 implements MigrationInterface {
  name = 'TestTables1795800000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE complaint_state (complaint_id uuid PRIMARY KEY, note text NOT NULL)');
    // No unique constraint on purpose: a second effect of one event would show as a second row.
    await q.query('CREATE TABLE effect (id bigserial PRIMARY KEY, event_id uuid NOT NULL, complaint_id text NOT NULL, consumer text NOT NULL)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE effect');
    await q.query('DROP TABLE complaint_state');
  }
}

export const logger = createLogger('messaging-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

export async function serviceDataSource(url: string, schema: string): Promise<DataSource> {
  const ds = createServiceDataSource({
    url,
    schema,
    applicationName: 'messaging-test',
    entities: MESSAGING_ENTITIES,
    migrations: [...MESSAGING_MIGRATIONS, TestTables1795800000001],
    poolSize: 5,
  });
  await initializeServiceDataSource(ds);
  return ds;
}

/** What each test of a messaging suite gets afresh: a migrated schema and a three-partition topic. */
export interface TestWorkspace {
  schema: string;
  topic: string;
  ds: DataSource;
}

/**
 * Gives each test of the suite its own workspace (passed to `use` before the test) and removes it
 * after the test, once the things the test started have been stopped: the returned list, to
 * which a test adds each stop function, last stopped first.
 */
export function workspacePerTest(prefix: string, use: (workspace: TestWorkspace) => void): (() => Promise<void>)[] {
  const stoppers: (() => Promise<void>)[] = [];
  let current: TestWorkspace | undefined;
  beforeEach(async () => {
    const schema = uniqueSchemaName(prefix);
    const topic = await createTestTopic(prefix, 3);
    current = { schema, topic, ds: await serviceDataSource(testInfrastructure().databaseUrl, schema) };
    use(current);
  });
  afterEach(async () => {
    for (const stop of stoppers.splice(0).reverse()) await stop().catch(() => undefined);
    if (!current) return;
    await current.ds.destroy();
    await dropSchema(current.schema);
    await deleteTopics([current.topic]);
  });
  return stoppers;
}

/** A valid `complaint.received` envelope for a complaint (a new envelope each call, even of one complaint). */
export function receivedEvent(complaintId: string = randomUUID(), trackingNumber = 'BLP-2026-000001'): EventEnvelope {
  const history = new ComplaintHistory({ complaintId, officeCode: 'BLP', trackingNumber, channel: 'PHONE', start: new Date('2026-11-27T03:00:00Z') });
  const [received] = history.received(actors.intake);
  return received;
}
