import { addOfficerBody, changeOfficerBody, EMPTY_OFFICER, OFFICER_ROLE_CHOICES, officerPath, sectionPath } from './office-admin';

describe('the office administration forms', () => {
  it('offer every officer role of libs/sop, never the complainant’s nor the platform operator’s', () => {
    expect(OFFICER_ROLE_CHOICES).toEqual(expect.arrayContaining(['ADMIN_TIKKIM', 'KEPALA_KANTOR', 'SEKSI_TERKAIT', 'KEPALA_SEKSI_TI', 'AUDITOR']));
    expect(OFFICER_ROLE_CHOICES).not.toContain('PELAPOR');
    expect(OFFICER_ROLE_CHOICES).not.toContain('OPERATOR');
  });

  it('send a new officer without the fields left empty, the section only for a section officer', () => {
    expect(addOfficerBody({ ...EMPTY_OFFICER, username: ' Rina.Kartika ', displayName: ' Rina ', role: 'AUDITOR', sectionCode: 'INTELDAKIM' })).toEqual({ username: 'rina.kartika', displayName: 'Rina', role: 'AUDITOR' });
    expect(addOfficerBody({ ...EMPTY_OFFICER, username: 'rina', displayName: 'Rina', nip: '198001012005012001', role: 'SEKSI_TERKAIT', sectionCode: 'INTELDAKIM', secondFactorRequired: true })).toEqual({
      username: 'rina',
      displayName: 'Rina',
      nip: '198001012005012001',
      role: 'SEKSI_TERKAIT',
      sectionCode: 'INTELDAKIM',
      secondFactorRequired: true,
    });
  });

  it('send a change with the section cleared for any other role', () => {
    expect(changeOfficerBody({ ...EMPTY_OFFICER, role: 'ADMIN_TIKKIM', sectionCode: 'INTELDAKIM', position: 'Analis' })).toEqual({ role: 'ADMIN_TIKKIM', sectionCode: null, position: 'Analis', secondFactorRequired: false });
  });

  it('escape what goes into a path', () => {
    expect(officerPath('a/b')).toBe('/api/v1/users/a%2Fb');
    expect(sectionPath('X Y', true)).toBe('/api/v1/sections/X%20Y/retire');
  });
});
