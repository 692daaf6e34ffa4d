import { dlqTopicFor, serializeEnvelope, type EventEnvelope } from '@pengaduan/contracts';
import { complaintStateConsumer, createIdempotentProducer, createKafka, EventConsumer } from '@pengaduan/messaging';
import { createLogger } from '@pengaduan/runtime';
import { ComplaintHistory, createTestTopic, deleteTopics, eventually, randomOfficeCode, testInfrastructure, testKafka, TopicReader, uniqueSuffix } from '@pengaduan/testing';
import type { DataSource } from 'typeorm';
import { ProjectionHarness } from '../__fixtures__/projection-harness';
import { projectReadModel } from './read-model.projection';

const infra = testInfrastructure();
const logger = createLogger('gateway-projection-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');
const harness = new ProjectionHarness('gateway-projection');
let ds: DataSource;

beforeAll(async () => {
  await harness.start();
  ds = harness.ds;
});

afterAll(() => harness.stop());

const apply = (...envelopes: EventEnvelope[]) => harness.apply(...envelopes);

async function view(complaintId: string): Promise<Record<string, unknown> | undefined> {
  return ((await ds.query('SELECT * FROM complaint_view WHERE id = $1', [complaintId])) as Record<string, unknown>[])[0];
}

async function timeline(complaintId: string) {
  return (await ds.query('SELECT * FROM complaint_timeline WHERE complaint_id = $1 ORDER BY position', [complaintId])) as Record<string, unknown>[];
}

async function outputs(complaintId: string) {
  return ((await ds.query('SELECT * FROM complaint_output WHERE complaint_id = $1', [complaintId])) as Record<string, unknown>[])[0];
}

async function stateStatus(complaintId: string) {
  return ((await ds.query('SELECT status FROM complaint_state WHERE complaint_id = $1', [complaintId])) as { status: string }[])[0]?.status;
}

const at = (iso: string) => new Date(iso);

describe('the read model of a complaint that follows the whole SOP', () => {
  const history = new ComplaintHistory({ officeCode: 'BLP', start: at('2026-03-14T01:00:00Z'), confidential: true });
  let events: EventEnvelope[];

  beforeAll(async () => {
    events = history.closedAfterFollowUp();
    await apply(...events);
  });

  it('ends CLOSED in the libs/sop state and the view, with no step running', async () => {
    expect(await stateStatus(history.complaintId)).toBe('CLOSED');
    expect(await view(history.complaintId)).toMatchObject({
      status: 'CLOSED',
      current_step_id: null,
      current_step_due_at: null,
      classification_code: '03',
      summary: 'Dugaan pungutan tambahan di loket paspor',
      sections: ['INTELDAKIM', 'LANTASKIM'],
      pending_sections: [],
      confidential: true,
      last_event_type: 'complaint.closed',
      event_count: events.length,
    });
  });

  it('keeps every event once, in the order of the stream, with its actor and the status it led to', async () => {
    const entries = await timeline(history.complaintId);
    expect(entries.map((e) => [e['position'], e['type'], e['status_after']])).toEqual([
      [1, 'complaint.received', 'RECEIVED'],
      [2, 'complaint.confirmed', 'CONFIRMED'],
      [3, 'complaint.disposed', 'DISPOSED'],
      [4, 'complaint.section-responded', 'DISPOSED'],
      [5, 'complaint.section-responded', 'DISPOSED'],
      [6, 'complaint.disposition-completed', 'SECTION_PROCESSED'],
      [7, 'complaint.analyzed', 'ANALYZED'],
      [8, 'complaint.follow-up-decided', 'FOLLOW_UP_DECIDED'],
      [9, 'complaint.team-formed', 'TEAM_FORMED'],
      [10, 'complaint.reporter-informed', 'REPORTER_INFORMED'],
      [11, 'complaint.information-delivered', 'REPORTER_INFORMED'],
      [12, 'complaint.closed', 'CLOSED'],
    ]);
    expect(entries.map((e) => e['event_id'])).toEqual(events.map((e) => e.id));
    expect(entries[0]).toMatchObject({ actor_kind: 'system', actor_service: 'intake', actor_role: null, actor_user_id: null });
    expect(entries[2]).toMatchObject({ actor_kind: 'user', actor_role: 'KEPALA_KANTOR', actor_user_id: 'u-kakan-blp', summary: 'Didisposisikan ke INTELDAKIM, LANTASKIM (Lembar Disposisi LD/BLP/2026/000001)' });
    expect(entries[3]).toMatchObject({ actor_role: 'SEKSI_TERKAIT', summary: 'Seksi INTELDAKIM menanggapi disposisi' });
  });

  it("keeps every step's output, with the fields only the wire carries (sheet number, decree date and period)", async () => {
    const recorded = await outputs(history.complaintId);
    expect(recorded).toMatchObject({
      confirmation: { classificationCode: '03', summary: 'Dugaan pungutan tambahan di loket paspor', anonymous: false, confidential: true, at: '2026-03-14T02:00:00.000Z' },
      dismissal: null,
      disposition: {
        sheetNumber: 'LD/BLP/2026/000001',
        sections: [
          { sectionCode: 'INTELDAKIM', instructions: ['TINDAK_LANJUTI'] },
          { sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI'] },
        ],
        note: 'Segera',
      },
      section_responses: [
        { sectionCode: 'INTELDAKIM', response: 'Seksi INTELDAKIM telah memeriksa petugas loket' },
        { sectionCode: 'LANTASKIM', response: 'Seksi LANTASKIM telah memeriksa petugas loket' },
      ],
      analysis: { findings: 'Petugas mengakui meminta biaya tambahan', substantiated: 'YES', classificationCode: '03', severity: 'HIGH', recommendation: 'Bentuk tim penanganan' },
      follow_up_decision: { decision: 'FOLLOW_UP', reason: 'Aduan terbukti' },
      team_decree: {
        decreeNumber: 'SK/BLP/2026/000001',
        decreeDate: '2026-03-16',
        mandate: 'Memeriksa petugas loket paspor',
        periodStartDate: '2026-03-16',
        periodEndDate: '2026-04-15',
        members: [
          { name: 'Budi Santoso', nip: '198503122010121002', position: 'Kepala Seksi Inteldakim', teamRole: 'KETUA' },
          { name: 'Rina Kartika', nip: '199001012015031001', position: 'Analis Keimigrasian', teamRole: 'ANGGOTA' },
        ],
      },
      follow_up_information: { informationRef: `info-${history.complaintId}`, channel: 'WHATSAPP' },
      delivery: { channel: 'PHONE', method: 'PHONE_CALL', note: 'Pelapor dihubungi' },
    });
  });
});

describe('the current step of a complaint as it moves', () => {
  it('runs the confirmation from reception, then the disposition, then each awaited section, then the analysis, each due 12 h after it starts', async () => {
    const history = new ComplaintHistory({ start: at('2026-03-14T01:00:00Z') });
    const step = async () => {
      const v = await view(history.complaintId);
      return [v?.['current_step_id'], (v?.['current_step_due_at'] as Date | null)?.toISOString(), v?.['pending_sections']];
    };
    await apply(...history.received());
    expect(await step()).toEqual(['CONFIRM', '2026-03-14T13:00:00.000Z', []]);
    await apply(...history.confirmed());
    expect(await step()).toEqual(['DISPOSE_AND_PROCESS', '2026-03-14T14:00:00.000Z', []]);
    await apply(...history.disposedTo(['INTELDAKIM', 'LANTASKIM']));
    expect(await step()).toEqual(['SECTION_RESPONSE', '2026-03-14T15:00:00.000Z', ['INTELDAKIM', 'LANTASKIM']]);
    await apply(...history.sectionResponded('LANTASKIM'));
    expect(await step()).toEqual(['SECTION_RESPONSE', '2026-03-14T15:00:00.000Z', ['INTELDAKIM']]);
    await apply(...history.sectionResponded('INTELDAKIM'));
    expect(await step()).toEqual(['ANALYZE', '2026-03-14T17:00:00.000Z', []]);
  });

  it('runs the delivery of the information after a dismissal, and keeps the reason', async () => {
    const history = new ComplaintHistory();
    await apply(...history.received(), ...history.dismissed());
    expect(await view(history.complaintId)).toMatchObject({ status: 'DISMISSED', current_step_id: 'DELIVER_INFORMATION', classification_code: null });
    expect((await outputs(history.complaintId))?.['dismissal']).toMatchObject({ reason: 'SPAM', note: 'Promosi judi daring' });
  });

  it('puts a deadline warning on the timeline, naming its step in words and keeping its id, without changing the state', async () => {
    const history = new ComplaintHistory();
    await apply(...history.received(), ...history.confirmed());
    const deadline = history.deadlineStarted();
    const warning = deadline.warning();
    await apply(deadline.started, warning);
    expect(await view(history.complaintId)).toMatchObject({ status: 'CONFIRMED', current_step_id: 'DISPOSE_AND_PROCESS', last_event_type: 'sla.deadline-warning', event_count: 4 });
    const entries = await timeline(history.complaintId);
    expect(entries.at(-1)).toMatchObject({
      type: 'sla.deadline-warning',
      actor_kind: 'system',
      actor_service: 'sla-monitor',
      status_after: 'CONFIRMED',
      summary: 'Peringatan: tenggat langkah Disposisi segera berakhir',
      step_id: 'DISPOSE_AND_PROCESS',
    });
    // The SOP's own events are about no single deadline.
    expect(entries.map((e) => [e['type'], e['step_id']])).toEqual([
      ['complaint.received', null],
      ['complaint.confirmed', null],
      ['sla.deadline-started', 'DISPOSE_AND_PROCESS'],
      ['sla.deadline-warning', 'DISPOSE_AND_PROCESS'],
    ]);
  });
});

describe('what the read model keeps of the reporter', () => {
  it('keeps only the opaque reporter reference, and the flags as the admin confirmed them', async () => {
    const history = new ComplaintHistory({ anonymous: true });
    const [received] = history.received();
    await apply(received);
    const row = await view(history.complaintId);
    expect(row).toMatchObject({ anonymous: true, channel: 'WHATSAPP', status: 'RECEIVED', reporter_ref: expect.stringMatching(/^rep_[0-9a-f]{24}$/) });
    expect(Object.keys(row ?? {})).not.toEqual(expect.arrayContaining(['name', 'phone', 'email', 'contact', 'text']));
  });
});

describe('events the read model refuses', () => {
  it('refuses an event of a complaint it never received, leaving nothing behind', async () => {
    const orphan = new ComplaintHistory();
    orphan.received();
    const [confirmed] = orphan.confirmed();
    await expect(apply(confirmed)).rejects.toThrow();
    expect(await view(orphan.complaintId)).toBeUndefined();
    expect(await timeline(orphan.complaintId)).toEqual([]);
  });

  it('refuses a second complaint.received of the same complaint, leaving the first as it was', async () => {
    const first = new ComplaintHistory({ officeCode: 'BLP' });
    await apply(...first.received());
    const again = new ComplaintHistory({ complaintId: first.complaintId, officeCode: 'TPI' });
    await expect(apply(...again.received())).rejects.toThrow();
    expect(await view(first.complaintId)).toMatchObject({ office_code: 'BLP', event_count: 1 });
  });

  it('refuses a deadline warning whose subject is no complaint id', async () => {
    const history = new ComplaintHistory();
    history.received();
    const warning = { ...history.deadlineStarted().warning(), subject: 'not-a-complaint' };
    await expect(apply(warning)).rejects.toMatchObject({ code: 'PROJECTION.UNKNOWN_COMPLAINT' });
  });
});

describe('the read model behind its consumer, over the real topic', () => {
  const groupId = `gateway-projection-test-${uniqueSuffix()}`;
  let topic: string;
  let consumer: EventConsumer | undefined;
  let dlqReader: TopicReader | undefined;
  const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: 'gateway-projection-test', logger });

  async function publish(envelopes: EventEnvelope[]): Promise<void> {
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: envelopes.map((e) => ({ key: e.subject, value: serializeEnvelope(e) })) });
    } finally {
      await producer.disconnect();
    }
  }

  /** Waits until the DLQ reader has read every record the DLQ holds right now (its high watermarks). */
  async function dlqReadToEnd(): Promise<void> {
    const admin = testKafka('test-admin').admin();
    await admin.connect();
    let end: number;
    try {
      end = (await admin.fetchTopicOffsets(dlqTopicFor(groupId))).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    } finally {
      await admin.disconnect();
    }
    await eventually(async () => ((dlqReader?.messages.length ?? 0) >= end ? true : undefined), 20_000, `the DLQ reader to read the ${end} record(s) on the DLQ`);
  }

  beforeAll(async () => {
    // One partition: an event published after others is consumed after them.
    topic = await createTestTopic('gateway-projection', 1);
    const stateConsumer = complaintStateConsumer(groupId, projectReadModel);
    consumer = new EventConsumer({ kafka, dataSource: ds, logger, groupId, topics: [topic], handler: stateConsumer.handler, maxAttempts: 3, backoff: { initialMs: 20, maxMs: 100 } });
    await consumer.start();
    dlqReader = await new TopicReader([dlqTopicFor(groupId)]).start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await dlqReader?.stop();
    await deleteTopics([topic, dlqTopicFor(groupId)]);
  });

  it('applies a whole history once, even when every event is delivered again', async () => {
    const history = new ComplaintHistory({ officeCode: randomOfficeCode() });
    const events = history.closedAfterFollowUp();
    await publish(events);
    await publish(events);
    // A complaint published after the copies shows once they were all consumed.
    const marker = new ComplaintHistory({ officeCode: history.officeCode });
    await publish(marker.received());
    await eventually(async () => ((await view(marker.complaintId)) ? true : undefined), 30_000, 'the complaint published after the copies');

    expect((await timeline(history.complaintId)).map((e) => e['event_id'])).toEqual(events.map((e) => e.id));
    expect(await view(history.complaintId)).toMatchObject({ status: 'CLOSED', event_count: events.length });
    expect(await stateStatus(history.complaintId)).toBe('CLOSED');
    // The copies were skipped as already handled, not refused as an illegal history. Anything
    // dead-lettered was on the DLQ before the marker was applied (one partition, in order): once
    // the reader has read up to the DLQ's end as of now, it has seen it — no sleep needed.
    await dlqReadToEnd();
    expect(dlqReader?.messages.filter((m) => m.key === history.complaintId)).toEqual([]);
  });

  it('projects what it can and dead-letters at once the events of a complaint never received', async () => {
    const orphan = new ComplaintHistory();
    orphan.received();
    const [confirmed] = orphan.confirmed();
    const warning = orphan.deadlineStarted().warning();
    const received = new ComplaintHistory();
    await publish([confirmed, warning, ...received.received()]);

    if (!dlqReader) throw new Error('the DLQ reader did not start');
    const dead = await dlqReader.waitFor((m) => m.key === orphan.complaintId, 2, 30_000);
    // The state fold refuses the confirmation; the read model the warning, which changes no state.
    expect(dead.map((m) => m.headers['dlq-error-code'])).toEqual(['EVENT.NOT_APPLICABLE', 'PROJECTION.UNKNOWN_COMPLAINT']);
    await eventually(async () => ((await view(received.complaintId)) ? true : undefined), 20_000, 'the received complaint in the view');
    expect(await view(orphan.complaintId)).toBeUndefined();
  });

  it('dead-letters at once a warning of a deadline the SLA monitor never started, and goes on with the complaint', async () => {
    const history = new ComplaintHistory({ officeCode: randomOfficeCode() });
    const received = history.received();
    const warning = history.deadlineStarted().warning();
    await publish([...received, warning, ...history.confirmed()]);

    if (!dlqReader) throw new Error('the DLQ reader did not start');
    const [dead] = await dlqReader.waitFor((m) => m.key === history.complaintId, 1, 30_000);
    expect(dead.headers['dlq-error-code']).toBe('PROJECTION.UNKNOWN_DEADLINE');
    await eventually(async () => ((await view(history.complaintId))?.['status'] === 'CONFIRMED' ? true : undefined), 20_000, 'the confirmation after the refused warning');
    expect((await timeline(history.complaintId)).map((e) => e['type'])).toEqual(['complaint.received', 'complaint.confirmed']);
  });
});
