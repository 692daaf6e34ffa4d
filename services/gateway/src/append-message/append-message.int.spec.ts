import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Channel, IntakeService, type AppendMessageRequest, type GetComplaintRequest } from '@pengaduan/contracts';
import { toServiceError } from '@pengaduan/messaging';
import { ServiceError, type MethodsOf } from '@pengaduan/runtime';
import { decide, FIELD_RULES, type Role } from '@pengaduan/sop';
import { ComplaintHistory } from '@pengaduan/testing';
import { v7 as uuidv7 } from 'uuid';
import { api, isolate, removeIsolation, StandIn, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { requestIdOf } from '../complaint-commands/request-id';

// Admin Tikkim types in what the reporter of a phone complaint said on a later call. intake
// stands in here, deciding by libs/sop as intake does and numbering the messages as it stores
// them; intake's own rules are tested against the real thing in services/intake
// (append-message.int.spec.ts, intake.grpc.int.spec.ts) and end to end in the web app's suite.

const REPORT = 'Petugas loket paspor meminta uang tambahan agar paspor cepat selesai.';
const FOLLOW_UP = 'Pelapor menelepon lagi: kejadiannya di loket 3, sekitar pukul 10 pagi.';

/** What intake holds of one complaint: its libs/sop state, its messages, its answers by request id. */
interface Held {
  history: ComplaintHistory;
  messages: { messageId: string; text: string; receivedAt: Date }[];
  answered: Map<string, object>;
}
const held = new Map<string, Held>();

function hold(history: ComplaintHistory): ComplaintHistory {
  held.set(history.complaintId, { history, messages: [{ messageId: uuidv7(), text: REPORT, receivedAt: history.now }], answered: new Map() });
  return history;
}

/** Like intake: libs/sop decides; a request id stores one message, the next after the last; a message changes no version. */
function appendMessage(request: AppendMessageRequest) {
  const { requestId = '', complaintId = '', actor } = request.context ?? {};
  const complaint = held.get(complaintId);
  if (!complaint || actor?.officeCode !== complaint.history.officeCode) throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `complaint ${complaintId} not found`);
  const earlier = complaint.answered.get(requestId);
  if (earlier) return earlier;
  const messageId = uuidv7();
  const command = { type: 'appendMessage', actor: { kind: 'user', userId: actor.userId, role: actor.role as Role }, messageId } as const;
  const decision = decide(command, complaint.history.state, new Date());
  if (!decision.ok) throw toServiceError(decision.error, complaint.history.state, command);
  complaint.messages.push({ messageId, text: request.text, receivedAt: new Date() });
  const answer = {
    outcome: { complaintId, status: complaint.history.state.status, eventIds: [uuidv7()], version: complaint.history.events.length },
    messageId,
    sequence: complaint.messages.length,
  };
  complaint.answered.set(requestId, answer);
  return answer;
}

function getComplaint(request: GetComplaintRequest) {
  const complaint = held.get(request.complaintId);
  if (!complaint) throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `complaint ${request.complaintId} not found`);
  const { history } = complaint;
  return {
    complaint: {
      complaintId: history.complaintId,
      officeCode: history.officeCode,
      trackingNumber: history.trackingNumber,
      channel: Channel.PHONE,
      status: history.state.status,
      text: REPORT,
      messages: complaint.messages.map((m) => ({ messageId: m.messageId, channel: Channel.PHONE, receivedAt: timestampFromDate(m.receivedAt), text: m.text, attachmentCount: 0 })),
    },
  };
}

let intake: StandIn<MethodsOf<typeof IntakeService>>;
let isolation: GatewayIsolation;
let gateway: TestGateway;
const officers = {} as Record<'admin' | 'kepala' | 'otherOffice', { id: string; token: string }>;

const phone = hold(new ComplaintHistory({ officeCode: 'BLP', channel: 'PHONE' }));
const closed = hold(new ComplaintHistory({ officeCode: 'BLP', channel: 'PHONE' }));

beforeAll(async () => {
  intake = await new StandIn(IntakeService, { appendMessage, getComplaint }).start();
  isolation = await isolate();
  gateway = await startGateway({ intake: intake.address }, isolation);
  for (const [name, officer] of Object.entries({
    admin: { role: 'ADMIN_TIKKIM', officeCode: 'BLP' },
    kepala: { role: 'KEPALA_KANTOR', officeCode: 'BLP' },
    otherOffice: { role: 'ADMIN_TIKKIM', officeCode: 'TPI' },
  } as const)) {
    const account = await gateway.officer(officer);
    officers[name as keyof typeof officers] = { id: account.id, token: account.token };
  }
  await gateway.seed(...phone.received());
  await gateway.seed(...closed.closedAfterFollowUp());
});

afterAll(async () => {
  await gateway?.stop();
  await intake?.stop();
  await removeIsolation(isolation);
});

beforeEach(() => intake.reset());

function append(officer: keyof typeof officers | null, complaint: ComplaintHistory, body: unknown, key: string | null = uuidv7(), headers: Record<string, string> = {}) {
  const token = officer === null ? undefined : officers[officer].token;
  return api(gateway, token).post(`/complaints/${complaint.complaintId}/messages`, body, { ...(key === null ? {} : { 'Idempotency-Key': key }), ...headers });
}

async function messagesOf(complaint: ComplaintHistory): Promise<{ messageId: string; channel: string; text: string }[]> {
  return (await api(gateway, officers.admin.token).json<{ messages: { messageId: string; channel: string; text: string }[] }>(`/complaints/${complaint.complaintId}/messages`)).messages;
}

describe('admin tikkim adds what the reporter said on a later call to a phone complaint', () => {
  it('answers like every command, with the message and its place; GET …/messages lists it as message 2', async () => {
    const res = await append('admin', phone, { text: FOLLOW_UP }, 'call-2', { 'X-Correlation-Id': 'req-call-2' });

    expect(res.status).toBe(200);
    const body = (await res.json()) as { messageId: string };
    expect(body).toEqual({ id: phone.complaintId, status: 'RECEIVED', eventIds: [expect.any(String)], version: 1, messageId: expect.any(String), sequence: 2 });
    expect(res.headers.get('etag')).toBe('"1"');
    const [request] = intake.requests('appendMessage');
    expect(request.text).toBe(FOLLOW_UP);
    expect(request.context).toMatchObject({ requestId: requestIdOf(officers.admin, 'call-2'), complaintId: phone.complaintId, minVersion: 1 });
    expect(request.context?.actor).toMatchObject({ userId: officers.admin.id, role: 'ADMIN_TIKKIM', officeCode: 'BLP' });
    expect(intake.calls[0].correlationId).toBe('req-call-2');

    const messages = await messagesOf(phone);
    expect(messages.map((m) => m.text)).toEqual([REPORT, FOLLOW_UP]);
    expect(messages[1]).toMatchObject({ messageId: body.messageId, channel: 'PHONE' });
  });

  it('sends a retry with the same Idempotency-Key as the same request: the first answer, no second message', async () => {
    const before = (await messagesOf(phone)).length;
    const first = await append('admin', phone, { text: 'Pelapor datang ke kantor membawa bukti pembayaran.' }, 'visit-1');
    const retry = await append('admin', phone, { text: 'Pelapor datang ke kantor membawa bukti pembayaran.' }, 'visit-1');

    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(await first.json());
    const [a, b] = intake.requests('appendMessage').map((r) => r.context?.requestId);
    expect(b).toBe(a);
    expect(await messagesOf(phone)).toHaveLength(before + 1);
  });

  it("passes the officer's If-Match on as the expected version", async () => {
    expect((await append('admin', phone, { text: FOLLOW_UP }, uuidv7(), { 'If-Match': '"1"' })).status).toBe(200);
    expect(intake.requests('appendMessage')[0].context).toMatchObject({ expectedVersion: 1 });
  });
});

describe('the same screening as the first message', () => {
  it.each([
    ['no text', {}],
    ['an empty text', { text: '' }],
    ['a text that is no string', { text: 42 }],
    ['a text longer than a registered complaint’s', { text: 'x'.repeat(FIELD_RULES.reporterText.maxLength + 1) }],
  ])('refuses %s with a 400 problem naming text, asking no service', async (_, body) => {
    const res = await append('admin', phone, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'text' }] });
    expect(intake.calls).toEqual([]);
  });

  it('takes a text as long as a registration’s, and refuses one character more on either endpoint', async () => {
    const longest = 'x'.repeat(FIELD_RULES.reporterText.maxLength);
    expect((await append('admin', phone, { text: longest })).status).toBe(200);
    const registration = await api(gateway, officers.admin.token).post('/complaints', { channel: 'PHONE', text: `${longest}x` }, { 'Idempotency-Key': uuidv7() });
    expect(registration.status).toBe(400);
    expect(await registration.json()).toMatchObject({ errors: [{ field: 'text' }] });
  });

  it("passes intake's refusal of a blank text on as a 400 naming text", async () => {
    intake.answers.appendMessage = () => {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'the message cannot be appended as sent', { fieldViolations: [{ field: 'text', description: 'required' }] });
    };
    const res = await append('admin', phone, { text: '   ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'text', message: 'required' }] });
  });

  it('refuses a missing Idempotency-Key with 400 naming the header, asking no service', async () => {
    const res = await append('admin', phone, { text: FOLLOW_UP }, null);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'Idempotency-Key' }] });
    expect(intake.calls).toEqual([]);
  });

  it("answers another office's complaint 404 COMPLAINT.NOT_FOUND, as one that does not exist, asking no service", async () => {
    const res = await append('otherOffice', phone, { text: FOLLOW_UP });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
    expect((await append('admin', new ComplaintHistory({ officeCode: 'BLP' }), { text: FOLLOW_UP })).status).toBe(404);
    expect(intake.calls).toEqual([]);
  });

  it('passes on the refusal of another role by libs/sop: 403 COMPLAINT.FORBIDDEN_ROLE for the kepala kantor', async () => {
    const res = await append('kepala', phone, { text: FOLLOW_UP });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'COMPLAINT.FORBIDDEN_ROLE' });
    expect(intake.requests('appendMessage')).toHaveLength(1);
  });

  it('passes on the refusal of a closed complaint: 409 COMPLAINT.ILLEGAL_TRANSITION with its state', async () => {
    const res = await append('admin', closed, { text: FOLLOW_UP });
    expect(res.status).toBe(409);
    // What Admin Tikkim may still do: record the complainant's rating or appeal (docs/adr/0053).
    expect(await res.json()).toMatchObject({ code: 'COMPLAINT.ILLEGAL_TRANSITION', state: 'CLOSED', availableActions: ['rate', 'appeal'] });
    expect(await messagesOf(closed)).toHaveLength(1);
  });

  it('answers 401 without a token', async () => {
    const res = await append(null, phone, { text: FOLLOW_UP });
    expect(res.status).toBe(401);
    expect(intake.calls).toEqual([]);
  });
});
