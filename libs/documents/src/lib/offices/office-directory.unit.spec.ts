import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfficeDirectory } from './office-directory';

const dir = mkdtempSync(join(tmpdir(), 'office-profiles-'));
let files = 0;
function profilesFile(content: unknown): string {
  const file = join(dir, `offices-${++files}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function errorOf(fn: () => unknown): Error & { code?: string; field?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('OfficeDirectory', () => {
  it('knows Kantor Imigrasi Kelas II TPI Belakang Padang (BLP) out of the box', () => {
    const blp = OfficeDirectory.load().profileOf('BLP');
    expect(blp).toMatchObject({
      code: 'BLP',
      name: 'Kantor Imigrasi Kelas II TPI Belakang Padang',
      ministry: 'Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia',
      city: 'Belakang Padang',
    });
    expect(blp.parentUnits).toEqual(['Direktorat Jenderal Imigrasi', 'Kantor Wilayah Direktorat Jenderal Imigrasi Kepulauan Riau']);
    expect(blp.legalBasis[0]).toBe('Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik');
    expect(blp.legalBasis.some((b) => b.includes('Nomor 76 Tahun 2013'))).toBe(true);
    expect(blp.legalBasis.some((b) => b.includes('Nomor 5 Tahun 2025'))).toBe(true);
    expect(OfficeDirectory.load().codes()).toEqual(['BLP']);
  });

  it('gives an office without a profile the template with its code filled in, so its documents never fail', () => {
    const tbk = OfficeDirectory.load().profileOf('TBK');
    expect(tbk).toMatchObject({ code: 'TBK', name: 'Kantor Imigrasi TBK', ministry: 'Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia' });
    expect(tbk.legalBasis.length).toBeGreaterThan(0);
    expect(OfficeDirectory.load().codes()).not.toContain('TBK');
  });

  it('merges an office file over the built-in profiles: overrides BLP, adds BTM, changes the template', () => {
    const offices = OfficeDirectory.load(
      profilesFile({
        $comment: 'offices of Kepulauan Riau',
        '*': { ministry: 'Kementerian Contoh Republik Indonesia', website: 'https://{code}.imigrasi.example' },
        BLP: { address: 'Jl. Contoh No. 1, Belakang Padang', phone: '(0778) 000000' },
        BTM: { name: 'Kantor Imigrasi Kelas I Khusus TPI Batam', city: 'Batam', parentUnits: ['Direktorat Jenderal Imigrasi'] },
      }),
    );
    expect(offices.codes()).toEqual(['BLP', 'BTM']);
    expect(offices.profileOf('BLP')).toMatchObject({
      name: 'Kantor Imigrasi Kelas II TPI Belakang Padang',
      address: 'Jl. Contoh No. 1, Belakang Padang',
      phone: '(0778) 000000',
      ministry: 'Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia', // its own, not the template's
    });
    expect(offices.profileOf('BTM')).toMatchObject({ code: 'BTM', name: 'Kantor Imigrasi Kelas I Khusus TPI Batam', city: 'Batam', ministry: 'Kementerian Contoh Republik Indonesia', website: 'https://BTM.imigrasi.example' });
    expect(offices.profileOf('TBK')).toMatchObject({ name: 'Kantor Imigrasi TBK', ministry: 'Kementerian Contoh Republik Indonesia' });
  });

  it('hands out profiles that cannot be changed by a caller', () => {
    const offices = OfficeDirectory.load();
    expect(() => (offices.profileOf('BLP').legalBasis as string[]).push('x')).toThrow();
    expect(offices.profileOf('BLP').legalBasis).not.toContain('x');
  });

  it('names the file when it cannot be read or is not JSON', () => {
    const missing = join(dir, 'missing.json');
    expect(errorOf(() => OfficeDirectory.load(missing)).message).toContain(missing);
    const broken = profilesFile('{ "BLP": ');
    expect(errorOf(() => OfficeDirectory.load(broken))).toMatchObject({ code: 'DOCUMENT.INVALID_OFFICE_PROFILES', message: expect.stringContaining(`${broken} is not valid JSON`) });
  });

  it.each([
    [{ BLP: { legalBasis: ['UU 25/2009', 7] } }, 'BLP.legalBasis[1]'],
    [{ BLP: { nama: 'Kanim' } }, 'BLP.nama'],
    [{ BLP: { name: '' } }, 'BLP.name'],
    [{ BLP: { code: 'BTM' } }, 'BLP.code'],
    [{ BTM: { parentUnits: 'Direktorat Jenderal Imigrasi' } }, 'BTM.parentUnits'],
    [{ BTM: { legalBasis: [] } }, 'BTM.legalBasis'],
    [{ '*': { phone: 62778 } }, '*.phone'],
    [{ BTM: 'Kantor Imigrasi Batam' }, 'BTM'],
  ])('names the field of an invalid profile: %j', (content, field) => {
    const file = profilesFile(content);
    const e = errorOf(() => OfficeDirectory.load(file));
    expect(e).toMatchObject({ code: 'DOCUMENT.INVALID_OFFICE_PROFILES', field });
    expect(e.message).toContain(file);
    expect(e.message).toContain(field);
  });

  it('refuses a file that is not an object keyed by office code', () => {
    expect(errorOf(() => OfficeDirectory.load(profilesFile([{ code: 'BLP' }]))).message).toMatch(/must be an object keyed by office code/);
  });

  it('refuses an empty office code', () => {
    expect(() => OfficeDirectory.load().profileOf('')).toThrow(expect.objectContaining({ code: 'DOCUMENT.INVALID_INPUT' }));
  });

  it('loads the example file of the README (docs/office-profiles.example.json)', () => {
    const offices = OfficeDirectory.load(join(__dirname, '../../../../../docs/office-profiles.example.json'));
    expect(offices.profileOf('BLP')).toMatchObject({ name: 'Kantor Imigrasi Kelas II TPI Belakang Padang', email: 'kanim.belakangpadang@example.go.id' });
    expect(offices.profileOf('TPI')).toMatchObject({ city: 'Tanjung Pinang', legalBasis: expect.arrayContaining([expect.stringContaining('Nomor 25 Tahun 2009')]) });
  });
});
