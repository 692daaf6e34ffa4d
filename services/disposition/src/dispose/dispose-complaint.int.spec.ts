import { COMPLAINT_EVENTS_TOPIC, parseEnvelope, serializeEnvelope } from '@pengaduan/contracts';
import { createIdempotentProducer } from '@pengaduan/messaging';
import { eventually, historyUntil, randomOfficeCode, refusal, storedDocument } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import {
  adminTikkim,
  kepalaKantor,
  seedComplaint,
  startDispositionTestKit,
  type DispositionTestKit,
} from '../__fixtures__/disposition-test-kit';
import { addSection } from '../sections/section-list';
import type { DisposeComplaintCommand, DispositionLineInput } from './dispose-complaint.command';

let kit: DispositionTestKit;

beforeAll(async () => {
  kit = await startDispositionTestKit({ consume: true });
});

afterAll(async () => {
  await kit?.stop();
});

const twoSections: DispositionLineInput[] = [
  { sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN', 'KOORDINASIKAN'], note: 'Periksa rekaman CCTV loket' },
  { sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI'] },
];

function command(complaintId: string, officeCode: string, overrides: Partial<DisposeComplaintCommand> = {}): DisposeComplaintCommand {
  return {
    requestId: randomUUID(), complaintId, actor: kepalaKantor, actorOffice: officeCode,
    lines: twoSections,
    note: 'Segera, laporkan dalam 12 jam',
    correlationId: randomUUID(),
    ...overrides,
  };
}

async function outboxOf(complaintId: string) {
  return (await kit.runtime.dataSource.query('SELECT event_type, body, published_at FROM outbox WHERE message_key = $1 ORDER BY seq', [complaintId])) as {
    event_type: string;
    body: string;
    published_at: Date | null;
  }[];
}

async function sheetsOf(complaintId: string) {
  return (await kit.runtime.dataSource.query('SELECT number, office_code, year, lines, note, disposed_by FROM disposition_sheet WHERE complaint_id = $1', [complaintId])) as Record<
    string,
    unknown
  >[];
}

describe('the head of office dispositions a complaint (SOP step 3)', () => {
  it('kepala kantor dispositions a confirmed complaint to two sections', async () => {
    const office = await kit.newOffice();
    const complaintId = await kit.confirmedComplaint(office);

    const result = await kit.dispose.execute(command(complaintId, office));

    expect(result).toEqual({ outcome: { complaintId, status: 'DISPOSED', eventIds: [expect.any(String)], version: 3 }, sheetNumber: `LD/${office}/2026/000001` });
    expect(await kit.status(complaintId)).toBe('DISPOSED');

    const [row, ...more] = await outboxOf(complaintId);
    expect(more).toEqual([]);
    const parsed = parseEnvelope(row.body);
    if (!parsed.ok || parsed.type !== 'complaint.disposed') throw new Error(`unexpected event: ${row.body}`);
    expect(parsed.envelope).toMatchObject({ id: result.outcome.eventIds[0], subject: complaintId, office, actor: 'KEPALA_KANTOR:u-kakan-1', source: 'pengaduan/disposition' });
    expect(parsed.payload.dispositionSheetNumber).toBe(result.sheetNumber);
    expect(parsed.payload.note).toBe('Segera, laporkan dalam 12 jam');
    expect(parsed.payload.sections.map((s) => [s.sectionCode, s.instructions.length, s.note])).toEqual([
      ['INTELDAKIM', 2, 'Periksa rekaman CCTV loket'],
      ['LANTASKIM', 1, undefined],
    ]);
    // The Lembar Disposisi under the sheet's number; the event carries its hash.
    const sheet = await storedDocument(kit.runtime.dataSource, complaintId, 'LEMBAR_DISPOSISI');
    expect(sheet).toMatchObject({ intact: true, number: result.sheetNumber });
    expect(parsed.payload.documentSha256).toBe(sheet?.sha256);

    expect(await sheetsOf(complaintId)).toEqual([
      {
        number: result.sheetNumber,
        office_code: office,
        year: 2026,
        lines: [
          { sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN', 'KOORDINASIKAN'], note: 'Periksa rekaman CCTV loket' },
          { sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI'] },
        ],
        note: 'Segera, laporkan dalam 12 jam',
        disposed_by: 'KEPALA_KANTOR:u-kakan-1',
      },
    ]);
    // The relay publishes it and keeps the row as the journal.
    await eventually(async () => ((await outboxOf(complaintId))[0]?.published_at ? true : undefined), 20_000, 'complaint.disposed published');
  });

  it('numbers the sheets of an office gap-free under 10 concurrent dispositions of different complaints', async () => {
    const office = await kit.newOffice();
    const complaints = await Promise.all(Array.from({ length: 10 }, () => kit.confirmedComplaint(office)));

    const results = await Promise.all(complaints.map((id) => kit.dispose.execute(command(id, office))));

    expect(results.map((r) => r.sheetNumber).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `LD/${office}/2026/${String(i + 1).padStart(6, '0')}`));
    expect(new Set(results.map((r) => r.outcome.status))).toEqual(new Set(['DISPOSED']));
  });

  it('numbers per year in WIB: 31 December 18:00 UTC is already the new year in Belakang Padang', async () => {
    const office = await kit.newOffice();
    const [late, early] = [await kit.confirmedComplaint(office), await kit.confirmedComplaint(office)];
    try {
      kit.clock.set(new Date('2026-12-31T16:30:00Z')); // 23:30 WIB, still 2026
      const a = await kit.dispose.execute(command(late, office));
      kit.clock.set(new Date('2026-12-31T18:00:00Z')); // 01:00 WIB on 1 January 2027
      const b = await kit.dispose.execute(command(early, office));
      expect([a.sheetNumber, b.sheetNumber]).toEqual([`LD/${office}/2026/000001`, `LD/${office}/2027/000001`]);
    } finally {
      kit.clock.set(new Date('2026-11-27T02:00:00Z'));
    }
  });

  it('refuses to disposition a complaint not yet confirmed (RECEIVED): 409 with the state and the actions left, and issues no number', async () => {
    const office = await kit.newOffice();
    const history = historyUntil('RECEIVED', { officeCode: office });
    await seedComplaint(kit.runtime, history);
    const received = history.complaintId;

    const error = await refusal(kit.dispose.execute(command(received, office)));
    const withUnknownSection = await refusal(kit.dispose.execute(command(received, office, { lines: [{ sectionCode: 'KEUANGAN', instructions: ['TINDAK_LANJUTI'] }] })));

    expect(error).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.ILLEGAL_TRANSITION', details: { state: 'RECEIVED', availableActions: [] } });
    expect(withUnknownSection).toMatchObject({ kind: 'conflict', details: { state: 'RECEIVED' } });
    expect(await kit.status(received)).toBe('RECEIVED');
    expect(await outboxOf(received)).toEqual([]);
    // The refused command took no number: the next sheet of the office is still the first.
    const confirmed = await kit.confirmedComplaint(office);
    expect((await kit.dispose.execute(command(confirmed, office))).sheetNumber).toBe(`LD/${office}/2026/000001`);
  });

  it('refuses Admin Tikkim, who may not disposition (403), before looking at the sheet', async () => {
    const office = await kit.newOffice();
    const complaintId = await kit.confirmedComplaint(office);
    const asAdmin = { requestId: randomUUID(), complaintId, actor: adminTikkim, actorOffice: office };

    const error = await refusal(kit.dispose.execute(command(complaintId, office, asAdmin)));
    const withUnknownSection = await refusal(
      kit.dispose.execute(command(complaintId, office, { ...asAdmin, requestId: randomUUID(), lines: [{ sectionCode: 'KEUANGAN', instructions: ['TINDAK_LANJUTI'] }] })),
    );

    expect(error).toMatchObject({ kind: 'forbidden', code: 'COMPLAINT.FORBIDDEN_ROLE', details: { state: 'CONFIRMED' } });
    expect(withUnknownSection).toMatchObject({ kind: 'forbidden', code: 'COMPLAINT.FORBIDDEN_ROLE' });
    expect(await kit.status(complaintId)).toBe('CONFIRMED');
    expect(await sheetsOf(complaintId)).toEqual([]);
  });

  it('answers a retried request with the same result and changes nothing more', async () => {
    const office = await kit.newOffice();
    const complaintId = await kit.confirmedComplaint(office);
    const first = command(complaintId, office);

    const a = await kit.dispose.execute(first);
    const b = await kit.dispose.execute({ ...first, correlationId: randomUUID() });

    expect(b).toEqual(a);
    expect(await outboxOf(complaintId)).toHaveLength(1);
    expect(await sheetsOf(complaintId)).toHaveLength(1);
    const next = await kit.confirmedComplaint(office);
    expect((await kit.dispose.execute(command(next, office))).sheetNumber).toBe(`LD/${office}/2026/000002`);
  });

  it('refuses a request id reused for a different disposition', async () => {
    const office = await kit.newOffice();
    const complaintId = await kit.confirmedComplaint(office);
    const first = command(complaintId, office);
    await kit.dispose.execute(first);

    const error = await refusal(kit.dispose.execute({ ...first, lines: [twoSections[0]] }));
    expect(error).toMatchObject({ kind: 'idempotency-mismatch', code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('does not find a complaint of another office than the officer’s (NOT_FOUND)', async () => {
    const office = await kit.newOffice();
    const complaintId = await kit.confirmedComplaint(office);

    const error = await refusal(kit.dispose.execute(command(complaintId, office, { requestId: randomUUID(), complaintId, actor: kepalaKantor, actorOffice: randomOfficeCode() })));

    expect(error).toMatchObject({ kind: 'not-found', code: 'COMPLAINT.NOT_FOUND' });
    expect(await kit.status(complaintId)).toBe('CONFIRMED');
  });

  it('refuses a section the office does not have, or no longer uses, naming the line (400), and issues no number', async () => {
    const office = await kit.newOffice();
    await addSection(kit.runtime.dataSource.manager, { officeCode: office, code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian', active: false });
    const complaintId = await kit.confirmedComplaint(office);

    const error = await refusal(
      kit.dispose.execute(
        command(complaintId, office, {
          lines: [
            { sectionCode: 'INTELDAKIM', instructions: ['TINDAK_LANJUTI'] },
            { sectionCode: 'KEUANGAN', instructions: ['TINDAK_LANJUTI'] },
            { sectionCode: 'LANTASKIM', instructions: ['UNTUK_DIKETAHUI'] },
          ],
        }),
      ),
    );

    expect(error).toMatchObject({ kind: 'invalid', code: 'DISPOSITION.UNKNOWN_SECTION' });
    expect(error.details.fieldViolations?.map((v) => v.field)).toEqual(['lines[1].sectionCode', 'lines[2].sectionCode']);
    expect(await kit.status(complaintId)).toBe('CONFIRMED');
    const ok = await kit.dispose.execute(command(complaintId, office, { lines: [{ sectionCode: 'INTELDAKIM', instructions: ['TINDAK_LANJUTI'] }] }));
    expect(ok.sheetNumber).toBe(`LD/${office}/2026/000001`);
  });

  it('names the line libs/sop finds wrong in the caller’s terms: no instruction, an unknown one, a section twice (400)', async () => {
    const office = await kit.newOffice();
    const complaintId = await kit.confirmedComplaint(office);
    const fieldOf = async (lines: DispositionLineInput[]) => (await refusal(kit.dispose.execute(command(complaintId, office, { lines })))).details.fieldViolations?.[0]?.field;

    expect(await fieldOf([])).toBe('lines');
    expect(await fieldOf([{ sectionCode: 'INTELDAKIM', instructions: [] }])).toBe('lines[0].instructions');
    expect(await fieldOf([twoSections[0], { sectionCode: 'LANTASKIM', instructions: ['UNSPECIFIED'] }])).toBe('lines[1].instructions[0]');
    expect(await fieldOf([twoSections[0], twoSections[0]])).toBe('lines');
    expect(await kit.status(complaintId)).toBe('CONFIRMED');
  });

  it('accepts the disposition of a complaint whose received and confirmed events came over the complaint topic', async () => {
    // A fresh office and complaint: the service knows them only from the topic.
    const office = randomOfficeCode();
    await addSection(kit.runtime.dataSource.manager, { officeCode: office, code: 'INTELDAKIM', name: 'Seksi Inteldakim' });
    const history = historyUntil('CONFIRMED', { officeCode: office });
    const complaintId = history.complaintId;
    const producer = createIdempotentProducer(kit.runtime.kafka);
    await producer.connect();
    try {
      await producer.send({
        topic: COMPLAINT_EVENTS_TOPIC,
        acks: -1,
        messages: history.envelopes.map((e) => ({ key: complaintId, value: serializeEnvelope(e) })),
      });
    } finally {
      await producer.disconnect();
    }

    await eventually(async () => ((await kit.status(complaintId)) === 'CONFIRMED' ? true : undefined), 60_000, 'the consumer to apply received + confirmed');
    const result = await kit.dispose.execute(command(complaintId, office, { lines: [{ sectionCode: 'INTELDAKIM', instructions: ['TINDAK_LANJUTI'] }] }));

    expect(result.outcome.status).toBe('DISPOSED');
    expect(result.sheetNumber).toBe(`LD/${office}/2026/000001`);
    const inbox = (await kit.runtime.dataSource.query('SELECT event_type, processed_at FROM inbox WHERE subject = $1 AND consumer_group = $2 ORDER BY first_seen_at', [
      complaintId,
      kit.groupId,
    ])) as { event_type: string; processed_at: Date | null }[];
    expect(inbox.slice(0, 2).map((r) => [r.event_type, r.processed_at !== null])).toEqual([
      ['complaint.received', true],
      ['complaint.confirmed', true],
    ]);
  });
});
