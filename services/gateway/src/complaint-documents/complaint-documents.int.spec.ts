import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Channel, ComplaintDocumentsService, IntakeService } from '@pengaduan/contracts';
import { ServiceError, type MethodsOf } from '@pengaduan/runtime';
import { createHash } from 'node:crypto';
import { ComplaintHistory } from '@pengaduan/testing';
import { api, isolate, removeIsolation, StandIn, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';

// The gateway's side of the documents, messages and dashboard: documents listed from the read
// model (the hashes the events carry), bytes fetched from the producing service (a stand-in on
// real gRPC here) and served only when they match; messages from intake; figures from the read model.

const sheet = Buffer.from('%PDF-1.3\n… Lembar Disposisi LD/BLP/2026/000001 …\n%%EOF\n');
const sheetSha = createHash('sha256').update(sheet).digest('hex');
const report = Buffer.from('%PDF-1.3\n… Laporan Aduan …\n%%EOF\n');
const reportSha = createHash('sha256').update(report).digest('hex');

let isolation: GatewayIsolation;
let gateway: TestGateway;
let producer: StandIn<MethodsOf<typeof ComplaintDocumentsService>>;
let intake: StandIn<MethodsOf<typeof IntakeService>>;
let kakan: string;
let otherOffice: string;
const history = new ComplaintHistory({
  officeCode: 'BLP',
  channel: 'WHATSAPP',
  start: new Date('2026-11-30T01:00:00Z'),
  documentHashes: { 'complaint.received': reportSha, 'complaint.disposed': sheetSha },
});

beforeAll(async () => {
  isolation = await isolate();
  // One stand-in serves the documents of every producer: the gateway asks the owner of each kind.
  producer = await new StandIn(ComplaintDocumentsService).start();
  intake = await new StandIn(IntakeService).start();
  gateway = await startGateway({ intake: intake.address, disposition: producer.address }, isolation, { clock: { now: () => new Date('2026-11-30T20:00:00Z') } });
  kakan = (await gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'BLP' })).token;
  otherOffice = (await gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'TPI' })).token;
  await gateway.seed(...history.received(), ...history.confirmed(), ...history.disposedTo(['INTELDAKIM']));
});

afterAll(async () => {
  await gateway?.stop();
  await producer?.stop();
  await intake?.stop();
  await removeIsolation(isolation);
});

beforeEach(() => {
  producer.reset();
  intake.reset();
});

describe("a complaint's documents", () => {
  it('lists the documents the events recorded, in SOP order, with their numbers and hashes', async () => {
    const res = await api(gateway, kakan).get(`/complaints/${history.complaintId}/documents`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      documents: [
        {
          kind: 'LAPORAN_ADUAN',
          title: 'Laporan Aduan',
          number: `LA/${history.trackingNumber.replace(/-/g, '/')}`,
          sha256: reportSha,
          at: expect.any(String),
          url: `/api/v1/complaints/${history.complaintId}/documents/LAPORAN_ADUAN`,
        },
        expect.objectContaining({ kind: 'LEMBAR_DISPOSISI', title: 'Lembar Disposisi', number: 'LD/BLP/2026/000001', sha256: sheetSha }),
      ],
    });
  });

  it('serves the PDF from its producer, with the hash its event carries', async () => {
    producer.answers.getDocument = (r) => ({
      kind: r.kind,
      number: 'LD/BLP/2026/000001',
      title: 'Lembar Disposisi',
      fileName: 'LD-BLP-2026-000001.pdf',
      mediaType: 'application/pdf',
      sha256: sheetSha,
      content: sheet,
      issuedAt: timestampFromDate(history.now),
    });
    const res = await api(gateway, kakan).get(`/complaints/${history.complaintId}/documents/LEMBAR_DISPOSISI`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="LD-BLP-2026-000001.pdf"');
    expect(res.headers.get('x-document-sha256')).toBe(sheetSha);
    expect(Buffer.from(await res.arrayBuffer()).equals(sheet)).toBe(true);
    const [asked] = producer.requests('getDocument');
    expect(asked).toMatchObject({ complaintId: history.complaintId, kind: 'LEMBAR_DISPOSISI', actor: { role: 'KEPALA_KANTOR', officeCode: 'BLP', displayName: 'Test KEPALA_KANTOR' } });
  });

  it('refuses to serve bytes that do not match the hash the event carries', async () => {
    const altered = Buffer.from(sheet);
    altered[12] ^= 1;
    producer.answers.getDocument = (r) => ({ kind: r.kind, number: 'LD/BLP/2026/000001', title: 'Lembar Disposisi', fileName: 'x.pdf', mediaType: 'application/pdf', sha256: sheetSha, content: altered });
    const res = await api(gateway, kakan).get(`/complaints/${history.complaintId}/documents/LEMBAR_DISPOSISI`);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.text()).not.toContain(sheetSha);
  });

  it('answers 404 for a document not produced yet, without asking the producer', async () => {
    const res = await api(gateway, kakan).get(`/complaints/${history.complaintId}/documents/ANALISIS_ADUAN`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'DOCUMENT.NOT_FOUND' });
    expect(producer.calls).toHaveLength(0);
  });

  it('answers 400 for an unknown kind and 404 for another office', async () => {
    const bad = await api(gateway, kakan).get(`/complaints/${history.complaintId}/documents/SURAT_CINTA`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'REQUEST.INVALID', errors: [expect.objectContaining({ field: 'kind' })] });
    expect((await api(gateway, otherOffice).get(`/complaints/${history.complaintId}/documents`)).status).toBe(404);
    expect((await api(gateway, otherOffice).get(`/complaints/${history.complaintId}/documents/LEMBAR_DISPOSISI`)).status).toBe(404);
    expect(producer.calls).toHaveLength(0);
  });

  it("passes the producer's NOT_FOUND on as 404", async () => {
    producer.answers.getDocument = () => {
      throw new ServiceError('not-found', 'DOCUMENT.NOT_FOUND', 'no such document');
    };
    const res = await api(gateway, kakan).get(`/complaints/${history.complaintId}/documents/LEMBAR_DISPOSISI`);
    expect(res.status).toBe(404);
    expect(producer.requests('getDocument')).toHaveLength(1);
  });
});

describe("a complaint's messages", () => {
  it("shows intake's messages and whether WhatsApp's 24-hour window is still open", async () => {
    intake.answers.getComplaint = (r) => ({
      complaint: {
        complaintId: r.complaintId,
        officeCode: 'BLP',
        trackingNumber: history.trackingNumber,
        channel: Channel.WHATSAPP,
        status: 'DISPOSED',
        text: 'Saya dimintai uang tambahan.',
        messages: [
          { messageId: 'm1', channel: Channel.WHATSAPP, receivedAt: timestampFromDate(new Date('2026-11-30T01:00:00Z')), text: 'Saya dimintai uang tambahan.', attachmentCount: 1 },
          { messageId: 'm2', channel: Channel.WHATSAPP, receivedAt: timestampFromDate(new Date('2026-11-30T03:00:00Z')), text: 'Ini fotonya.', attachmentCount: 0 },
        ],
        reporterRef: 'rep_x',
        contact: { name: 'Rudi', phone: '+6281355566677' },
        contactRedacted: false,
        anonymous: false,
        confidential: false,
      },
    });
    const res = await api(gateway, kakan).get(`/complaints/${history.complaintId}/messages`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      text: 'Saya dimintai uang tambahan.',
      messages: [
        { messageId: 'm1', channel: 'WHATSAPP', receivedAt: '2026-11-30T01:00:00.000Z', text: 'Saya dimintai uang tambahan.', attachmentCount: 1 },
        { messageId: 'm2', channel: 'WHATSAPP', receivedAt: '2026-11-30T03:00:00.000Z', text: 'Ini fotonya.', attachmentCount: 0 },
      ],
      // The head of office reads no contact without breaking the glass (docs/adr/0029), even if intake answered one.
      contact: null,
      contactWithheld: true,
      contactRestricted: false,
      personalDataErased: false,
      contactRedacted: false,
      contactPurpose: null,
      contactPurposes: ['BREAK_GLASS'],
      // The clock says 20:00Z: 17 hours after the last message, the window is open until 03:00Z.
      replyWindow: { channel: 'WHATSAPP', lastMessageAt: '2026-11-30T03:00:00.000Z', closesAt: '2026-12-01T03:00:00.000Z', open: true },
    });
    expect(intake.requests('getComplaint')[0]).toMatchObject({ complaintId: history.complaintId, actor: { role: 'KEPALA_KANTOR', officeCode: 'BLP' } });
    expect(intake.requests('getComplaint')[0]?.contactPurpose).toBeUndefined();
  });

  it('says the window has closed once 24 hours have passed, and shows a redacted contact as null', async () => {
    intake.answers.getComplaint = (r) => ({
      complaint: {
        complaintId: r.complaintId,
        officeCode: 'BLP',
        trackingNumber: history.trackingNumber,
        channel: Channel.WHATSAPP,
        status: 'DISPOSED',
        text: 't',
        messages: [{ messageId: 'm1', channel: Channel.WHATSAPP, receivedAt: timestampFromDate(new Date('2026-11-29T19:59:00Z')), text: 't', attachmentCount: 0 }],
        reporterRef: 'rep_x',
        contactRedacted: true,
        anonymous: true,
        confidential: false,
      },
    });
    const body = (await (await api(gateway, kakan).get(`/complaints/${history.complaintId}/messages`)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ contact: null, contactWithheld: true, contactRedacted: true, replyWindow: { open: false, closesAt: '2026-11-30T19:59:00.000Z' } });
  });

  it('answers 404 for another office without asking intake', async () => {
    expect((await api(gateway, otherOffice).get(`/complaints/${history.complaintId}/messages`)).status).toBe(404);
    expect(intake.calls).toHaveLength(0);
  });
});

describe('the dashboard', () => {
  it("counts the office's complaints by channel, classification and status, and SLA compliance per day", async () => {
    const sms = new ComplaintHistory({ officeCode: 'BLP', channel: 'SMS', start: new Date('2026-11-29T02:00:00Z') });
    const confirm = sms.received();
    const deadline = sms.deadlineStarted();
    await gateway.seed(...confirm, deadline.started, ...sms.confirmed('02'), deadline.stopped({ at: new Date('2026-11-29T04:00:00Z') }));
    const res = await api(gateway, kakan).get('/dashboard?from=2026-11-28T17:00:00Z&to=2026-11-30T17:00:00Z&bucket=day');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      bucket: 'day',
      total: 2,
      byChannel: expect.arrayContaining([
        { channel: 'WHATSAPP', count: 1 },
        { channel: 'SMS', count: 1 },
      ]),
      byClassification: expect.arrayContaining([
        { classificationCode: '03', count: 1 },
        { classificationCode: '02', count: 1 },
      ]),
      byStatus: expect.arrayContaining([
        { status: 'DISPOSED', count: 1 },
        { status: 'CONFIRMED', count: 1 },
      ]),
      // Two WIB days: 29 Nov (the SMS complaint's confirmation, on time) and 30 Nov (nothing settled).
      slaOverTime: [
        { periodStart: '2026-11-29', onTime: 1, late: 0 },
        { periodStart: '2026-11-30', onTime: 0, late: 0 },
      ],
    });
    // Another office sees none of it.
    const other = (await (await api(gateway, otherOffice).get('/dashboard?from=2026-11-28T17:00:00Z&to=2026-11-30T17:00:00Z')).json()) as { total: number };
    expect(other.total).toBe(0);
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await api(gateway, kakan).get('/dashboard?from=2026-11-30T00:00:00Z&to=2026-11-29T00:00:00Z');
    expect(res.status).toBe(400);
  });
});
