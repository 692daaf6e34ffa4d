// The operators' dead letters (docs/adr/0043) over a real socket, on the real broker: the read
// model dead-letters an event that does not fit, the operator sees it and re-drives it after the
// fix, and every other role, a replay, a second re-drive and bad input are answered as they must.
import { dlqTopicFor, redriveTopicFor } from '@pengaduan/contracts';
import { ComplaintHistory, eventually, testKafka, TopicReader } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { api, isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { OFFICE_ROLES } from '../auth/authenticated-user';
import type { DeadLetterDto, DeadLetterListDto, RedriveResultDto } from './dead-letters.dto';

let isolation: GatewayIsolation;
let gateway: TestGateway;
let operator: string;
let redrives: TopicReader;

beforeAll(async () => {
  isolation = await isolate();
  gateway = await startGateway({}, isolation);
  operator = (await gateway.officer({ role: 'OPERATOR', officeCode: 'BLP' })).token;
  redrives = await new TopicReader([redriveTopicFor(isolation.projectionGroup)]).start();
});

afterAll(async () => {
  await redrives?.stop();
  await gateway?.stop();
  await removeIsolation(isolation);
});

const asOperator = () => api(gateway, operator);
const waiting = async (): Promise<DeadLetterDto[]> => (await asOperator().json<DeadLetterListDto>('/dead-letters')).items;

async function redrive(path: string, body: unknown, key: string, token = operator): Promise<Response> {
  return api(gateway, token).post(path, body, { 'Idempotency-Key': key });
}

/** Puts a message on the read model's DLQ as a consumer would (headers of ADR 0007). */
async function deadLetterDirectly(value: string, headers: Record<string, string>): Promise<void> {
  const producer = testKafka('dead-letters-test').producer();
  await producer.connect();
  await producer.send({ topic: dlqTopicFor(isolation.projectionGroup), acks: -1, messages: [{ key: randomUUID(), value, headers: { 'dlq-consumer-group': isolation.projectionGroup, 'dlq-failed-at': new Date().toISOString(), ...headers } }] });
  await producer.disconnect();
}

describe('dead letters', () => {
  it('lists an event the read model gave up on, re-drives it after the fix, once per key, and the read model applies it', async () => {
    const history = new ComplaintHistory({ officeCode: 'BLP' });
    const received = history.received();
    const confirmed = history.confirmed();
    await gateway.publish(...confirmed); // before the complaint exists: it does not fit, and is dead-lettered
    const [dead] = await eventually(async () => {
      const items = (await waiting()).filter((d) => d.eventId === confirmed[0].id);
      return items.length > 0 ? items : undefined;
    });
    expect(dead).toMatchObject({
      consumerGroup: isolation.projectionGroup,
      eventType: 'complaint.confirmed',
      complaintId: history.complaintId,
      errorCode: 'EVENT.NOT_APPLICABLE',
      redrivable: true,
      redriven: null,
    });
    expect(dead.reason).toContain('does not apply');

    await gateway.publish(...received); // the fix: the complaint's first event
    const key = randomUUID();
    const first = await redrive(`/dead-letters/${dead.id}/redrive`, undefined, key);
    expect(first.status).toBe(200);
    const result = (await first.json()) as RedriveResultDto;
    expect(result).toMatchObject({ group: isolation.projectionGroup, count: 1 });

    // The same key again answers the same re-drive and sends nothing more; another key is refused.
    const replay = await redrive(`/dead-letters/${dead.id}/redrive`, undefined, key);
    expect(((await replay.json()) as RedriveResultDto).redriveId).toBe(result.redriveId);
    const again = await redrive(`/dead-letters/${dead.id}/redrive`, undefined, randomUUID());
    expect(again.status).toBe(409);
    const conflict = (await again.json()) as { code: string; state: string; detail: string };
    expect(conflict).toMatchObject({ code: 'DEAD_LETTER.ALREADY_REDRIVEN', state: 'REDRIVEN' });
    expect(conflict.detail).toContain(result.redriveId);

    await eventually(async () => {
      const view = await api(gateway, (await gateway.officer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' })).token).get(`/complaints/${history.complaintId}`);
      return view.status === 200 && ((await view.json()) as { status: string }).status === 'CONFIRMED' ? true : undefined;
    });
    const put = await redrives.waitFor((m) => m.headers['redrive-id'] === result.redriveId);
    expect(put).toHaveLength(1);
    expect(put[0].headers['dlq-reason']).toBeUndefined();
    expect(redrives.messages.filter((m) => m.headers['redrive-id'] === result.redriveId)).toHaveLength(1);
    expect((await waiting()).some((d) => d.id === dead.id)).toBe(false);
    const done = (await asOperator().json<DeadLetterListDto>('/dead-letters?state=redriven')).items.find((d) => d.id === dead.id);
    expect(done?.redriven).toMatchObject({ redriveId: result.redriveId, by: expect.stringContaining('operator') });
  });

  it('re-drives all of a group but an event refused before any attempt, masks a reason’s addresses, and refuses an unknown group', async () => {
    const eventId = randomUUID();
    await deadLetterDirectly(JSON.stringify({ id: eventId, type: 'complaint.received', subject: randomUUID(), data: { text: 'rahasia' } }), {
      'dlq-reason': 'handler failed: cannot reach siti@example.id or +62 812 3456 7890',
      'dlq-error-code': 'EVENT.HANDLER_FAILED',
      'dlq-attempts': '5',
    });
    await deadLetterDirectly('{not json', { 'dlq-reason': 'malformed event: not JSON', 'dlq-error-code': 'EVENT.MALFORMED', 'dlq-attempts': '0' });
    const items = await eventually(async () => {
      const list = await waiting();
      return list.some((d) => d.eventId === eventId) && list.some((d) => d.errorCode === 'EVENT.MALFORMED') ? list : undefined;
    });
    const failed = items.find((d) => d.eventId === eventId);
    const malformed = items.find((d) => d.errorCode === 'EVENT.MALFORMED');
    expect(failed?.reason).toBe('handler failed: cannot reach [redacted] or [redacted]');
    expect(JSON.stringify(items)).not.toContain('rahasia');
    expect(malformed).toMatchObject({ eventId: null, eventType: null, redrivable: false });

    const refused = await redrive(`/dead-letters/${malformed?.id}/redrive`, undefined, randomUUID());
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { code: string }).code).toBe('DEAD_LETTER.NOT_REDRIVABLE');

    const all = await redrive('/dead-letters/redrive', { group: isolation.projectionGroup }, randomUUID());
    expect(((await all.json()) as RedriveResultDto).count).toBe(1);
    const left = (await waiting()).map((d) => d.id);
    expect(left).toContain(malformed?.id);
    expect(left).not.toContain(failed?.id);

    const unknown = await redrive('/dead-letters/redrive', { group: 'intake' }, randomUUID());
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ code: 'DEAD_LETTER.UNKNOWN_GROUP', errors: [expect.objectContaining({ field: 'group' })] });
    expect((await redrive('/dead-letters/not-a-uuid/redrive', undefined, randomUUID())).status).toBe(400);
    expect((await redrive(`/dead-letters/${randomUUID()}/redrive`, undefined, randomUUID())).status).toBe(404);
    expect((await redrive(`/dead-letters/${malformed?.id}/redrive`, undefined, '')).status).toBe(400);
  });

  it('answers every officer of an office 403, and the operator 403 on every complaint route', async () => {
    for (const role of OFFICE_ROLES) {
      const token = (await gateway.officer({ role, officeCode: 'BLP', ...(role === 'SEKSI_TERKAIT' ? { sectionCode: 'INTELDAKIM' } : {}) })).token;
      const list = await api(gateway, token).get('/dead-letters');
      expect([role, list.status]).toEqual([role, 403]);
      expect(((await list.json()) as { code: string }).code).toBe('DEAD_LETTER.FORBIDDEN_ROLE');
      expect((await redrive('/dead-letters/redrive', { group: isolation.projectionGroup }, randomUUID(), token)).status).toBe(403);
    }
    for (const path of ['/complaints', '/worklist', `/complaints/${randomUUID()}`, '/dashboard']) {
      const res = await asOperator().get(path);
      expect([path, res.status]).toEqual([path, 403]);
      expect(((await res.json()) as { code: string }).code).toBe('AUTH.NOT_FOR_OPERATORS');
    }
    // A forged token (signed with another key) is no operator.
    const forged = await api(gateway, `${operator.slice(0, -4)}AAAA`).get('/dead-letters');
    expect(forged.status).toBe(401);
  });
});
