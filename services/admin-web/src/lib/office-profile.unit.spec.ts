import { FIELD_RULES } from '@pengaduan/sop';
import { inputOf, letterheadPreview, officeProfileBody, validateOfficeProfile, type OfficeProfile, type OfficeProfileInput } from './office-profile';

const PROFILE: OfficeProfile = {
  officeCode: 'BLP',
  version: 2,
  source: 'office',
  ministry: 'Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia',
  parentUnits: ['Direktorat Jenderal Imigrasi', 'Kantor Wilayah Kepulauan Riau'],
  name: 'Kantor Imigrasi Kelas II TPI Belakang Padang',
  address: 'Jl. Hang Tuah No. 1',
  city: 'Belakang Padang',
  phone: '(0778) 311234',
};

describe("the office profile's form", () => {
  it('holds the parent units one per line and sends them as a list, blank lines and empty contacts left out', () => {
    const input = inputOf(PROFILE);
    expect(input).toMatchObject({ parentUnits: 'Direktorat Jenderal Imigrasi\nKantor Wilayah Kepulauan Riau', email: '', website: '' });
    expect(officeProfileBody({ ...input, parentUnits: ' Direktorat Jenderal Imigrasi \n\n Kantor Wilayah Kepulauan Riau\n', name: ` ${PROFILE.name} `, phone: ' ' })).toEqual({
      ministry: PROFILE.ministry,
      parentUnits: ['Direktorat Jenderal Imigrasi', 'Kantor Wilayah Kepulauan Riau'],
      name: PROFILE.name,
      address: PROFILE.address,
      city: PROFILE.city,
    });
  });

  it('refuses before sending what the gateway would refuse, field by field', () => {
    const input: OfficeProfileInput = { ...inputOf(PROFILE), name: ' ', address: 'x'.repeat(FIELD_RULES.officeAddress.maxLength + 1), phone: 'kantor', email: 'kanim@', website: 'bukan laman' };
    expect(validateOfficeProfile(input)).toEqual({
      name: { key: 'validation.required' },
      address: { key: 'validation.tooLong', params: { max: FIELD_RULES.officeAddress.maxLength, length: FIELD_RULES.officeAddress.maxLength + 1 } },
      phone: { key: 'profile.phoneFormat' },
      email: { key: 'validation.email' },
      website: { key: 'profile.websiteFormat' },
    });
    expect(validateOfficeProfile({ ...inputOf(PROFILE), parentUnits: 'a\nb\nc\nd\ne\nf' })).toEqual({ parentUnits: { key: 'profile.tooManyUnits', params: { max: 5 } } });
    expect(validateOfficeProfile(inputOf(PROFILE))).toEqual({});
  });

  it('previews the letterhead with the lines the documents print, in their order', () => {
    expect(letterheadPreview({ ...inputOf(PROFILE), address: 'Jl. Baru No. 2' })).toEqual({
      ministry: 'KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA',
      parentUnits: ['DIREKTORAT JENDERAL IMIGRASI', 'KANTOR WILAYAH KEPULAUAN RIAU'],
      office: 'KANTOR IMIGRASI KELAS II TPI BELAKANG PADANG',
      contact: 'Jl. Baru No. 2; Telepon (0778) 311234',
    });
  });
});
