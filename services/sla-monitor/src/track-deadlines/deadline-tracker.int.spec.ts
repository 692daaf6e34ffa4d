import { COMPLAINT_EVENTS_TOPIC, dlqTopicFor } from '@pengaduan/contracts';
import { eventually, historyUntil, randomOfficeCode, testKafka, TopicReader, type ReadMessage } from '@pengaduan/testing';
import { after, SlaMonitorApp, typesFor } from '../__fixtures__/sla-monitor-app';

const app = new SlaMonitorApp();
let topic: TopicReader;
let dlq: TopicReader;

beforeAll(async () => {
  await app.start();
  topic = await new TopicReader([COMPLAINT_EVENTS_TOPIC]).start();
  dlq = await new TopicReader([dlqTopicFor(app.group)]).start();
});
afterAll(async () => {
  await topic?.stop();
  await dlq?.stop();
  await app.stop();
});

/** Waits until `groupId` has committed, on each message's partition, an offset past it (it has consumed them all). */
async function committedPast(groupId: string, messages: readonly ReadMessage[]): Promise<void> {
  const last = new Map<number, bigint>();
  for (const m of messages) {
    if (m.topic !== COMPLAINT_EVENTS_TOPIC) throw new Error(`not on ${COMPLAINT_EVENTS_TOPIC}: ${m.topic}`);
    last.set(m.partition, [last.get(m.partition) ?? -1n, BigInt(m.offset)].reduce((a, b) => (a > b ? a : b)));
  }
  const admin = testKafka('test-admin').admin();
  await admin.connect();
  try {
    await eventually(async () => {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [COMPLAINT_EVENTS_TOPIC] });
      const at = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset)]));
      return [...last].every(([partition, offset]) => (at.get(partition) ?? -1n) > offset) ? true : undefined;
    }, 30_000, `consumer group ${groupId} to commit past offsets ${JSON.stringify([...last].map(([p, o]) => `${p}:${o}`))}`);
  } finally {
    await admin.disconnect();
  }
}

describe('the SLA monitor follows the complaint stream on the real broker', () => {
  it('starts one deadline for a complaint delivered twice, and publishes its start, breach and escalation to the topic', async () => {
    const history = historyUntil('RECEIVED', { officeCode: randomOfficeCode(), start: new Date(Date.now() - 60_000) });
    await app.publish(history.envelopes);
    await app.publish(history.envelopes); // the provider-side redelivery of the same event id

    const started = await topic.waitFor((m) => m.key === history.complaintId && m.value?.includes('"sla.deadline-started"') === true, 1, 60_000);
    const { CONFIRM } = await app.deadlines(history.complaintId);
    expect(started).toHaveLength(1);
    expect(JSON.parse(started[0].value ?? '{}')).toMatchObject({ type: 'sla.deadline-started', subject: history.complaintId, office: history.officeCode, data: { deadlineId: CONFIRM.id, stepId: 'CONFIRM' } });

    await app.tick(after(CONFIRM.due_at, 1_000));
    const fired = await topic.waitFor((m) => m.key === history.complaintId && /"sla\.(deadline-breached|escalated)"/.test(m.value ?? ''), 2, 30_000);
    expect(fired.map((m) => JSON.parse(m.value ?? '{}').type).sort()).toEqual(['sla.deadline-breached', 'sla.escalated']);
    // Its own events come back to it over the topic and are passed over: no inbox row, no effect.
    // Wait until its group has committed past them (it has read them), not for 2 s.
    await committedPast(app.group, [...started, ...fired]);
    const inbox = (await app.runtime.dataSource.query('SELECT event_type, processed_at FROM inbox WHERE consumer_group = $1 AND subject = $2', [app.group, history.complaintId])) as {
      event_type: string;
      processed_at: Date | null;
    }[];
    expect(inbox).toEqual([{ event_type: 'complaint.received', processed_at: expect.any(Date) }]);
    expect(typesFor(await app.events(history.complaintId), CONFIRM.id)).toEqual(['sla.deadline-started', 'sla.deadline-breached', 'sla.escalated']);
  });

  it('sends an event that cannot follow its complaint’s history to its DLQ, with the reason, and starts no deadline for it', async () => {
    const history = historyUntil('CONFIRMED', { officeCode: randomOfficeCode(), start: new Date(Date.now() - 60_000) });
    const confirmedOnly = history.envelopes.filter((e) => e.type === 'complaint.confirmed');
    await app.publish(confirmedOnly);

    const [dead] = await dlq.waitFor((m) => m.key === history.complaintId, 1, 60_000);
    expect(dead.headers).toMatchObject({ 'dlq-error-code': 'EVENT.NOT_APPLICABLE', 'dlq-consumer-group': app.group });
    expect(dead.headers['dlq-reason']).toContain('complaint.confirmed');
    expect(await app.deadlines(history.complaintId)).toEqual({});
  });
});
