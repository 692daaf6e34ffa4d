import { dlqTopicFor, serializeEnvelope, type EventEnvelope } from '@pengaduan/contracts';
import { createKafka, createIdempotentProducer, EventConsumer, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@pengaduan/messaging';
import { createServiceDataSource, initializeServiceDataSource } from '@pengaduan/persistence';
import { createLogger } from '@pengaduan/runtime';
import { createTestTopic, deleteTopics, dropSchema, eventually, testInfrastructure, TopicReader, uniqueSchemaName, uniqueSuffix } from '@pengaduan/testing';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { asConsumed, complaintConfirmed, complaintReceived, deadlineWarning } from '../__fixtures__/complaint-events';
import { GATEWAY_ENTITIES } from '../persistence/entities';
import { GATEWAY_MIGRATIONS } from '../persistence/migrations';
import { projectComplaintView } from './complaint-view.projection';

const infra = testInfrastructure();
const logger = createLogger('gateway-projection-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');
let schema: string;
let ds: DataSource;

beforeAll(async () => {
  schema = uniqueSchemaName('gateway_projection');
  ds = createServiceDataSource({
    url: infra.databaseUrl,
    schema,
    applicationName: 'gateway-projection-test',
    entities: [...MESSAGING_ENTITIES, ...GATEWAY_ENTITIES],
    migrations: [...MESSAGING_MIGRATIONS, ...GATEWAY_MIGRATIONS],
    poolSize: 4,
  });
  await initializeServiceDataSource(ds);
});

afterAll(async () => {
  await ds?.destroy();
  if (schema) await dropSchema(schema);
});

/** Applies one event as the consumer does: inside a transaction of its own. */
function apply(envelope: EventEnvelope): Promise<void> {
  return ds.transaction((tx) => projectComplaintView(asConsumed(envelope), tx));
}

async function viewRows(complaintId: string): Promise<Record<string, unknown>[]> {
  return ds.query('SELECT * FROM complaint_view WHERE id = $1', [complaintId]);
}

describe('the complaint view projection', () => {
  it('shows a complaint received at intake as RECEIVED, keeping only the reporter reference about the reporter', async () => {
    const received = complaintReceived({
      officeCode: 'BLP',
      trackingNumber: 'BLP-2026-000123',
      anonymous: true,
      confidential: true,
      receivedAt: new Date('2026-03-14T01:00:00.000Z'),
      at: new Date('2026-03-14T01:02:03.456Z'),
      reporterRef: 'rep_0123456789abcdef01234567',
    });
    await apply(received);

    expect(await viewRows(received.subject)).toEqual([
      {
        id: received.subject,
        office_code: 'BLP',
        tracking_number: 'BLP-2026-000123',
        channel: 'PHONE',
        status: 'RECEIVED',
        anonymous: true,
        confidential: true,
        reporter_ref: 'rep_0123456789abcdef01234567',
        received_at: new Date('2026-03-14T01:00:00.000Z'),
        updated_at: new Date('2026-03-14T01:02:03.456Z'),
        last_event_type: 'complaint.received',
        last_event_id: received.id,
        event_count: 1,
      },
    ]);
  });

  it('leaves the view as the first complaint.received made it when the complaint is received again', async () => {
    const first = complaintReceived({ officeCode: 'BLP', trackingNumber: 'BLP-2026-000200' });
    const again = complaintReceived({ complaintId: first.subject, officeCode: 'TPI', trackingNumber: 'TPI-2026-000001' });
    await apply(first);
    await apply(again);

    const rows = await viewRows(first.subject);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ office_code: 'BLP', tracking_number: 'BLP-2026-000200', last_event_id: first.id, event_count: 1 });
  });

  it('records each later event of a known complaint (its type, time and count) and keeps its status for now', async () => {
    const received = complaintReceived({ receivedAt: new Date('2026-03-14T01:00:00Z') });
    const confirmed = complaintConfirmed(received.subject, new Date('2026-03-14T03:00:00Z'));
    const warning = deadlineWarning(received.subject, new Date('2026-03-14T13:00:00Z'));
    await apply(received);
    await apply(confirmed);
    await apply(warning);

    expect((await viewRows(received.subject))[0]).toMatchObject({
      status: 'RECEIVED',
      last_event_type: 'sla.deadline-warning',
      last_event_id: warning.id,
      updated_at: new Date('2026-03-14T13:00:00Z'),
      received_at: new Date('2026-03-14T01:00:00Z'),
      event_count: 3,
    });
  });

  it('refuses an event of a complaint it never received, leaving nothing behind', async () => {
    const neverReceived = uuidv7();
    await expect(apply(complaintConfirmed(neverReceived, new Date()))).rejects.toMatchObject({ code: 'PROJECTION.UNKNOWN_COMPLAINT' });
    expect(await viewRows(neverReceived)).toEqual([]);
  });

  it('refuses an event whose subject is no complaint id', async () => {
    const received = complaintReceived();
    const confirmed = { ...complaintConfirmed(received.subject, new Date()), subject: 'not-a-complaint' };
    await expect(apply(confirmed)).rejects.toMatchObject({ code: 'PROJECTION.UNKNOWN_COMPLAINT' });
  });
});

describe('the complaint view projection behind a consumer', () => {
  const groupId = `gateway-projection-test-${uniqueSuffix()}`;
  let topic: string;
  let consumer: EventConsumer | undefined;
  let dlqReader: TopicReader | undefined;

  beforeAll(async () => {
    topic = await createTestTopic('gateway-projection', 1);
  });

  afterAll(async () => {
    await consumer?.stop();
    await dlqReader?.stop();
    await deleteTopics([topic, dlqTopicFor(groupId)]);
  });

  it('projects what it can and dead-letters, after bounded retries, an event of a complaint never received', async () => {
    const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: 'gateway-projection-test', logger });
    consumer = new EventConsumer({ kafka, dataSource: ds, logger, groupId, topics: [topic], handler: projectComplaintView, maxAttempts: 3, backoff: { initialMs: 20, maxMs: 100 } });
    await consumer.start();
    dlqReader = await new TopicReader([dlqTopicFor(groupId)]).start();

    const orphan = complaintConfirmed(uuidv7(), new Date('2026-03-14T03:00:00Z'));
    const received = complaintReceived();
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    try {
      await producer.send({
        topic,
        acks: -1,
        messages: [orphan, received].map((e) => ({ key: e.subject, value: serializeEnvelope(e) })),
      });
    } finally {
      await producer.disconnect();
    }

    const [dead] = await dlqReader.waitFor((m) => m.key === orphan.subject, 1, 30_000);
    expect(dead.headers['dlq-error-code']).toBe('EVENT.HANDLER_FAILED');
    expect(dead.headers['dlq-reason']).toMatch(/never received/);
    // The partition moved on: the complaint behind the orphan was projected.
    await eventually(async () => ((await viewRows(received.subject)).length === 1 ? true : undefined), 20_000, 'the received complaint in the view');
    expect(await viewRows(orphan.subject)).toEqual([]);
  });
});
