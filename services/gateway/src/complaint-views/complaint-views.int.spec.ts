import { Channel } from '@pengaduan/contracts';
import { eventually } from '@pengaduan/testing';
import { v7 as uuidv7 } from 'uuid';
import { complaintConfirmed, complaintReceived } from '../__fixtures__/complaint-events';
import { isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';

interface View {
  id: string;
  officeCode: string;
  trackingNumber: string;
  receivedAt: string;
  lastEventType: string;
}

let isolation: GatewayIsolation;
let gateway: TestGateway;

beforeAll(async () => {
  isolation = await isolate();
  // Reads never call intake: they come from the read model alone.
  gateway = await startGateway('127.0.0.1:9', isolation);
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
});

function get(path: string): Promise<Response> {
  return fetch(`${gateway.baseUrl}/api/v1/complaints${path}`);
}

/** The view once the projection has it (it follows the stream within moments). */
function viewOnceProjected(id: string, until: (view: View) => boolean = () => true): Promise<View> {
  return eventually(
    async () => {
      const res = await get(`/${id}`);
      if (res.status !== 200) return undefined;
      const view = (await res.json()) as View;
      return until(view) ? view : undefined;
    },
    30_000,
    `the view of ${id}`,
  );
}

async function list(query: string): Promise<View[]> {
  const res = await get(query);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: View[] }).items;
}

describe('officers read complaints from the read model', () => {
  it('shows a complaint once its complaint.received is consumed, without the reporter reference', async () => {
    const received = complaintReceived({
      officeCode: 'BLP',
      trackingNumber: 'BLP-2026-000042',
      channel: Channel.WALK_IN,
      confidential: true,
      receivedAt: new Date('2026-03-14T02:05:09.123Z'),
      at: new Date('2026-03-14T02:07:00.000Z'),
    });
    await gateway.publish(received);

    await viewOnceProjected(received.subject);
    const res = await get(`/${received.subject}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      id: received.subject,
      officeCode: 'BLP',
      trackingNumber: 'BLP-2026-000042',
      channel: 'WALK_IN',
      status: 'RECEIVED',
      anonymous: false,
      confidential: true,
      receivedAt: '2026-03-14T02:05:09.123Z',
      updatedAt: '2026-03-14T02:07:00.000Z',
      lastEventType: 'complaint.received',
    });
  });

  it('shows the last event applied to a complaint', async () => {
    const received = complaintReceived();
    await gateway.publish(received, complaintConfirmed(received.subject, new Date('2026-03-14T05:00:00Z')));
    const view = await viewOnceProjected(received.subject, (v) => v.lastEventType === 'complaint.confirmed');
    expect(view).toMatchObject({ status: 'RECEIVED', updatedAt: '2026-03-14T05:00:00.000Z' });
  });

  it('answers 404 for a complaint it does not hold and 400 for an id that is no UUID', async () => {
    const missing = await get(`/${uuidv7()}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await missing.json()).toMatchObject({ status: 404, code: 'COMPLAINT.NOT_FOUND' });

    const malformed = await get('/BLP-2026-000042');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ status: 400, code: 'REQUEST.INVALID', errors: [{ field: 'id', message: 'id must be a UUID' }] });
  });

  it('finds a complaint by its tracking number, and nothing for a number never issued', async () => {
    const received = complaintReceived({ officeCode: 'TPI', trackingNumber: 'TPI-2026-000777' });
    await gateway.publish(received);
    await viewOnceProjected(received.subject);

    expect((await list('?trackingNumber=TPI-2026-000777')).map((v) => v.id)).toEqual([received.subject]);
    expect(await list('?trackingNumber=TPI-2026-000778')).toEqual([]);
    expect(await list('?trackingNumber=TPI-2026-000777&officeCode=BLP')).toEqual([]);
  });

  it('lists the newest complaints first, as many as asked, within one office when asked', async () => {
    const office = 'NEW';
    const at = (hour: number) => new Date(Date.UTC(2027, 0, 1, hour));
    const oldest = complaintReceived({ officeCode: office, receivedAt: at(1) });
    const middle = complaintReceived({ officeCode: 'OTHR', receivedAt: at(2) });
    const newest = complaintReceived({ officeCode: office, receivedAt: at(3) });
    await gateway.publish(oldest, middle, newest);
    await Promise.all([oldest, middle, newest].map((e) => viewOnceProjected(e.subject)));

    expect((await list('?limit=2')).map((v) => v.id)).toEqual([newest.subject, middle.subject]);
    expect((await list(`?officeCode=${office}`)).map((v) => v.id)).toEqual([newest.subject, oldest.subject]);
    expect((await list('')).length).toBeLessThanOrEqual(50);
  });

  it('refuses a limit outside 1..200 and unknown query parameters', async () => {
    const res = await get('?limit=201&sort=asc');
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['limit', 'sort']);
  });
});
