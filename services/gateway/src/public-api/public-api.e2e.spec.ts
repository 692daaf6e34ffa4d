import { eventually, randomOfficeCode, REPO_ROOT, sql, startPlatformStack, type PlatformStack } from '@pengaduan/testing';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { confirmBody, SopOverRest } from '../__fixtures__/sop-over-rest';

// Every service as its own process; the gateway's public gRPC API called by a real
// @grpc/grpc-js client in yet another process (__fixtures__/grpc-client-process.ts), as an
// office's own system would call it.

type Result = { ok: boolean; code?: number; codeName?: string; message?: string; details?: Detail[]; [key: string]: unknown };
type Detail = { '@type': string; fieldViolations?: { field: string; description: string }[]; reason?: string; domain?: string; metadata?: Record<string, string> };
type ComplaintJson = Record<string, unknown> & { complaintId: string; trackingNumber: string; status: string };
type EventJson = { event: { position: string; eventId: string; type: string; complaintId: string; officeCode: string; sequence: number; summary: string; statusAfter: string } };

/** The client process: one JSON command per line in, one JSON result per line out. */
class GrpcClientProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, (result: Result) => void>();
  private readonly failing = new Map<number, (err: Error) => void>();
  private readonly progress = new Map<number, () => void>();
  private next = 1;
  private stderr = '';

  constructor() {
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', 'services/gateway/src/public-api/__fixtures__/grpc-client-process.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    // One listener for the process's end, failing whatever still waits (not one per command).
    this.child.once('exit', (code) => {
      for (const fail of this.failing.values()) fail(new Error(`the client process exited ${code}: ${this.stderr}`));
      this.failing.clear();
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const { id, ...result } = JSON.parse(line) as Result & { id: number };
      if (result['progress'] !== undefined) {
        this.progress.get(id)?.();
        return;
      }
      this.waiting.get(id)?.(result as Result);
      this.waiting.delete(id);
      this.failing.delete(id);
      this.progress.delete(id);
    });
  }

  /** Sends a command; `onProgress` runs when a subscribe with `progress: true` has its first event. */
  send(command: Record<string, unknown>, onProgress?: () => void): Promise<Result> {
    const id = this.next++;
    if (onProgress) this.progress.set(id, onProgress);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, resolve);
      this.failing.set(id, reject);
      this.child.stdin.write(`${JSON.stringify({ id, address: stack.gatewayGrpc, ...command })}\n`, (err) => err && reject(err));
    });
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    if (this.child.exitCode === null) await new Promise((resolve) => this.child.once('exit', resolve));
  }
}

const office = randomOfficeCode();
const other = randomOfficeCode();
let stack: PlatformStack;
let sop: SopOverRest;
let client: GrpcClientProcess;
let token: string;
let otherToken: string;

function addClient(officeCode: string): string {
  const out = stack.processes['gateway'].runCommand(['office-client', 'add', '--office', officeCode, '--name', `Sistem ${officeCode}`]);
  const match = /token: (\S+)/.exec(out);
  if (!match) throw new Error(`no token in: ${out}`);
  return match[1];
}

const call = (method: string, request: unknown, as: string | null = token) => client.send({ op: 'call', method, request, ...(as === null ? {} : { token: as }) });

const submission = (overrides: Record<string, unknown> = {}) => ({
  requestId: randomUUID(),
  officeCode: office,
  channel: 'CHANNEL_REGIONAL_OFFICE',
  text: 'Pemohon di kantor wilayah melaporkan petugas meminta imbalan untuk mempercepat paspor.',
  contact: { name: 'Dewi Lestari', phone: '+6281299988877' },
  ...overrides,
});

async function submit(overrides: Record<string, unknown> = {}, as = token): Promise<{ complaintId: string; trackingNumber: string }> {
  const r = await call('submitComplaint', submission(overrides), as);
  expect(r).toMatchObject({ ok: true });
  return r['response'] as { complaintId: string; trackingNumber: string };
}

/** The complaint once the read model shows it (in `status`, if given). */
function shown(complaintId: string, as = token, status?: string): Promise<ComplaintJson> {
  return eventually(async () => {
    const r = await call('getComplaint', { complaintId }, as);
    const complaint = r.ok ? (r['response'] as { complaint: ComplaintJson }).complaint : undefined;
    return complaint && (!status || complaint.status === status) ? complaint : undefined;
  }, 30_000, `complaint ${complaintId}${status ? ` to be ${status}` : ''} in the read model`);
}

const detail = (r: Result, type: string) => r.details?.find((d) => d['@type'] === `type.googleapis.com/google.rpc.${type}`);

beforeAll(async () => {
  stack = await startPlatformStack();
  sop = await new SopOverRest(stack, office).setUp();
  token = addClient(office);
  otherToken = addClient(other);
  client = new GrpcClientProcess();
  // Fourteen operator commands (each its own process) after a whole stack.
}, 240_000);

afterAll(async () => {
  await client?.close();
  if (!stack) return;
  const codes = await stack.stop();
  expect(Object.values(codes).every((c) => c === 0)).toBe(true);
  await stack.dispose();
});

describe('health checking and reflection', () => {
  it('answers SERVING for the server and for the API once the gateway is ready', async () => {
    expect(await client.send({ op: 'health' })).toMatchObject({ ok: true, status: 'SERVING' });
    expect(await client.send({ op: 'health', service: 'pengaduan.v1.OfficeComplaintsService' })).toMatchObject({ ok: true, status: 'SERVING' });
    expect(await client.send({ op: 'health', service: 'no.such.Service' })).toMatchObject({ ok: false, codeName: 'NOT_FOUND' });
  });

  it('lists the API over server reflection and describes its methods', async () => {
    const listed = await client.send({ op: 'reflection' });
    expect(listed['services']).toContain('pengaduan.v1.OfficeComplaintsService');
    const described = await client.send({ op: 'reflection', symbol: 'pengaduan.v1.OfficeComplaintsService' });
    const files = described['files'] as { name: string; services: { name: string; methods: string[] }[] }[];
    expect(files.find((f) => f.name === 'pengaduan/v1/service.proto')?.services[0]).toEqual({
      name: 'OfficeComplaintsService',
      methods: ['SubmitComplaint', 'GetComplaint', 'ListComplaints', 'TransferComplaint', 'SubscribeComplaintEvents'],
    });
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['pengaduan/v1/messages.proto', 'google/protobuf/timestamp.proto']));
  });
});

describe('authentication', () => {
  it('refuses a call without a token, with an unknown one and with a malformed one as UNAUTHENTICATED', async () => {
    const missing = await call('listComplaints', {}, null);
    expect(missing).toMatchObject({ ok: false, codeName: 'UNAUTHENTICATED' });
    expect(detail(missing, 'ErrorInfo')).toMatchObject({ reason: 'AUTH_MISSING_TOKEN', domain: 'pengaduan.gateway' });
    const forged = `pgd_oc_${randomUUID().replace(/-/g, '')}_${'A'.repeat(43)}`;
    for (const wrong of [forged, `${token.slice(0, -4)}AAAA`, 'not-a-token']) {
      const r = await call('listComplaints', {}, wrong);
      expect(r).toMatchObject({ ok: false, codeName: 'UNAUTHENTICATED' });
      expect(detail(r, 'ErrorInfo')).toMatchObject({ reason: 'AUTH_INVALID_TOKEN' });
    }
    const sub = await client.send({ op: 'subscribe', token: 'nope', request: {}, count: 1, timeoutMs: 5_000 });
    expect(sub).toMatchObject({ ok: false, codeName: 'UNAUTHENTICATED' });
  });
});

describe('submitting and reading complaints', () => {
  it('submits a complaint received elsewhere, idempotently, and reads it by id and by tracking number without personal data', async () => {
    const request = submission();
    const first = await call('submitComplaint', request);
    const retry = await call('submitComplaint', request);
    expect(first).toMatchObject({ ok: true, response: { status: 'RECEIVED', officeCode: office } });
    expect(retry['response']).toEqual(first['response']);
    const { complaintId, trackingNumber } = first['response'] as { complaintId: string; trackingNumber: string };
    expect(trackingNumber).toMatch(new RegExp(`^${office}-\\d{4}-\\d{6}$`));

    const byId = await shown(complaintId);
    expect(byId).toMatchObject({ complaintId, officeCode: office, trackingNumber, channel: 'CHANNEL_REGIONAL_OFFICE', status: 'RECEIVED', forwardedByOfficeCode: office, eventCount: expect.any(Number), version: 1 });
    const byNumber = await call('getComplaint', { trackingNumber });
    // The same complaint; the SLA monitor's deadline event may have been projected in between.
    const { eventCount: _n1, updatedAt: _u1, ...sameById } = byId as ComplaintJson & { eventCount?: number; updatedAt?: string };
    const { eventCount: _n2, updatedAt: _u2, ...sameByNumber } = (byNumber['response'] as { complaint: ComplaintJson & { eventCount?: number; updatedAt?: string } }).complaint;
    expect(sameByNumber).toEqual(sameById);
    const wire = JSON.stringify(byId);
    for (const personal of ['Dewi', '+6281299988877', 'imbalan']) expect(wire).not.toContain(personal);

    const reused = await call('submitComplaint', { ...request, text: 'Aduan lain dengan kunci yang sama.' });
    expect(reused).toMatchObject({ ok: false, codeName: 'ALREADY_EXISTS' });
  });

  it('answers INVALID_ARGUMENT naming each bad field of the request, its own and intake\'s', async () => {
    const r = await call('submitComplaint', submission({ requestId: '', officeCode: 'blp', channel: 'CHANNEL_PHONE', text: '  ' }));
    expect(r).toMatchObject({ ok: false, codeName: 'INVALID_ARGUMENT' });
    expect(detail(r, 'BadRequest')?.fieldViolations?.map((v) => v.field)).toEqual(['request_id', 'office_code', 'channel', 'text']);
    expect(detail(r, 'ErrorInfo')).toMatchObject({ reason: 'REQUEST_INVALID', metadata: { code: 'REQUEST.INVALID' } });

    const intakes = await call('submitComplaint', submission({ contact: { phone: 'call me', email: 'not-an-address' } }));
    expect(intakes).toMatchObject({ ok: false, codeName: 'INVALID_ARGUMENT' });
    expect(detail(intakes, 'BadRequest')?.fieldViolations?.map((v) => v.field)).toEqual(['contact.phone', 'contact.email']);

    const get = await call('getComplaint', {});
    expect(detail(get, 'BadRequest')?.fieldViolations?.map((v) => v.field)).toEqual(['key']);
    const list = await call('listComplaints', { statuses: ['OPEN'], pageSize: 500, pageToken: 'garbage' });
    expect(detail(list, 'BadRequest')?.fieldViolations?.map((v) => v.field)).toEqual(['statuses[0]', 'page_size', 'page_token']);
  });

  it("lists the office's complaints by state and period, a page at a time", async () => {
    const since = new Date(Date.now() - 1_000).toISOString();
    const received = await submit();
    const confirmed = await submit();
    await shown(received.complaintId);
    await shown(confirmed.complaintId);
    await sop.act('admin', confirmed.complaintId, 'confirm', confirmBody, 'CONFIRMED');
    await shown(confirmed.complaintId, token, 'CONFIRMED');

    const ids = async (request: Record<string, unknown>) => {
      const r = await call('listComplaints', request);
      expect(r).toMatchObject({ ok: true });
      const response = r['response'] as { complaints?: ComplaintJson[]; nextPageToken?: string };
      return { ids: (response.complaints ?? []).map((c) => c.complaintId), next: response.nextPageToken };
    };
    const receivedOnes = await ids({ statuses: ['RECEIVED'], receivedFrom: since });
    expect(receivedOnes.ids).toContain(received.complaintId);
    expect(receivedOnes.ids).not.toContain(confirmed.complaintId);
    expect((await ids({ officeCode: office, statuses: ['CONFIRMED'], receivedFrom: since })).ids).toEqual([confirmed.complaintId]);
    expect((await ids({ receivedTo: since })).ids).not.toContain(received.complaintId);

    // Newest first, a page of one, then the next with the token.
    const first = await ids({ receivedFrom: since, pageSize: 1 });
    expect(first.ids).toEqual([confirmed.complaintId]);
    const second = await ids({ receivedFrom: since, pageSize: 1, pageToken: first.next });
    expect(second.ids).toEqual([received.complaintId]);
    const otherFilter = await call('listComplaints', { statuses: ['RECEIVED'], pageSize: 1, pageToken: first.next });
    expect(otherFilter).toMatchObject({ ok: false, codeName: 'INVALID_ARGUMENT' });
  });

  it("keeps another office's complaints hidden: NOT_FOUND to read, PERMISSION_DENIED to list or follow", async () => {
    const theirs = await submit({ officeCode: other }, otherToken);
    await shown(theirs.complaintId, otherToken);
    expect(await call('getComplaint', { complaintId: theirs.complaintId })).toMatchObject({ ok: false, codeName: 'NOT_FOUND' });
    expect(await call('getComplaint', { trackingNumber: theirs.trackingNumber })).toMatchObject({ ok: false, codeName: 'NOT_FOUND' });
    const list = await call('listComplaints', { officeCode: other });
    expect(list).toMatchObject({ ok: false, codeName: 'PERMISSION_DENIED' });
    expect(detail(list, 'ErrorInfo')).toMatchObject({ reason: 'AUTH_OUT_OF_OFFICE_SCOPE' });
    expect(await client.send({ op: 'subscribe', token, request: { officeCode: other }, count: 1, timeoutMs: 5_000 })).toMatchObject({ ok: false, codeName: 'PERMISSION_DENIED' });
    // Nor can it be transferred by the office it is not of.
    expect(await call('transferComplaint', { requestId: randomUUID(), complaintId: theirs.complaintId, targetOfficeCode: 'BLP' })).toMatchObject({ ok: false, codeName: 'NOT_FOUND' });
  });
});

describe('transferring a complaint to the office it belongs to', () => {
  it('dismisses the original as not its authority and gives the target office a linked complaint with the same messages and contact; both timelines show it', async () => {
    const original = await submit();
    await shown(original.complaintId);
    const request = { requestId: randomUUID(), complaintId: original.complaintId, targetOfficeCode: other, note: 'Lokasi kejadian di wilayah kantor tujuan.' };
    const r = await call('transferComplaint', request);
    expect(r).toMatchObject({ ok: true, response: { complaintId: original.complaintId, status: 'DISMISSED', targetOfficeCode: other } });
    const { newComplaintId, newTrackingNumber } = r['response'] as { newComplaintId: string; newTrackingNumber: string };
    expect(newTrackingNumber).toMatch(new RegExp(`^${other}-\\d{4}-\\d{6}$`));
    expect((await call('transferComplaint', request))['response']).toEqual(r['response']);

    const received = await shown(newComplaintId, otherToken);
    // The two complaints' events travel on their own partitions: the link shows once both are in.
    const dismissed = await eventually(async () => {
      const view = await shown(original.complaintId, token, 'DISMISSED');
      return view['transferredToComplaintId'] ? view : undefined;
    }, 30_000, 'the original to link to the new complaint');
    expect(dismissed).toMatchObject({ transferredToComplaintId: newComplaintId, dismissal: { reason: 'DISMISSAL_REASON_NOT_OUR_AUTHORITY', belongsTo: other } });
    expect(received).toMatchObject({
      officeCode: other,
      trackingNumber: newTrackingNumber,
      status: 'RECEIVED',
      channel: 'CHANNEL_REGIONAL_OFFICE',
      forwardedByOfficeCode: office,
      transferredFromComplaintId: original.complaintId,
    });
    // The office that handed it over no longer sees it; the one that has it does.
    expect(await call('getComplaint', { complaintId: newComplaintId })).toMatchObject({ ok: false, codeName: 'NOT_FOUND' });

    // intake holds the same text and a contact for the new complaint (sealed under its own reference).
    const schema = stack.schemas['intake'];
    const rows = await sql<{ complaint_id: string; text: string; reporter_ref: string }>(
      `SELECT m.complaint_id, m.text, c.reporter_ref FROM "${schema}".complaint_message m JOIN "${schema}".complaint c ON c.id = m.complaint_id
        WHERE m.complaint_id = ANY($1::uuid[]) ORDER BY m.sequence`,
      [[original.complaintId, newComplaintId]],
    );
    const byComplaint = (id: string) => rows.filter((row) => row.complaint_id === id);
    expect(byComplaint(newComplaintId).map((m) => m.text)).toEqual(byComplaint(original.complaintId).map((m) => m.text));
    const contacts = await sql<{ reporter_ref: string }>(`SELECT reporter_ref FROM "${schema}".reporter_contact WHERE reporter_ref = $1`, [byComplaint(newComplaintId)[0].reporter_ref]);
    expect(contacts).toHaveLength(1);
    expect(byComplaint(newComplaintId)[0].reporter_ref).not.toBe(byComplaint(original.complaintId)[0].reporter_ref);

    // Both offices' officers see the transfer in the timelines.
    // The original's timeline, as its office's officers read it over REST …
    const dismissal = await eventually(async () => {
      const t = await sop.call('GET', `/complaints/${original.complaintId}/timeline`, 'admin');
      return (t.body['events'] as { type: string; summary: string }[] | undefined)?.find((e) => e.type === 'complaint.dismissed');
    }, 30_000, 'the dismissal in the timeline');
    expect(dismissal.summary).toBe(`Aduan tidak diproses: bukan kewenangan kantor, kewenangan kantor ${other}`);
    // … and the new complaint's, as the target office's system follows it.
    const theirs = await client.send({ op: 'subscribe', token: otherToken, request: {}, until: { complaintId: newComplaintId, type: 'complaint.received' }, timeoutMs: 30_000 });
    expect(theirs).toMatchObject({ ok: true, ended: 'until' });
    const receipt = (theirs['events'] as EventJson[]).map((e) => e.event).find((e) => e.complaintId === newComplaintId);
    expect(receipt).toMatchObject({
      type: 'complaint.received',
      officeCode: other,
      sequence: 1,
      summary: `Aduan diterima melalui REGIONAL_OFFICE, nomor ${newTrackingNumber}, dialihkan dari kantor ${office} (aduan ${original.complaintId})`,
    });
  });

  it('refuses to transfer a confirmed complaint with FAILED_PRECONDITION and its state, and a transfer to its own office with INVALID_ARGUMENT', async () => {
    const { complaintId } = await submit();
    await shown(complaintId);
    await sop.act('admin', complaintId, 'confirm', confirmBody, 'CONFIRMED');
    const r = await call('transferComplaint', { requestId: randomUUID(), complaintId, targetOfficeCode: other });
    expect(r).toMatchObject({ ok: false, codeName: 'FAILED_PRECONDITION' });
    expect(detail(r, 'ErrorInfo')).toMatchObject({ reason: 'COMPLAINT_ILLEGAL_TRANSITION', metadata: { state: 'CONFIRMED' } });
    expect(detail(r, 'PreconditionFailure')).toBeDefined();

    const own = await call('transferComplaint', { requestId: randomUUID(), complaintId, targetOfficeCode: office });
    expect(detail(own, 'BadRequest')?.fieldViolations?.map((v) => v.field)).toEqual(['target_office_code']);
  });

  it('transfers only the version the caller read: ABORTED with the version it has when the complaint moved past it (docs/adr/0033)', async () => {
    const { complaintId } = await submit();
    expect(await shown(complaintId)).toMatchObject({ version: 1 });
    await sop.act('admin', complaintId, 'confirm', confirmBody, 'CONFIRMED');
    const stale = await call('transferComplaint', { requestId: randomUUID(), complaintId, targetOfficeCode: other, expectedVersion: 1 });
    expect(stale).toMatchObject({ ok: false, codeName: 'ABORTED' });
    expect(detail(stale, 'ErrorInfo')).toMatchObject({ reason: 'COMPLAINT_VERSION_CONFLICT', metadata: { state: 'CONFIRMED' } });

    const fresh = await submit();
    await shown(fresh.complaintId);
    const moved = await call('transferComplaint', { requestId: randomUUID(), complaintId: fresh.complaintId, targetOfficeCode: other, expectedVersion: 1 });
    expect(moved).toMatchObject({ ok: true, response: { status: 'DISMISSED', version: 2 } });
  });
});

describe('following an office\'s complaint events', () => {
  it('streams the office\'s events from a position, in order, nothing of other offices, then follows new ones live', async () => {
    // Everything so far (the suite's complaints have settled by now), up to a quiet moment.
    const all = await client.send({ op: 'subscribe', token, request: { fromPosition: '0' }, count: 100_000, timeoutMs: 4_000 });
    expect(all).toMatchObject({ ok: true, ended: 'timeout' });
    const events = (all['events'] as EventJson[]).map((e) => e.event);
    expect(events.length).toBeGreaterThan(10);
    const positions = events.map((e) => BigInt(e.position));
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
    expect(new Set(events.map((e) => e.officeCode))).toEqual(new Set([office]));
    // Each complaint's events come in its own timeline's order, complaint.received first.
    const byComplaint = new Map<string, number[]>();
    for (const e of events) byComplaint.set(e.complaintId, [...(byComplaint.get(e.complaintId) ?? []), e.sequence]);
    for (const sequences of byComplaint.values()) expect(sequences).toEqual(sequences.map((_, i) => i + 1));
    expect(events.find((e) => e.type === 'complaint.dismissed')?.summary).toContain(`kewenangan kantor ${other}`);

    // Resuming from a position answers exactly what came after it.
    const middle = events[Math.floor(events.length / 2)];
    const resumed = await client.send({ op: 'subscribe', token, request: { fromPosition: middle.position }, count: events.length - events.indexOf(middle) - 1, timeoutMs: 10_000 });
    expect((resumed['events'] as EventJson[]).map((e) => e.event.eventId)).toEqual(events.slice(events.indexOf(middle) + 1).map((e) => e.eventId));

    // Live: a subscription at the last position receives what happens next, of its office only.
    // It answers from the position (the server follows the timeline the same way for what is
    // recorded and what comes), so it is opened after the submissions instead of a sleep for it
    // to be open; it ends at the new complaint's receipt, not at the first event: a late event of
    // an earlier complaint (an SLA clock) may come first.
    const last = events[events.length - 1].position;
    const theirs = await submit({ officeCode: other }, otherToken);
    const mine = await submit();
    const followed = await client.send({ op: 'subscribe', token, request: { officeCode: office, fromPosition: last }, until: { complaintId: mine.complaintId, type: 'complaint.received' }, timeoutMs: 30_000 });
    expect(followed).toMatchObject({ ok: true, ended: 'until' });
    const live = (followed['events'] as EventJson[]).map((e) => e.event);
    // (Events that came in the same read as it, its SLA clock's start, may follow it.)
    expect(live.find((e) => e.complaintId === mine.complaintId && e.type === 'complaint.received')).toMatchObject({ officeCode: office, sequence: 1 });
    expect(live.every((e) => e.officeCode === office && e.complaintId !== theirs.complaintId && BigInt(e.position) > BigInt(last))).toBe(true);
  });
});

describe('shutting down', () => {
  it('ends an open subscription cleanly (OK) and exits 0, so the client resumes from its last position', async () => {
    // Open for certain before the gateway stops: its first event has come (a subscription the
    // server had not taken yet would end UNAVAILABLE, not OK).
    let streaming!: () => void;
    const opened = new Promise<void>((resolve) => (streaming = resolve));
    const open = client.send({ op: 'subscribe', token, request: { fromPosition: '0' }, timeoutMs: 60_000, progress: true }, () => streaming());
    await Promise.race([opened, open.then((r) => Promise.reject(new Error(`the subscription ended before it streamed: ${JSON.stringify(r)}`)))]);
    expect(await stack.processes['gateway'].stop()).toBe(0);
    const ended = await open;
    expect(ended).toMatchObject({ ok: true, ended: 'end' });
    expect((ended['events'] as unknown[]).length).toBeGreaterThan(0);
  });
});
