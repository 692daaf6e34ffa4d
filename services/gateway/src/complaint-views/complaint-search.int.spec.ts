import { IntakeService } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { ComplaintHistory } from '@pengaduan/testing';
import ExcelJS from 'exceljs';
import { api, isolate, removeIsolation, StandIn, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';

// The complaint search and its export over a real socket (docs/adr/0045): the read model's
// filters, intake's full-text part (a stand-in answering as intake would), validation, and the
// files. Intake's own search is tested against Postgres in search-complaint-texts.int.spec.ts.

let isolation: GatewayIsolation;
let gateway: TestGateway;
const intake = new StandIn(IntakeService);
const tokens = { kepala: '', auditor: '', otherOffice: '' };

const at = (day: number) => new Date(Date.UTC(2028, 4, day, 3));
const histories = {
  pungli: new ComplaintHistory({ officeCode: 'BLP', channel: 'WHATSAPP', start: at(1), trackingNumber: 'BLP-2028-000201' }),
  antrean: new ComplaintHistory({ officeCode: 'BLP', channel: 'SMS', start: at(2), trackingNumber: 'BLP-2028-000202' }),
  formula: new ComplaintHistory({ officeCode: 'BLP', channel: 'PHONE', start: at(3), trackingNumber: 'BLP-2028-000203' }),
  otherOffice: new ComplaintHistory({ officeCode: 'TPI', channel: 'SMS', start: at(2), trackingNumber: 'TPI-2028-000204' }),
};
const ids = (...names: (keyof typeof histories)[]) => names.map((n) => histories[n].complaintId);
const inMay = `from=${encodeURIComponent('2028-05-01T00:00:00+07:00')}&to=${encodeURIComponent('2028-06-01T00:00:00+07:00')}`;

/** What intake's messages hold, by word: the stand-in answers the office's complaints whose messages have it. */
const MESSAGES: Record<string, string[]> = {
  pelicin: ids('pungli', 'otherOffice'),
  // Intake never answers another office's complaint; if it did, the gateway still would not show it.
  bocor: ids('otherOffice'),
};

beforeAll(async () => {
  await intake.start();
  isolation = await isolate();
  gateway = await startGateway({ intake: intake.address }, isolation);
  tokens.kepala = (await gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'BLP' })).token;
  tokens.auditor = (await gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' })).token;
  tokens.otherOffice = (await gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'TPI' })).token;
  await gateway.seed(...histories.pungli.received(), ...histories.pungli.confirmed('03', 'Dugaan pungutan di loket paspor'));
  await gateway.seed(...histories.antrean.received(), ...histories.antrean.confirmed('02', 'Antrean 100% penuh di loket 3'), ...histories.antrean.disposedTo(['INTELDAKIM', 'LANTASKIM']));
  await gateway.seed(...histories.formula.received(), ...histories.formula.confirmed('10', '=HYPERLINK("http://example.test","klik") dan -2+3'));
  await gateway.seed(...histories.otherOffice.received(), ...histories.otherOffice.confirmed('02', 'Antrean di TPI'));
});

beforeEach(() => {
  intake.reset();
  intake.answers.searchComplaintTexts = (r) => ({ complaintIds: MESSAGES[r.query.toLowerCase()] ?? [], truncated: false });
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
  await intake.stop();
});

async function list(token: string, query: string): Promise<string[]> {
  return (await api(gateway, token).json<{ items: { id: string }[] }>(`/complaints?${query}`)).items.map((v) => v.id);
}

describe('officers search their office complaints', () => {
  it("by a word of the complainant's messages, which only intake holds, asked for the officer's office", async () => {
    expect(await list(tokens.kepala, `${inMay}&q=pelicin`)).toEqual(ids('pungli'));
    const [request] = intake.requests('searchComplaintTexts');
    expect(request).toMatchObject({ query: 'pelicin', limit: 5000, actor: { role: 'KEPALA_KANTOR', officeCode: 'BLP' } });
  });

  it("never shows another office's complaint, even if intake named it", async () => {
    expect(await list(tokens.kepala, `${inMay}&q=bocor`)).toEqual([]);
    expect(await list(tokens.otherOffice, `${inMay}&q=pelicin`)).toEqual(ids('otherOffice'));
    expect(intake.requests('searchComplaintTexts').at(-1)?.actor?.officeCode).toBe('TPI');
  });

  it('by text in the tracking number or the confirmed summary, taking % and _ literally', async () => {
    expect(await list(tokens.kepala, `${inMay}&q=loket%203`)).toEqual(ids('antrean'));
    expect(await list(tokens.kepala, `${inMay}&q=000201`)).toEqual(ids('pungli'));
    expect(await list(tokens.kepala, `${inMay}&q=100%25`)).toEqual(ids('antrean'));
    expect(await list(tokens.kepala, `${inMay}&q=%25`)).toEqual(ids('antrean'));
    expect(await list(tokens.kepala, `${inMay}&q=TPI`)).toEqual([]);
  });

  it('by section, channel, classification, status and period, all together', async () => {
    expect(await list(tokens.auditor, `${inMay}&section=INTELDAKIM`)).toEqual(ids('antrean'));
    expect(await list(tokens.auditor, `${inMay}&section=PASPOR`)).toEqual([]);
    expect(await list(tokens.auditor, `${inMay}&channel=WHATSAPP&classificationCode=03&status=CONFIRMED`)).toEqual(ids('pungli'));
    expect(await list(tokens.auditor, `from=${encodeURIComponent(at(2).toISOString())}&to=${encodeURIComponent(at(3).toISOString())}`)).toEqual(ids('antrean'));
  });

  it('names each bad filter, and refuses a period that ends before it starts', async () => {
    const res = await api(gateway, tokens.kepala).get(`/complaints?section=inteldakim&channel=PIGEON&from=kemarin&q=${'x'.repeat(201)}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(['channel', 'from', 'q', 'section']);
    const backwards = await api(gateway, tokens.kepala).get(`/complaints?from=${encodeURIComponent(at(3).toISOString())}&to=${encodeURIComponent(at(2).toISOString())}`);
    expect(backwards.status).toBe(400);
    expect(await backwards.json()).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'to' }] });
    expect(intake.calls).toEqual([]);
  });

  it('answers 503 when intake cannot be asked, rather than a list without the messages', async () => {
    intake.answers.searchComplaintTexts = () => {
      throw new ServiceError('unavailable', 'UPSTREAM.UNAVAILABLE', 'down');
    };
    expect((await api(gateway, tokens.kepala).get(`/complaints?q=pelicin`)).status).toBe(503);
  });
});

describe('officers download the list', () => {
  const download = (token: string, query: string) => api(gateway, token).get(`/complaints/export?${query}`);

  it('as CSV with the same filters, an attachment, every formula made inert', async () => {
    const res = await download(tokens.kepala, `format=csv&${inMay}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="pengaduan-BLP-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith('\uFEFFNomor Registrasi,Diterima (UTC),Saluran,Status,Klasifikasi,Ringkasan,Seksi,Rahasia,Terakhir diperbarui (UTC)\r\n')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines.map((l) => l.slice(0, 15))).toEqual(['Nomor Registras', 'BLP-2028-000203', 'BLP-2028-000202', 'BLP-2028-000201']);
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://example.test"",""klik"") dan -2+3",`);
    expect(lines[2]).toContain(',"INTELDAKIM, LANTASKIM",');
    expect(text).not.toContain('TPI-2028');
  });

  it('as XLSX with the same filters, read back with the library', async () => {
    const res = await download(tokens.kepala, `format=xlsx&${inMay}&q=pelicin`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('Aduan');
    const rows = (sheet?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
    expect(rows.map((r) => r[1])).toEqual(['Nomor Registrasi', 'BLP-2028-000201']);
    expect(rows[1]?.[2]).toEqual(at(1));
    expect(rows[1]?.[6]).toBe('Dugaan pungutan di loket paspor');
  });

  it('keeps formulas out of the XLSX too', async () => {
    const res = await download(tokens.kepala, `format=xlsx&${inMay}&classificationCode=10`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const cell = workbook.getWorksheet('Aduan')?.getCell('F2');
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.value).toBe(`'=HYPERLINK("http://example.test","klik") dan -2+3`);
  });

  it('refuses an unknown format or filter, naming it, and answers 401 without a token', async () => {
    const res = await download(tokens.kepala, 'format=pdf&limit=10');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(['format', 'limit']);
    expect((await download('', 'format=csv')).status).toBe(401);
  });

  it('refuses more complaints than one export holds, telling to narrow the filters', async () => {
    await gateway.runtime.dataSource.query(
      `INSERT INTO complaint_view
       SELECT (jsonb_populate_record(v, jsonb_build_object('id', gen_random_uuid(), 'tracking_number', 'BLP-2029-' || lpad(g::text, 6, '0'), 'received_at', '2029-01-01T00:00:00Z'::timestamptz + g * interval '1 minute'))).*
         FROM complaint_view v, generate_series(1, 5001) g WHERE v.id = $1`,
      [histories.pungli.complaintId],
    );
    const in2029 = `from=${encodeURIComponent('2029-01-01T00:00:00Z')}&to=${encodeURIComponent('2030-01-01T00:00:00Z')}`;
    const res = await download(tokens.kepala, `format=csv&${in2029}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'SEARCH.EXPORT_TOO_LARGE', detail: expect.stringContaining('5001 complaints match') });
    const oneDay = await download(tokens.kepala, `format=csv&from=${encodeURIComponent('2029-01-01T00:00:00Z')}&to=${encodeURIComponent('2029-01-02T00:00:00Z')}`);
    expect(oneDay.status).toBe(200);
    expect((await oneDay.text()).trimEnd().split('\r\n')).toHaveLength(1 + 24 * 60 - 1);
  });

  it("gives another office's officer their own office's complaints only", async () => {
    const text = await (await download(tokens.otherOffice, `format=csv&${inMay}`)).text();
    expect(text).toContain('TPI-2028-000204');
    expect(text).not.toContain('BLP-2028');
  });
});
