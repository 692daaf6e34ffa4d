import { COMPLAINT_STATE_MIGRATIONS, MESSAGING_MIGRATIONS } from '@pengaduan/messaging';
import { createServiceDataSource, initializeServiceDataSource, type ServiceDataSourceOptions } from '@pengaduan/persistence';
import { dropSchema, testInfrastructure, uniqueSchemaName } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { IntakeInitial1795800000100 } from './1795800000100-intake-initial';
import { IntakeConfirmation1795800000200 } from './1795800000200-intake-confirmation';

const schema = uniqueSchemaName('intake_migration');
const dataSource = (migrations: ServiceDataSourceOptions['migrations']) =>
  createServiceDataSource({ url: testInfrastructure().databaseUrl, schema, applicationName: 'intake-migration-test', entities: [], migrations });

afterAll(async () => {
  await dropSchema(schema);
});

describe('upgrading intake to the shared complaint state', () => {
  it('keeps the state of complaints registered before, and marks their complaint.received handled by the intake group', async () => {
    const complaintId = randomUUID();
    const eventId = randomUUID();
    const state = { status: 'RECEIVED', complaintId, officeCode: 'BLP', trackingNumber: 'BLP-2026-000001', channel: 'PHONE', anonymous: false, confidential: false, receivedAt: '2026-11-27T02:00:00.000Z', since: '2026-11-27T02:00:00.000Z' };
    const before = dataSource([...MESSAGING_MIGRATIONS, ...COMPLAINT_STATE_MIGRATIONS, IntakeInitial1795800000100]);
    await initializeServiceDataSource(before);
    await before.query(
      `INSERT INTO complaint (id, office_code, tracking_number, channel, status, sop_state, anonymous, confidential, reporter_ref, received_at)
       VALUES ($1, 'BLP', 'BLP-2026-000001', 'PHONE', 'RECEIVED', $2, false, false, 'rep_1', now())`,
      [complaintId, JSON.stringify(state)],
    );
    await before.query(
      `INSERT INTO outbox (event_id, event_type, topic, message_key, body) VALUES ($1, 'complaint.received', 'pengaduan.complaint-events.v1', $2, '{}')`,
      [eventId, complaintId],
    );
    await before.destroy();

    const after = dataSource([...MESSAGING_MIGRATIONS, ...COMPLAINT_STATE_MIGRATIONS, IntakeInitial1795800000100, IntakeConfirmation1795800000200]);
    await initializeServiceDataSource(after);
    try {
      expect(await after.query('SELECT office_code, status, state, version FROM complaint_state WHERE complaint_id = $1', [complaintId])).toEqual([
        { office_code: 'BLP', status: 'RECEIVED', state, version: 1 },
      ]);
      const inbox = (await after.query('SELECT consumer_group, event_id, processed_at FROM inbox')) as { consumer_group: string; event_id: string; processed_at: Date | null }[];
      expect(inbox).toEqual([{ consumer_group: 'intake', event_id: eventId, processed_at: expect.any(Date) }]);
      const columns = (await after.query("SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'complaint'", [schema])) as {
        column_name: string;
      }[];
      expect(columns.map((c) => c.column_name)).toEqual(expect.arrayContaining(['classification_code', 'summary', 'dismissal']));
      expect(columns.map((c) => c.column_name)).not.toContain('sop_state');
    } finally {
      await after.destroy();
    }
  });
});
