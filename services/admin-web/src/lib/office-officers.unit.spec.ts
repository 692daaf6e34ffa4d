import { memberFieldsOf, officerOptionLabel, type OfficeOfficer } from './office-officers';

const agus: OfficeOfficer = { id: 'a', displayName: 'Agus Santoso', nip: '198203102005011002', position: 'Kepala Seksi Inteldakim', role: 'SEKSI_TERKAIT', sectionCode: 'INTELDAKIM' };
const citra: OfficeOfficer = { id: 'c', displayName: 'Citra Dewi', role: 'AUDITOR' };

describe("picking a team decree's member from the office's officers", () => {
  it('names each officer by name and NIP, by name alone when the account has no NIP', () => {
    expect(officerOptionLabel(agus)).toBe('Agus Santoso — 198203102005011002');
    expect(officerOptionLabel(citra)).toBe('Citra Dewi');
  });

  it("fills the member's name, NIP and position from the account, and leaves what it lacks to be typed in", () => {
    expect(memberFieldsOf(agus)).toEqual({ name: 'Agus Santoso', nip: '198203102005011002', position: 'Kepala Seksi Inteldakim' });
    expect(memberFieldsOf(citra)).toEqual({ name: 'Citra Dewi', nip: '', position: '' });
  });
});
