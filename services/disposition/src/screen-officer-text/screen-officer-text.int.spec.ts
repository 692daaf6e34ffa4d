import { REPORTER_GIVEAWAYS } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { kepalaKantor, sectionOfficer, startDispositionTestKit, type DispositionTestKit } from '../__fixtures__/disposition-test-kit';
import type { DisposeComplaintCommand } from '../dispose/dispose-complaint.command';

// docs/adr/0023: disposition asks intake to screen every free text an officer writes into
// complaint.disposed, complaint.section-responded and the Lembar Disposisi before it decides.
let kit: DispositionTestKit;

beforeAll(async () => {
  kit = await startDispositionTestKit();
});

afterAll(async () => {
  await kit?.stop();
});

const GIVEAWAYS = Object.entries(REPORTER_GIVEAWAYS);

function disposition(complaintId: string, office: string, texts: Partial<Record<'note' | 'lines[0].note' | 'lines[1].note', string>> = {}): DisposeComplaintCommand {
  return {
    requestId: randomUUID(), complaintId, actor: kepalaKantor, actorOffice: office,
    lines: [
      { sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN'], note: texts['lines[0].note'] ?? 'Periksa rekaman CCTV loket' },
      { sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI'], ...(texts['lines[1].note'] ? { note: texts['lines[1].note'] } : {}) },
    ],
    note: texts.note ?? 'Segera, laporkan dalam 12 jam',
    correlationId: randomUUID(),
  };
}

async function recorded(complaintId: string): Promise<{ events: number; sheets: number; status: string | undefined }> {
  const [{ events }] = (await kit.runtime.dataSource.query('SELECT count(*)::int AS events FROM outbox WHERE message_key = $1', [complaintId])) as { events: number }[];
  const [{ sheets }] = (await kit.runtime.dataSource.query('SELECT count(*)::int AS sheets FROM disposition_sheet WHERE complaint_id = $1', [complaintId])) as { sheets: number }[];
  return { events, sheets, status: await kit.status(complaintId) };
}

describe('the head of office’s disposition gives nothing of the reporter away', () => {
  describe.each(['note', 'lines[0].note', 'lines[1].note'] as const)('%s', (field) => {
    it.each(GIVEAWAYS)('with the reporter’s %s in it is refused naming the field, and nothing is recorded', async (part, giveaway) => {
      const office = await kit.newOffice();
      const complaintId = await kit.confirmedComplaint(office);

      const refused = kit.dispose.execute(disposition(complaintId, office, { [field]: `Hubungi pelapor (${giveaway}) untuk klarifikasi` }));

      await expect(refused).rejects.toMatchObject({
        kind: 'invalid',
        code: 'COMPLAINT.PERSONAL_DATA',
        details: { fieldViolations: [{ field, description: expect.stringContaining(`reporter's ${part}`) }] },
      });
      expect(await recorded(complaintId)).toEqual({ events: 0, sheets: 0, status: 'CONFIRMED' });
    });
  });

  it('is accepted with clean texts, each screened under the REST body’s name', async () => {
    const office = await kit.newOffice();
    const complaintId = await kit.confirmedComplaint(office);

    await kit.dispose.execute(disposition(complaintId, office, { 'lines[1].note': 'Tegur petugas loket 3' }));

    expect(await recorded(complaintId)).toEqual({ events: 1, sheets: 1, status: 'DISPOSED' });
    expect(kit.intake.screenedFor(complaintId)).toEqual([
      { note: 'Segera, laporkan dalam 12 jam', 'lines[0].note': 'Periksa rekaman CCTV loket', 'lines[1].note': 'Tegur petugas loket 3' },
    ]);
  });
});

describe('a section’s response gives nothing of the reporter away', () => {
  async function disposedComplaint(): Promise<{ complaintId: string; office: string }> {
    const office = await kit.newOffice();
    const complaintId = await kit.confirmedComplaint(office);
    await kit.dispose.execute(disposition(complaintId, office));
    return { complaintId, office };
  }

  const answer = (complaintId: string, office: string, text: string) => ({
    requestId: randomUUID(), complaintId, actor: sectionOfficer('LANTASKIM'), actorOffice: office,
    sectionCode: 'LANTASKIM',
    response: text,
    correlationId: randomUUID(),
  });

  it.each(GIVEAWAYS)('with the reporter’s %s in it is refused naming `response`, and nothing is recorded', async (part, giveaway) => {
    const { complaintId, office } = await disposedComplaint();

    const refused = kit.respond.execute(answer(complaintId, office, `Sudah dikonfirmasi ke ${giveaway}.`));

    await expect(refused).rejects.toMatchObject({
      code: 'COMPLAINT.PERSONAL_DATA',
      details: { fieldViolations: [{ field: 'response', description: expect.stringContaining(`reporter's ${part}`) }] },
    });
    expect(await recorded(complaintId)).toEqual({ events: 1, sheets: 1, status: 'DISPOSED' });
  });

  it('is accepted when clean', async () => {
    const { complaintId, office } = await disposedComplaint();

    const { outcome } = await kit.respond.execute(answer(complaintId, office, 'Petugas loket telah ditegur.'));

    expect(outcome.status).toBe('DISPOSED');
    expect(await recorded(complaintId)).toEqual({ events: 2, sheets: 1, status: 'DISPOSED' });
    expect(kit.intake.screenedFor(complaintId).at(-1)).toEqual({ response: 'Petugas loket telah ditegur.' });
  });
});
