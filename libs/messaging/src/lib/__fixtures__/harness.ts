import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Channel, ComplaintReceivedSchema, createEnvelope, type EventEnvelope } from '@pengaduan/contracts';
import { createServiceDataSource, initializeServiceDataSource } from '@pengaduan/persistence';
import { createLogger } from '@pengaduan/runtime';
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

/** A valid `complaint.received` envelope for a complaint. */
export function receivedEvent(complaintId: string = randomUUID(), trackingNumber = 'BLP-2026-000001'): EventEnvelope {
  return createEnvelope({
    type: 'complaint.received',
    source: 'pengaduan/intake',
    subject: complaintId,
    office: 'BLP',
    actor: 'system:intake',
    correlationId: randomUUID(),
    time: new Date('2026-11-27T03:00:00Z'),
    data: create(ComplaintReceivedSchema, {
      complaintId,
      officeCode: 'BLP',
      trackingNumber,
      channel: Channel.PHONE,
      receivedAt: timestampFromDate(new Date('2026-11-27T03:00:00Z')),
      reporterRef: `rep_${complaintId.slice(0, 8)}`,
      anonymous: false,
      confidential: false,
      messageCount: 1,
    }),
  });
}
