import { DeliveryMethod } from '@pengaduan/contracts';
import { SettableClock } from '@pengaduan/runtime';
import { actors, ComplaintHistory, randomOfficeCode, REPORTER_GIVEAWAYS } from '@pengaduan/testing';
import { NotificationApp } from '../__fixtures__/notification-app';

// docs/adr/0023: notification asks intake to screen the follow-up information (printed in the
// Informasi Tindak Lanjut) and the delivery note (in complaint.information-delivered) before it
// decides.
const office = randomOfficeCode();
const officer = { ...actors.adminTikkim, officeCode: office };
const app = new NotificationApp(new SettableClock(new Date('2026-11-27T05:00:00Z')));
const GIVEAWAYS = Object.entries(REPORTER_GIVEAWAYS);
const INFORMATION = 'Yth. Pelapor, pengaduan Anda telah ditindaklanjuti oleh tim.';

beforeAll(() => app.start());
afterAll(() => app.stop());

async function recorded(complaintId: string): Promise<{ events: string[]; status: string | undefined; documents: number; queued: number }> {
  const [{ documents }] = (await app.runtime.dataSource.query('SELECT count(*)::int AS documents FROM complaint_document WHERE complaint_id = $1', [complaintId])) as {
    documents: number;
  }[];
  return { events: (await app.eventsOf(complaintId)).map((e) => e.type), status: await app.statusOf(complaintId), documents, queued: (await app.deliveries(complaintId)).length };
}

const personalData = (field: string, part: string) => ({
  code: 'COMPLAINT.PERSONAL_DATA',
  details: { fieldViolations: [{ field, description: expect.stringContaining(`reporter's ${part}`) }] },
});

describe('the follow-up information (step 7) gives nothing of the reporter away', () => {
  it.each(GIVEAWAYS)('with the reporter’s %s in it is refused naming `text`: no event, no document, nothing queued', async (part, giveaway) => {
    const c = new ComplaintHistory({ officeCode: office, channel: 'PHONE' });
    await app.seed(c, 'TEAM_FORMED');

    await expect(app.writeFollowUpInformation(officer, c.complaintId, `Yth. ${giveaway}, pengaduan Anda telah ditindaklanjuti.`)).rejects.toMatchObject(
      personalData('text', part),
    );

    expect(await recorded(c.complaintId)).toEqual({ events: [], status: 'TEAM_FORMED', documents: 0, queued: 0 });
  });

  it('is accepted when clean, having been screened as `text`', async () => {
    const c = new ComplaintHistory({ officeCode: office, channel: 'PHONE' });
    await app.seed(c, 'TEAM_FORMED');

    await expect(app.writeFollowUpInformation(officer, c.complaintId, INFORMATION)).resolves.toMatchObject({ status: 'REPORTER_INFORMED' });
    expect(app.intake.screenedFor(c.complaintId)).toEqual([{ text: INFORMATION }]);
  });
});

describe('the delivery confirmation (step 8) gives nothing of the reporter away', () => {
  async function informed() {
    const c = new ComplaintHistory({ officeCode: office, channel: 'PHONE' });
    await app.seed(c, 'TEAM_FORMED');
    await app.writeFollowUpInformation(officer, c.complaintId, INFORMATION);
    return c;
  }
  const deliveredAt = () => new Date(app.clock.now().getTime() - 60_000);

  it.each(GIVEAWAYS)('with the reporter’s %s in its note is refused naming `note`, and the complaint stays informed', async (part, giveaway) => {
    const c = await informed();

    await expect(app.confirmDelivery(officer, c.complaintId, { method: DeliveryMethod.PHONE_CALL, deliveredAt: deliveredAt(), note: `Ditelepon di ${giveaway}` })).rejects.toMatchObject(
      personalData('note', part),
    );

    expect(await app.statusOf(c.complaintId)).toBe('REPORTER_INFORMED');
    expect((await app.eventsOf(c.complaintId)).map((e) => e.type)).toEqual(['complaint.reporter-informed']);
  });

  it('is accepted with a clean note, having screened it as `note`', async () => {
    const c = await informed();

    await app.confirmDelivery(officer, c.complaintId, { method: DeliveryMethod.PHONE_CALL, deliveredAt: deliveredAt(), note: 'Pelapor menerima penjelasan.' });

    expect(await app.statusOf(c.complaintId)).toBe('CLOSED');
    expect(app.intake.screenedFor(c.complaintId).at(-1)).toEqual({ note: 'Pelapor menerima penjelasan.' });
  });
});
