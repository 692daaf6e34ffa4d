import { ComplaintHistory, IntakeScreenStandIn, REPORTER_GIVEAWAYS } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { api, isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';

// docs/adr/0046: who is on a complaint and the office's internal notes, over a real socket.

interface Assignment {
  complaintId: string;
  assignee?: { id: string; displayName: string; role: string };
  since?: string;
  history: { kind: string; assignee?: { id: string }; by: { id: string }; at: string }[];
}

let isolation: GatewayIsolation;
let gateway: TestGateway;
/** intake screens the notes: the stand-in refuses a text with the reporter's phone number, as intake does. */
const intake = new IntakeScreenStandIn();

const officers: Record<string, { id: string; token: string }> = {};
const received = new ComplaintHistory({ officeCode: 'BLP' });
const confirmed = new ComplaintHistory({ officeCode: 'BLP' });
const otherOffice = new ComplaintHistory({ officeCode: 'TPI' });

beforeAll(async () => {
  await intake.start();
  isolation = await isolate();
  gateway = await startGateway({ intake: intake.address }, isolation);
  await gateway.seed(...received.received());
  await gateway.seed(...confirmed.received(), ...confirmed.confirmed());
  await gateway.seed(...otherOffice.received());
  for (const [name, officer] of Object.entries({
    admin: { role: 'ADMIN_TIKKIM', officeCode: 'BLP' },
    admin2: { role: 'ADMIN_TIKKIM', officeCode: 'BLP' },
    kepala: { role: 'KEPALA_KANTOR', officeCode: 'BLP' },
    auditor: { role: 'AUDITOR', officeCode: 'BLP' },
    adminTpi: { role: 'ADMIN_TIKKIM', officeCode: 'TPI' },
  } as const)) {
    const { id, token } = await gateway.officer(officer);
    officers[name] = { id, token };
  }
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
  await intake.stop();
});

function post(officer: string, path: string, body: unknown = {}, key: string = randomUUID()) {
  return api(gateway, officers[officer].token).post(path, body, { 'Idempotency-Key': key });
}

async function worklistIds(officer: string, assigned?: string): Promise<string[]> {
  const items = await api(gateway, officers[officer].token).json<{ items: { id: string; assignee?: { id: string } }[] }>(`/worklist${assigned ? `?assigned=${assigned}` : ''}`);
  return items.items.map((i) => i.id);
}

describe('claiming a complaint', () => {
  it('is refused to an officer whose role the complaint does not wait on, and to another office', async () => {
    const wrongRole = await post('kepala', `/complaints/${received.complaintId}/claim`);
    expect(wrongRole.status).toBe(409);
    expect(await wrongRole.json()).toMatchObject({ code: 'ASSIGNMENT.NOT_WAITING_ON_YOU' });
    expect((await post('auditor', `/complaints/${received.complaintId}/claim`)).status).toBe(409);
    expect((await post('adminTpi', `/complaints/${received.complaintId}/claim`)).status).toBe(404);
    expect((await post('admin', `/complaints/${otherOffice.complaintId}/claim`)).status).toBe(404);
    expect((await api(gateway, officers['admin'].token).post(`/complaints/${received.complaintId}/claim`, {})).status).toBe(400);
  });

  it('puts the officer on it, shows them in every worklist of the role, and a replay answers the same', async () => {
    const key = randomUUID();
    const first = await post('admin', `/complaints/${received.complaintId}/claim`, {}, key);
    expect(first.status).toBe(200);
    const claimed = (await first.json()) as Assignment;
    expect(claimed.assignee).toMatchObject({ id: officers['admin'].id, role: 'ADMIN_TIKKIM' });
    expect(claimed.history).toEqual([{ kind: 'CLAIMED', assignee: expect.objectContaining({ id: officers['admin'].id }), by: expect.objectContaining({ id: officers['admin'].id }), at: claimed.since }]);

    const replay = await post('admin', `/complaints/${received.complaintId}/claim`, {}, key);
    expect(await replay.json()).toEqual(claimed);
    const reused = await post('admin', `/complaints/${received.complaintId}/release`, {}, key);
    expect(reused.status).toBe(422);

    expect(await worklistIds('admin', 'me')).toEqual([received.complaintId]);
    expect(await worklistIds('admin', 'unassigned')).not.toContain(received.complaintId);
    expect(await worklistIds('admin2', 'others')).toEqual([received.complaintId]);
    expect(await worklistIds('admin2', 'me')).toEqual([]);
    expect((await api(gateway, officers['admin'].token).get('/worklist?assigned=everyone')).status).toBe(400);

    const taken = await post('admin2', `/complaints/${received.complaintId}/claim`);
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ code: 'ASSIGNMENT.TAKEN' });
    const notYours = await post('admin2', `/complaints/${received.complaintId}/release`);
    expect(await notYours.json()).toMatchObject({ status: 409, code: 'ASSIGNMENT.NOT_YOURS' });
  });
});

describe('assigning a complaint', () => {
  it('is the head of office’s alone, to an active officer of the office whose role the complaint waits on', async () => {
    const path = `/complaints/${received.complaintId}/assignment`;
    const byAdmin = await post('admin', path, { userId: officers['admin2'].id });
    expect(await byAdmin.json()).toMatchObject({ status: 403, code: 'ASSIGNMENT.FORBIDDEN_ROLE' });
    const otherOfficer = await post('kepala', path, { userId: officers['adminTpi'].id });
    expect(await otherOfficer.json()).toMatchObject({ status: 400, code: 'ASSIGNMENT.OFFICER_NOT_ELIGIBLE', errors: [{ field: 'userId' }] });
    const wrongRole = await post('kepala', path, { userId: officers['auditor'].id });
    expect(await wrongRole.json()).toMatchObject({ status: 400, code: 'ASSIGNMENT.OFFICER_NOT_ELIGIBLE' });
    expect((await post('kepala', `/complaints/${otherOffice.complaintId}/assignment`, { userId: officers['admin'].id })).status).toBe(404);
  });

  it('moves the complaint to the officer named, recording who and when', async () => {
    const res = await post('kepala', `/complaints/${received.complaintId}/assignment`, { userId: officers['admin2'].id });
    expect(res.status).toBe(200);
    const assigned = (await res.json()) as Assignment;
    expect(assigned.assignee?.id).toBe(officers['admin2'].id);
    expect(assigned.history.map((h) => [h.kind, h.by.id])).toEqual([
      ['CLAIMED', officers['admin'].id],
      ['ASSIGNED', officers['kepala'].id],
    ]);
    expect(await worklistIds('admin2', 'me')).toEqual([received.complaintId]);
    expect(await worklistIds('admin', 'others')).toEqual([received.complaintId]);
  });

  it('lapses once the complaint moves to a step of another role, with nothing to consume', async () => {
    const history = new ComplaintHistory({ officeCode: 'BLP' });
    await gateway.seed(...history.received());
    expect((await post('admin', `/complaints/${history.complaintId}/claim`)).status).toBe(200);
    await gateway.seed(...history.confirmed());
    const now = await api(gateway, officers['admin'].token).json<Assignment>(`/complaints/${history.complaintId}/assignment`);
    expect(now.assignee).toBeUndefined();
    expect(now.history).toHaveLength(1);
    expect(await worklistIds('kepala', 'unassigned')).toContain(history.complaintId);
  });

  it('is released by the assignee, and then anyone may claim it', async () => {
    const released = (await (await post('admin2', `/complaints/${received.complaintId}/release`)).json()) as Assignment;
    expect(released.assignee).toBeUndefined();
    expect(released.history.at(-1)).toMatchObject({ kind: 'RELEASED', by: { id: officers['admin2'].id } });
    expect(await worklistIds('admin', 'unassigned')).toContain(received.complaintId);
    expect((await post('admin', `/complaints/${received.complaintId}/claim`)).status).toBe(200);
  });
});

describe('internal notes', () => {
  const notes = `/complaints/${confirmed.complaintId}/notes`;

  it("are refused when they give the complainant's contact away, naming the field, and nothing is kept", async () => {
    const res = await post('admin', notes, { text: `Pelapor bisa dihubungi di ${REPORTER_GIVEAWAYS.phone}` });
    expect(await res.json()).toMatchObject({ status: 400, code: 'COMPLAINT.PERSONAL_DATA', errors: [{ field: 'text' }] });
    expect(await api(gateway, officers['admin2'].token).json(notes)).toEqual({ items: [] });
    expect(intake.screenedFor(confirmed.complaintId)).toEqual([{ text: `Pelapor bisa dihubungi di ${REPORTER_GIVEAWAYS.phone}` }]);
  });

  it('are seen by every officer of the office with who and when, replayed once, and written by no auditor', async () => {
    const key = randomUUID();
    const first = await post('admin', notes, { text: 'Rekaman CCTV loket 3 sudah diminta.' }, key);
    expect(first.status).toBe(201);
    const note = await first.json();
    expect(note).toMatchObject({ text: 'Rekaman CCTV loket 3 sudah diminta.', author: { id: officers['admin'].id, role: 'ADMIN_TIKKIM' } });
    expect(await (await post('admin', notes, { text: 'Rekaman CCTV loket 3 sudah diminta.' }, key)).json()).toEqual(note);
    expect((await post('admin', notes, { text: 'Lain' }, key)).status).toBe(422);
    expect(await api(gateway, officers['kepala'].token).json(notes)).toEqual({ items: [note] });
    expect(await api(gateway, officers['auditor'].token).json(notes)).toEqual({ items: [note] });
    expect(await (await post('auditor', notes, { text: 'Catatan auditor' })).json()).toMatchObject({ status: 403, code: 'NOTE.FORBIDDEN_ROLE' });
    expect((await post('admin', notes, { text: 'x'.repeat(4_001) })).status).toBe(400);
    expect((await post('admin', notes, { text: '' })).status).toBe(400);
  });

  it('of another office are not found', async () => {
    expect((await api(gateway, officers['adminTpi'].token).get(notes)).status).toBe(404);
    expect((await post('adminTpi', notes, { text: 'Catatan' })).status).toBe(404);
    expect((await post('admin', `/complaints/${otherOffice.complaintId}/notes`, { text: 'Catatan' })).status).toBe(404);
  });
});
