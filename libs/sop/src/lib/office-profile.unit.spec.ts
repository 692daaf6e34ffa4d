import { FIELD_RULES } from './field-rules';
import { changedOfficeProfileFields, letterheadLines, normaliseOfficeProfileFields, officeProfileViolations, type OfficeProfileFields } from './office-profile';

const BLP: OfficeProfileFields = {
  ministry: 'Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia',
  parentUnits: ['Direktorat Jenderal Imigrasi', 'Kantor Wilayah Direktorat Jenderal Imigrasi Kepulauan Riau'],
  name: 'Kantor Imigrasi Kelas II TPI Belakang Padang',
  address: 'Jl. Hang Tuah No. 1, Belakang Padang, Kota Batam',
  city: 'Belakang Padang',
  phone: '(0778) 311234',
  email: 'kanim.belakangpadang@imigrasi.go.id',
  website: 'https://belakangpadang.imigrasi.go.id',
};

describe("the office's profile as the head of office edits it", () => {
  it('accepts a complete profile, and one without phone, e-mail, website or parent units', () => {
    expect(officeProfileViolations(BLP)).toEqual([]);
    const { phone: _p, email: _e, website: _w, ...bare } = BLP;
    expect(officeProfileViolations({ ...bare, parentUnits: [] })).toEqual([]);
  });

  it('names every field that breaks its rule: blank, too long, more than one line, control characters, bad formats', () => {
    const violations = officeProfileViolations({
      ...BLP,
      ministry: '   ',
      name: 'x'.repeat(FIELD_RULES.officeName.maxLength + 1),
      address: 'Jl. Hang Tuah\nBelakang Padang',
      city: 'Belakang\u0000Padang',
      parentUnits: ['Direktorat Jenderal Imigrasi', ''],
      phone: 'telepon kantor',
      email: 'kanim@',
      website: 'javascript:alert(1)',
    });
    expect(violations.map((v) => v.field)).toEqual(['ministry', 'name', 'address', 'city', 'parentUnits[1]', 'phone', 'email', 'website']);
    expect(officeProfileViolations({ ...BLP, parentUnits: Array.from({ length: 6 }, (_, i) => `Unit ${i}`) }).map((v) => v.field)).toEqual(['parentUnits']);
    expect(officeProfileViolations({ name: 1, ministry: null, parentUnits: 'x' }).map((v) => v.field)).toEqual(['ministry', 'name', 'address', 'city', 'parentUnits']);
  });

  it('keeps the texts trimmed and leaves an empty phone, e-mail or website out', () => {
    expect(normaliseOfficeProfileFields({ ...BLP, name: '  Kantor Imigrasi Batam ', parentUnits: [' Ditjen '], phone: ' ', email: '', website: undefined })).toEqual({
      ministry: BLP.ministry,
      parentUnits: ['Ditjen'],
      name: 'Kantor Imigrasi Batam',
      address: BLP.address,
      city: BLP.city,
    });
  });

  it('tells which fields changed, none for the same content', () => {
    expect(changedOfficeProfileFields(BLP, { ...BLP })).toEqual([]);
    expect(changedOfficeProfileFields(BLP, { ...BLP, address: 'Jl. Baru', phone: undefined, parentUnits: [...BLP.parentUnits].reverse() })).toEqual(['parentUnits', 'address', 'phone']);
  });

  it('prints the letterhead top down: ministry, parent units and office in capitals, then the contact line', () => {
    expect(letterheadLines(BLP)).toEqual({
      ministry: 'KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA',
      parentUnits: ['DIREKTORAT JENDERAL IMIGRASI', 'KANTOR WILAYAH DIREKTORAT JENDERAL IMIGRASI KEPULAUAN RIAU'],
      office: 'KANTOR IMIGRASI KELAS II TPI BELAKANG PADANG',
      contact: 'Jl. Hang Tuah No. 1, Belakang Padang, Kota Batam; Telepon (0778) 311234; Pos-el kanim.belakangpadang@imigrasi.go.id; Laman https://belakangpadang.imigrasi.go.id',
    });
    expect(letterheadLines({ ...BLP, address: '', phone: undefined, email: undefined, website: undefined }).contact).toBe('');
  });
});
