import { randomOfficeCode, refusal } from '@pengaduan/testing';
import { actors, by, registerComplaint, startIntakeKit, type IntakeKit } from '../__fixtures__/intake-test-kit';
import { SearchComplaintTextsHandler } from './search-complaint-texts.handler';

let kit: IntakeKit;
let search: SearchComplaintTextsHandler;

beforeAll(async () => {
  kit = await startIntakeKit();
  search = new SearchComplaintTextsHandler(kit.runtime);
});

afterAll(async () => {
  await kit?.stop();
});

const asAdmin = (query: string, officeCode = kit.office, limit = 100) => search.execute({ role: 'ADMIN_TIKKIM', officeCode, query, limit });

describe('an officer searches the texts of their office complaints', () => {
  let pungli: string;
  let antrean: string;
  let otherOffice: string;

  beforeAll(async () => {
    pungli = await registerComplaint(kit, { text: 'Petugas meminta uang pelicin untuk pembuatan paspor anak saya.' });
    antrean = await registerComplaint(kit, { text: 'Antrean di kantor sangat panjang.' });
    await kit.append.execute({ ...by(kit, actors.admin, antrean), text: 'Loket pengambilan paspor tutup sebelum jam pelayanan selesai.' });
    otherOffice = await registerComplaint(kit, { officeCode: randomOfficeCode(), text: 'Uang pelicin diminta untuk paspor di kantor lain.' });
  });

  it('finds a complaint by a word of its report, whatever the word form (Indonesian stemming)', async () => {
    expect((await asAdmin('membuat')).complaintIds).toEqual([pungli]);
    expect((await asAdmin('PELICIN')).complaintIds).toEqual([pungli]);
  });

  it('finds a complaint by a word of a later message, newest received first', async () => {
    expect((await asAdmin('paspor')).complaintIds).toEqual([antrean, pungli]);
    expect((await asAdmin('"pengambilan paspor"')).complaintIds).toEqual([antrean]);
  });

  it("never answers another office's complaint, though its text matches", async () => {
    const found = await asAdmin('uang pelicin paspor');
    expect(found.complaintIds).toEqual([pungli]);
    expect(found.complaintIds).not.toContain(otherOffice);
  });

  it('reads SQL and tsquery syntax as words: nothing fails, nothing leaks', async () => {
    for (const query of ["paspor' OR 1=1 --", 'paspor & !antrean | (', ':* <-> \\ %_', "'; DROP TABLE complaint_message; --", '-paspor']) {
      const found = await asAdmin(query);
      expect(found.complaintIds.every((id) => [pungli, antrean].includes(id))).toBe(true);
    }
    // "or" is a web search's or; the quote, "=" and "--" are not syntax: "paspor" or "1".
    expect((await asAdmin("paspor' OR 1=1 --")).complaintIds).toEqual([antrean, pungli]);
    expect((await asAdmin("zzz' OR 'a'='a")).complaintIds).toEqual([]);
    expect((await asAdmin('paspor -anak')).complaintIds).toEqual([antrean]);
    expect((await kit.runtime.dataSource.query('SELECT count(*)::int AS n FROM complaint_message'))[0].n).toBeGreaterThan(0);
  });

  it('says when more complaints match than the limit', async () => {
    expect(await asAdmin('paspor', kit.office, 1)).toEqual({ complaintIds: [antrean], truncated: true });
    expect(await asAdmin('paspor', kit.office, 2)).toEqual({ complaintIds: [antrean, pungli], truncated: false });
  });

  it('refuses a role that may not read complaints, and empty or overlong words', async () => {
    expect(await refusal(search.execute({ role: 'PELAPOR', officeCode: kit.office, query: 'paspor', limit: 10 }))).toMatchObject({ code: 'COMPLAINT.FORBIDDEN_ROLE' });
    expect(await refusal(asAdmin('   '))).toMatchObject({ code: 'REQUEST.INVALID', details: { fieldViolations: [{ field: 'query' }] } });
    expect(await refusal(asAdmin('x'.repeat(201)))).toMatchObject({ code: 'REQUEST.INVALID' });
    expect(await refusal(asAdmin('paspor', kit.office, 0))).toMatchObject({ code: 'REQUEST.INVALID', details: { fieldViolations: [{ field: 'limit' }] } });
  });
});
