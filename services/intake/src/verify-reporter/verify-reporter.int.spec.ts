import { Channel, COMPLAINT_EVENTS_TOPIC, dlqTopicFor, IntakeService } from '@pengaduan/contracts';
import { createLogger, SettableClock } from '@pengaduan/runtime';
import { deleteTopics, dropSchema, GrpcTestClient, randomOfficeCode, startGroupAtEnd, startTestService, uniqueSchemaName, uniqueSuffix, type MethodsOf } from '@pengaduan/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ServiceRuntime } from '@pengaduan/messaging';
import { testConfig } from '../__fixtures__/intake-test-kit';
import { StateConsumerGroup } from '../complaint-state/own-events';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../service-entry';

// intake as main.ts runs it (its own schema on the run's Postgres), asked over real gRPC as the gateway asks it.
const schema = uniqueSchemaName('intake_verify');
const group = new StateConsumerGroup(`intake-verify-test-${uniqueSuffix()}`, { maxAttempts: 1, backoff: { initialMs: 10, maxMs: 50 } });
const office = randomOfficeCode();
const admin = { userId: 'u-admin-1', role: 'ADMIN_TIKKIM', officeCode: office };
let app: INestApplication;
let client: GrpcTestClient<MethodsOf<typeof IntakeService>>;

beforeAll(async () => {
  await startGroupAtEnd(group.groupId, COMPLAINT_EVENTS_TOPIC);
  const logger = createLogger('intake-verify-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');
  const config = testConfig(schema);
  const clock = new SettableClock(new Date('2026-11-27T02:00:00Z'));
  const service = await startTestService(intakeService, config, IntakeModule.forRoot(config, logger, { clock, stateConsumerGroup: group }), logger);
  app = service.app;
  await app.get(ServiceRuntime).ready();
  client = new GrpcTestClient(IntakeService, service.grpcAddress);
});

afterAll(async () => {
  client?.close();
  await app?.close();
  await dropSchema(schema);
  await deleteTopics([dlqTopicFor(group.groupId)]);
});

/** Admin tikkim enters a complaint by phone with this contact; answers its id and tracking number. */
async function registered(contact?: { name?: string; phone?: string; email?: string }): Promise<{ complaintId: string; trackingNumber: string }> {
  const r = await client.call('registerComplaint', {
    requestId: randomUUID(),
    officeCode: office,
    channel: Channel.PHONE,
    text: 'Petugas loket meminta uang tambahan untuk paspor saya.',
    ...(contact ? { contact } : {}),
    anonymous: false,
    actor: admin,
  });
  return { complaintId: r.complaintId, trackingNumber: r.trackingNumber };
}

const verify = (trackingNumber: string, verifier: string) => client.call('verifyReporter', { trackingNumber, verifier });

describe('a reporter proves a complaint is theirs to follow it on the public page', () => {
  let both: { complaintId: string; trackingNumber: string };
  beforeAll(async () => {
    both = await registered({ name: 'Siti Rahayu', phone: '+6281234567890', email: 'Siti.Rahayu@Example.id' });
  });

  it('with the last four digits of the phone number they gave, spaces around them forgiven', async () => {
    expect(await verify(both.trackingNumber, '7890')).toMatchObject({ matched: true, complaintId: both.complaintId });
    expect(await verify(both.trackingNumber, ' 7890 ')).toMatchObject({ matched: true, complaintId: both.complaintId });
  });

  it('with the e-mail address they gave, in any case', async () => {
    expect(await verify(both.trackingNumber, '  siti.rahayu@EXAMPLE.ID ')).toMatchObject({ matched: true, complaintId: both.complaintId });
  });

  it.each(['7891', '67890', '890', '+6281234567890', '081234567890', 'siti.rahayu@example.com', 'Siti Rahayu', '', '    '])('is not matched by %j', async (verifier) => {
    const answer = await verify(both.trackingNumber, verifier);
    expect(answer.matched).toBe(false);
    expect(answer.complaintId).toBeUndefined();
  });

  it('answers an unknown tracking number exactly as a wrong verifier, with no error', async () => {
    const unknown = await verify(`${office}-2026-999999`, '7890');
    const wrong = await verify(both.trackingNumber, '0000');
    expect(unknown).toEqual(wrong);
    expect(unknown).toMatchObject({ matched: false });
  });

  it('reads the digits of a phone number written with spaces and dashes', async () => {
    const c = await registered({ phone: '+62 812-3456-4321' });
    expect(await verify(c.trackingNumber, '4321')).toMatchObject({ matched: true, complaintId: c.complaintId });
  });

  it('never matches a complaint whose reporter left neither a phone nor an e-mail', async () => {
    const nameOnly = await registered({ name: 'Budi' });
    const noContact = await registered();
    for (const c of [nameOnly, noContact]) {
      for (const verifier of ['', ' ', 'Budi', '0000']) expect((await verify(c.trackingNumber, verifier)).matched).toBe(false);
    }
  });

  it('matches only the complaint whose tracking number is given', async () => {
    const other = await registered({ phone: '+6285711112222' });
    expect((await verify(other.trackingNumber, '7890')).matched).toBe(false);
    expect(await verify(other.trackingNumber, '2222')).toMatchObject({ matched: true, complaintId: other.complaintId });
  });
});
