import { Channel, COMPLAINT_EVENTS_TOPIC, IntakeService, serializeEnvelope, DismissalReason } from '@pengaduan/contracts';
import { SettableClock } from '@pengaduan/runtime';
import { eventually, randomOfficeCode, refusal, testKafka, type GrpcTestClient, type MethodsOf } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import type { ServiceRuntime } from '@pengaduan/messaging';
import { startIntakeOverGrpc, type IntakeOverGrpc } from './__fixtures__/intake-over-grpc';
import { contact, eventsOfOtherServices, informAndDeliver } from './__fixtures__/intake-test-kit';

const office = randomOfficeCode();
const clock = new SettableClock(new Date('2026-11-27T02:00:00Z'));
const admin = { userId: 'u-admin-1', role: 'ADMIN_TIKKIM', officeCode: office };
const kepalaKantor = { userId: 'u-kakan-1', role: 'KEPALA_KANTOR', officeCode: office };
let intake: IntakeOverGrpc;
let client: GrpcTestClient<MethodsOf<typeof IntakeService>>;
let runtime: ServiceRuntime;

async function register(anonymous = false): Promise<string> {
  const response = await client.call('registerComplaint', {
    requestId: randomUUID(),
    officeCode: office,
    channel: Channel.PHONE,
    text: 'Petugas loket meminta uang tambahan untuk paspor saya.',
    contact,
    anonymous,
    actor: admin,
  });
  return response.complaintId;
}

const context = (complaintId: string, actor: typeof admin = admin) => ({ requestId: randomUUID(), complaintId, actor });

beforeAll(async () => {
  intake = await startIntakeOverGrpc('intake_grpc', clock);
  ({ client, runtime } = intake);
});

afterAll(() => intake?.stop());

describe("intake's gRPC API for SOP step 2", () => {
  it('admin tikkim registers and confirms a complaint; the kepala kantor reads it without the contact, admin tikkim with it for a purpose', async () => {
    const complaintId = await register();
    const confirmed = await client.call('confirmComplaint', {
      context: context(complaintId),
      classificationCode: '03',
      summary: 'Dugaan pungli di loket paspor',
      confidential: true,
    });
    const read = await client.call('getComplaint', { complaintId, actor: kepalaKantor });
    const forAdmin = await client.call('getComplaint', { complaintId, actor: admin, contactPurpose: 'INFORM_REPORTER' });
    const refused = await refusal(client.call('getComplaint', { complaintId, actor: kepalaKantor, contactPurpose: 'CONFIRM' }));

    expect(confirmed.outcome).toMatchObject({ complaintId, status: 'CONFIRMED', eventIds: [expect.any(String)] });
    expect(read.complaint).toMatchObject({ complaintId, status: 'CONFIRMED', classificationCode: '03', confidential: true, contactRedacted: true });
    expect(read.complaint?.contact).toBeUndefined();
    expect(forAdmin.complaint).toMatchObject({ contactRedacted: false, contact: { phone: contact.phone }, contactPurpose: 'INFORM_REPORTER' });
    expect(refused).toMatchObject({ kind: 'forbidden', code: 'CONTACT.PURPOSE_NOT_ALLOWED' });
    expect(read.complaint?.messages.map((m) => m.text)).toEqual(['Petugas loket meminta uang tambahan untuk paspor saya.']);
  });

  it('answers the SOP’s refusals with their status codes and details', async () => {
    const complaintId = await register();
    const wrongRole = await refusal(client.call('confirmComplaint', { context: context(complaintId, kepalaKantor), classificationCode: '02', summary: 'Antrean' }));
    await client.call('dismissComplaint', { context: context(complaintId), reason: DismissalReason.SPAM });
    const twice = await refusal(client.call('dismissComplaint', { context: context(complaintId), reason: DismissalReason.SPAM }));
    const unknownOriginal = await refusal(
      client.call('dismissComplaint', { context: context(await register()), reason: DismissalReason.DUPLICATE, duplicateOf: randomUUID() }),
    );

    expect(wrongRole).toMatchObject({ kind: 'forbidden', code: 'COMPLAINT.FORBIDDEN_ROLE' });
    expect(twice).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.ILLEGAL_TRANSITION', details: { state: 'DISMISSED', availableActions: ['appendMessage', 'informReporter'] } });
    expect(unknownOriginal).toMatchObject({ kind: 'invalid', details: { fieldViolations: [{ field: 'duplicateOf' }] } });
  });

  it("withholds an anonymous complaint's contact from the kepala kantor, and hides other offices' complaints", async () => {
    const complaintId = await register(true);
    const forKepalaKantor = await client.call('getComplaint', { complaintId, actor: kepalaKantor });
    const forAdmin = await client.call('getComplaint', { complaintId, actor: admin, contactPurpose: 'CONFIRM' });
    const elsewhere = await refusal(client.call('getComplaint', { complaintId, actor: { ...admin, officeCode: 'ZZZZZ' } }));
    const noActor = await refusal(client.call('appendMessage', { context: { requestId: randomUUID(), complaintId }, text: 'lagi' }));

    expect(forKepalaKantor.complaint).toMatchObject({ anonymous: true, contactRedacted: true });
    expect(forKepalaKantor.complaint?.contact).toBeUndefined();
    expect(forAdmin.complaint).toMatchObject({ contactRedacted: false, contact: { name: contact.name } });
    expect(elsewhere).toMatchObject({ kind: 'not-found' });
    expect(noActor).toMatchObject({ kind: 'unauthenticated' });
  });

  it('learns from the topic that notification closed a dismissed complaint, and then takes no more messages for it', async () => {
    const complaintId = await register();
    await client.call('dismissComplaint', { context: context(complaintId), reason: DismissalReason.NOT_A_COMPLAINT });
    const appended = await client.call('appendMessage', { context: context(complaintId), text: 'Terima kasih atas informasinya' });
    expect(appended.outcome?.status).toBe('DISMISSED');
    expect(appended.sequence).toBe(2);

    // notification tells the reporter and records the delivery: it publishes, intake's consumer folds.
    const envelopes = await eventsOfOtherServices({ runtime, clock }, complaintId, informAndDeliver(clock.now()));
    const producer = testKafka('intake-grpc-test').producer();
    await producer.connect();
    await producer.send({ topic: COMPLAINT_EVENTS_TOPIC, messages: envelopes.map((e) => ({ key: complaintId, value: serializeEnvelope(e) })) });
    await producer.disconnect();

    const state = await eventually(async () => {
      const [row] = (await runtime.dataSource.query('SELECT status, version FROM complaint_state WHERE complaint_id = $1', [complaintId])) as { status: string; version: number }[];
      return row?.status === 'CLOSED' ? row : undefined;
    }, 60_000, 'the complaint to be CLOSED in intake');
    // Its version (docs/adr/0033): received, dismissed, reporter-informed, information-delivered,
    // closed; the message appended (intake's own, applied once at commit) changes no state.
    expect(state.version).toBe(5);
    const ownEvents = (await runtime.dataSource.query(
      'SELECT processed_at, dead_lettered_at FROM inbox WHERE consumer_group = $1 AND subject = $2',
      [intake.groupId, complaintId],
    )) as { processed_at: Date | null; dead_lettered_at: Date | null }[];
    expect(ownEvents).toHaveLength(6);
    expect(ownEvents.every((r) => r.processed_at !== null && r.dead_lettered_at === null)).toBe(true);

    const refused = await refusal(client.call('appendMessage', { context: context(complaintId), text: 'Satu hal lagi' }));
    expect(refused).toMatchObject({ kind: 'conflict', details: { state: 'CLOSED' } });
  });
});
