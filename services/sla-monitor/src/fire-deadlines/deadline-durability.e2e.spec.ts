import { COMPLAINT_EVENTS_TOPIC, type EventEnvelope } from '@pengaduan/contracts';
import { dropSchema, eventually, freePort, historyUntil, randomOfficeCode, ServiceProcess, sql, startGroupAtEnd, testInfrastructure, testKafka, TopicReader, uniqueSchemaName, uniqueSuffix } from '@pengaduan/testing';
import { SlaMonitorApp } from '../__fixtures__/sla-monitor-app';

// sla-monitor as separate operating-system processes on the real broker and Postgres: a replica
// killed with SIGKILL while deadlines fall due, and two replicas firing the same table at once.

const HOUR = 3_600_000;

interface Monitor {
  process: ServiceProcess;
}

async function monitor(schema: string, groupPrefix: string): Promise<Monitor> {
  const infra = testInfrastructure();
  const port = await freePort();
  const process = new ServiceProcess(
    'sla-monitor',
    {
      DATABASE_URL: infra.databaseUrl,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_GROUP_PREFIX: groupPrefix,
      SLA_MONITOR_DB_SCHEMA: schema,
      SLA_MONITOR_HTTP_PORT: String(port),
      // Replicas side by side: each its own gRPC port too.
      SLA_MONITOR_GRPC_ADDRESS: `127.0.0.1:${await freePort()}`,
      // Small batches and a short poll, so firing spreads over many transactions and replicas interleave.
      SLA_MONITOR_BATCH_SIZE: '2',
      SLA_MONITOR_POLL_MS: '100',
    },
    `http://127.0.0.1:${port}`,
  );
  process.start();
  await process.waitUntilReady(120_000);
  return { process };
}

/** `count` new complaints whose confirmation deadline falls due `firstDueInMs` from now, then one every `spacingMs`; and when the last falls due. */
function complaintsDueSoon(count: number, firstDueInMs: number, spacingMs: number): { envelopes: EventEnvelope[]; lastDueAt: number } {
  const office = randomOfficeCode();
  const now = Date.now();
  return {
    envelopes: Array.from({ length: count }, (_, i) => historyUntil('RECEIVED', { officeCode: office, start: new Date(now - 12 * HOUR + firstDueInMs + i * spacingMs) }).envelopes[0]),
    lastDueAt: now + firstDueInMs + (count - 1) * spacingMs,
  };
}

/**
 * Publishes a complaint whose deadline falls due in 12 h and waits until the monitor tracks it:
 * the monitor's consumer is then reading the topic, so deadlines published next are tracked at
 * once, not after its group has settled (which, on a loaded machine, could take longer than the
 * few seconds before they fall due).
 */
async function untilFollowing(schema: string): Promise<string> {
  const probe = historyUntil('RECEIVED', { officeCode: randomOfficeCode(), start: new Date() });
  await new SlaMonitorApp().publish(probe.envelopes);
  await eventually(
    async () => ((await sql(`SELECT 1 FROM "${schema}".deadline WHERE complaint_id = $1`, [probe.complaintId])).length > 0 ? true : undefined),
    60_000,
    'the monitor to track a probe deadline',
  );
  return probe.complaintId;
}

/** Resolves once the wall clock is past `at` (a deadline's due time: a wait for the clock, not for an event). */
async function clockPast(at: number): Promise<void> {
  while (Date.now() <= at) await new Promise((r) => setTimeout(r, Math.min(250, at - Date.now() + 1)));
}

/**
 * The events of `type` in the monitor's outbox for these complaints only: the topic is shared with
 * the suites running beside this one, and a complaint one of them publishes with an old start is
 * tracked, and breached, by this monitor too.
 */
async function firedInOutbox(schema: string, type: string, complaintIds: ReadonlySet<string>): Promise<number> {
  const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE event_type = $1 AND message_key = ANY($2)`, [type, [...complaintIds]]);
  return row.n;
}

/** Per deadline id, the distinct event ids of `type` seen on the topic for these complaints. */
function eventIdsOnTopic(reader: TopicReader, complaintIds: Set<string>, type: string): Map<string, Set<string>> {
  const byDeadline = new Map<string, Set<string>>();
  for (const m of reader.messages) {
    if (!m.key || !complaintIds.has(m.key) || !m.value) continue;
    const envelope = JSON.parse(m.value) as { id: string; type: string; data: { deadlineId: string } };
    if (envelope.type !== type) continue;
    const ids = byDeadline.get(envelope.data.deadlineId) ?? new Set<string>();
    ids.add(envelope.id);
    byDeadline.set(envelope.data.deadlineId, ids);
  }
  return byDeadline;
}

/** Sum of `breached` over the process's "deadlines fired" log lines. */
function breachesLogged(p: ServiceProcess): number {
  return p
    .logs()
    .split('\n')
    .filter((l) => l.includes('"deadlines fired"'))
    .reduce((n, l) => n + ((JSON.parse(l) as { breached?: number }).breached ?? 0), 0);
}

let reader: TopicReader;
// Starting the service processes on two cores can take longer than one test may (hence the hook's own timeout).
beforeAll(async () => {
  reader = await new TopicReader([COMPLAINT_EVENTS_TOPIC]).start();
}, 240_000);
afterAll(() => reader?.stop());

describe('deadlines survive the monitor’s crash and are shared by its replicas', () => {
  it('loses none and fires none twice when a replica is killed with kill -9 while deadlines fall due, and fires the overdue ones at once after the restart', async () => {
    const schema = uniqueSchemaName('e2e_sla_monitor');
    const prefix = `sla-kill-${uniqueSuffix()}.`;
    await startGroupAtEnd(`${prefix}sla-monitor`, COMPLAINT_EVENTS_TOPIC);
    const first = await monitor(schema, prefix);
    await untilFollowing(schema);
    const { envelopes, lastDueAt } = complaintsDueSoon(30, 4_000, 250);
    const ids = new Set(envelopes.map((e) => e.subject));
    await new SlaMonitorApp().publish(envelopes);

    // Kill it once it has fired some of them and not all: mid-way through the due deadlines.
    await eventually(async () => ((await firedInOutbox(schema, 'sla.deadline-breached', ids)) >= 5 ? true : undefined), 60_000, 'the first breaches');
    await first.process.kill();
    const firedBeforeKill = await firedInOutbox(schema, 'sla.deadline-breached', ids);
    expect(firedBeforeKill).toBeLessThan(30);

    // Down until every remaining deadline is overdue (the clock past the last one's due time), then back.
    await clockPast(lastDueAt);
    const restartedAt = Date.now();
    const second = await monitor(schema, prefix);
    const readyAt = Date.now();
    try {
      await eventually(async () => ((await firedInOutbox(schema, 'sla.deadline-breached', ids)) >= 30 ? true : undefined), 60_000, 'every breach after the restart');
      const firedLate = await sql<{ due_at: Date; breached_at: Date }>(`SELECT due_at, breached_at FROM "${schema}".deadline WHERE breached_at >= $1 AND complaint_id = ANY($2)`, [new Date(restartedAt), [...ids]]);
      expect(firedLate.length).toBe(30 - firedBeforeKill);
      // "At once": within seconds of the restarted monitor being ready, not at some later sweep
      // (measured from readiness: how long a start-up takes on a loaded machine is not the point).
      for (const d of firedLate) expect(d.breached_at.getTime() - readyAt).toBeLessThan(15_000);

      await eventually(async () => (eventIdsOnTopic(reader, ids, 'sla.escalated').size >= 30 ? true : undefined), 60_000, 'all escalations on the topic');
      for (const type of ['sla.deadline-breached', 'sla.escalated']) {
        const perDeadline = eventIdsOnTopic(reader, ids, type);
        expect(perDeadline.size).toBe(30);
        expect([...perDeadline.values()].every((eventIds) => eventIds.size === 1)).toBe(true);
      }
      expect(await firedInOutbox(schema, 'sla.deadline-breached', ids)).toBe(30);
      expect(await firedInOutbox(schema, 'sla.escalated', ids)).toBe(30);
    } finally {
      await second.process.stop();
      await dropSchema(schema);
    }
  });

  it('is ready and fires what fell due while it was down before Kafka has dropped the killed process from its group', async () => {
    const schema = uniqueSchemaName('e2e_sla_monitor');
    const prefix = `sla-rejoin-${uniqueSuffix()}.`;
    const group = `${prefix}sla-monitor`;
    await startGroupAtEnd(group, COMPLAINT_EVENTS_TOPIC);
    const first = await monitor(schema, prefix);
    const admin = testKafka('sla-rejoin-test').admin();
    await admin.connect();
    let second: Monitor | undefined;
    try {
      const probe = new Set([await untilFollowing(schema)]);
      const [killed] = (await admin.describeGroups([group])).groups[0].members.map((m) => m.memberId);
      await first.process.kill();
      // The deadline fell due while the monitor was down: its due time moved into the past (time skipped, not waited for).
      await sql(`UPDATE "${schema}".deadline SET warn_at = now() - interval '2 hours', due_at = now() - interval '1 hour', next_fire_at = now() - interval '2 hours' WHERE complaint_id = ANY($1)`, [[...probe]]);

      second = await monitor(schema, prefix);
      // Ready while the broker still counts the killed process in the group (its session, ~30 s, has
      // not expired): readiness and firing do not wait for the consumer's join.
      const members = (await admin.describeGroups([group])).groups[0].members.map((m) => m.memberId);
      expect(members).toContain(killed);
      expect(second.process.logs()).not.toContain('"msg":"kafka ready"');
      await eventually(async () => ((await firedInOutbox(schema, 'sla.deadline-breached', probe)) >= 1 ? true : undefined), 60_000, 'the overdue deadline to fire');
      expect(second.process.logs()).not.toContain('"msg":"kafka ready"');
      // Then the consumer joins (once the killed member's session expired) and the breach is published, once.
      await eventually(async () => (second?.process.logs().includes('"msg":"kafka ready"') ? true : undefined), 90_000, 'the consumer to join its group');
      expect(await firedInOutbox(schema, 'sla.deadline-breached', probe)).toBe(1);
    } finally {
      await admin.disconnect();
      await second?.process.stop();
      await dropSchema(schema);
    }
  });

  it('fires each deadline exactly once when two replicas fire the same table at the same time', async () => {
    const schema = uniqueSchemaName('e2e_sla_monitor');
    const prefix = `sla-two-${uniqueSuffix()}.`;
    await startGroupAtEnd(`${prefix}sla-monitor`, COMPLAINT_EVENTS_TOPIC);
    const [a, b] = await Promise.all([monitor(schema, prefix), monitor(schema, prefix)]);
    try {
      await untilFollowing(schema);
      const { envelopes } = complaintsDueSoon(40, 3_000, 100);
      const ids = new Set(envelopes.map((e) => e.subject));
      await new SlaMonitorApp().publish(envelopes);

      await eventually(async () => ((await firedInOutbox(schema, 'sla.deadline-breached', ids)) >= 40 ? true : undefined), 90_000, 'every breach');
      await eventually(async () => (eventIdsOnTopic(reader, ids, 'sla.escalated').size >= 40 ? true : undefined), 60_000, 'all escalations on the topic');
      // Both replicas stopped (each finishes the look in hand, then exits): no firing can still be
      // on its way, so a double one would be in the outbox now — rather than "within 1.5 s".
      expect(await Promise.all([a.process.stop(), b.process.stop()])).toEqual([0, 0]);
      expect(await firedInOutbox(schema, 'sla.deadline-breached', ids)).toBe(40);
      expect(await firedInOutbox(schema, 'sla.escalated', ids)).toBe(40);
      // The logs count every breach the replicas fired, a neighbouring suite's complaint's too:
      // together they log each breached deadline of the table once, and publish it once.
      const [{ n: breached }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".deadline WHERE breached_at IS NOT NULL`);
      const [{ n: published }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE event_type = 'sla.deadline-breached'`);
      expect(published).toBe(breached);
      // The exited processes' last log lines may still be on their way to the files.
      const logged = await eventually(async () => {
        const n = breachesLogged(a.process) + breachesLogged(b.process);
        return n >= breached ? n : undefined;
      }, 10_000, 'both replicas\' "deadlines fired" lines');
      expect(logged).toBe(breached);
      const perDeadline = eventIdsOnTopic(reader, ids, 'sla.deadline-breached');
      expect(perDeadline.size).toBe(40);
      expect([...perDeadline.values()].every((eventIds) => eventIds.size === 1)).toBe(true);
    } finally {
      await Promise.all([a.process.stop(), b.process.stop()]);
      await dropSchema(schema);
    }
  });
});
