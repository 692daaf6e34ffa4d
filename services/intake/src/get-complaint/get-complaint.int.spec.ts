import { randomUUID } from 'node:crypto';
import {
  actors,
  applyToIntake,
  by,
  contact,
  eventsOfOtherServices,
  refusal,
  registerComplaint,
  reportText,
  startIntakeKit,
  type IntakeKit,
} from '../__fixtures__/intake-test-kit';

let kit: IntakeKit;

beforeAll(async () => {
  kit = await startIntakeKit();
});

afterAll(async () => {
  await kit?.stop();
});

const read = (complaintId: string, actor: typeof actors.admin | typeof actors.kepalaKantor | typeof actors.pelapor, actorOffice?: string) =>
  kit.get.execute({ complaintId, actor, actorOffice: actorOffice ?? kit.office });

describe('an officer reads a complaint', () => {
  it('shows the complaint with its messages in order, its classification and summary once confirmed', async () => {
    const complaintId = await registerComplaint(kit);
    await kit.append.execute({ ...by(kit, actors.admin, complaintId), text: 'Kejadiannya di loket 3.' });
    await kit.confirm.execute({ ...by(kit, actors.admin, complaintId), classificationCode: '03', summary: 'Dugaan pungli di loket paspor', anonymous: false, confidential: true });

    const complaint = await read(complaintId, actors.kepalaKantor);
    expect(complaint).toMatchObject({
      complaintId,
      officeCode: kit.office,
      trackingNumber: expect.stringMatching(new RegExp(`^${kit.office}-2026-\\d{6}$`)),
      channel: 'PHONE',
      status: 'CONFIRMED',
      text: `${reportText}\n\nKejadiannya di loket 3.`,
      anonymous: false,
      confidential: true,
      classificationCode: '03',
      summary: 'Dugaan pungli di loket paspor',
      contact,
      contactRedacted: false,
    });
    expect(complaint.messages.map((m) => [m.sequence, m.text])).toEqual([
      [1, reportText],
      [2, 'Kejadiannya di loket 3.'],
    ]);
  });

  it('shows the contact of an anonymous complaint to admin tikkim only; the kepala kantor sees that it is withheld', async () => {
    const complaintId = await registerComplaint(kit, { anonymous: true });

    const forAdmin = await read(complaintId, actors.admin);
    const forKepalaKantor = await read(complaintId, actors.kepalaKantor);

    expect(forAdmin).toMatchObject({ anonymous: true, contact, contactRedacted: false });
    expect(forKepalaKantor).toMatchObject({ anonymous: true, contactRedacted: true });
    expect(forKepalaKantor.contact).toBeUndefined();
    expect(JSON.stringify(forKepalaKantor)).not.toContain(contact.phone);
  });

  it('withholds the contact once the admin makes the complaint anonymous at confirmation', async () => {
    const complaintId = await registerComplaint(kit);
    await kit.confirm.execute({ ...by(kit, actors.admin, complaintId), classificationCode: '02', summary: 'Antrean paspor', anonymous: true, confidential: false });
    const complaint = await read(complaintId, actors.kepalaKantor);
    expect(complaint.contactRedacted).toBe(true);
    expect(complaint.contact).toBeUndefined();
  });

  it('says there is no contact when the reporter gave none, without calling it withheld', async () => {
    const complaintId = await registerComplaint(kit, { contact: undefined });
    const complaint = await read(complaintId, actors.kepalaKantor);
    expect(complaint.contact).toBeUndefined();
    expect(complaint.contactRedacted).toBe(false);
  });

  it('shows the status intake learned from the other services', async () => {
    const complaintId = await registerComplaint(kit);
    await kit.confirm.execute({ ...by(kit, actors.admin, complaintId), classificationCode: '02', summary: 'Antrean paspor', anonymous: false, confidential: false });
    const dispose = { type: 'dispose', actor: actors.kepalaKantor, sheet: { entries: [{ sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI'] }] } } as const;
    await applyToIntake(kit, await eventsOfOtherServices(kit, complaintId, [dispose]));

    expect((await read(complaintId, actors.kepalaKantor)).status).toBe('DISPOSED');
  });

  it("does not find another office's complaint, nor one that does not exist", async () => {
    const complaintId = await registerComplaint(kit);
    await expect(read(complaintId, actors.admin, 'ZZZZZ')).rejects.toMatchObject({ kind: 'not-found', code: 'COMPLAINT.NOT_FOUND' });
    await expect(read(randomUUID(), actors.admin)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('refuses the reporter role (403) and a complaint id that is not one (400)', async () => {
    const complaintId = await registerComplaint(kit);
    expect(await refusal(read(complaintId, actors.pelapor))).toMatchObject({ kind: 'forbidden' });
    expect(await refusal(read('BLP-2026-000001', actors.admin))).toMatchObject({ kind: 'invalid', details: { fieldViolations: [{ field: 'complaintId' }] } });
  });
});
