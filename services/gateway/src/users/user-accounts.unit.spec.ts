import { FIELD_RULES } from '@pengaduan/sop';
import { AccountError, checkNewAccount, type NewAccount } from './user-accounts';

const valid: NewAccount = { username: 'admin.tikkim', password: 'a-long-enough-password', displayName: 'Rina', role: 'ADMIN_TIKKIM', officeCode: 'BLP' };

function refusal(account: NewAccount): string | undefined {
  try {
    checkNewAccount(account);
    return undefined;
  } catch (err) {
    if (err instanceof AccountError) return err.field;
    throw err;
  }
}

describe("an officer's new account", () => {
  it('is accepted with an officer role of the SOP, an office and a username', () => {
    expect(refusal(valid)).toBeUndefined();
    expect(refusal({ ...valid, role: 'SEKSI_TERKAIT', sectionCode: 'INTELDAKIM', username: 'seksi.inteldakim' })).toBeUndefined();
    expect(refusal({ ...valid, role: 'AUDITOR', username: 'auditor' })).toBeUndefined();
    expect(refusal({ ...valid, nip: '199001152015032001', position: 'Pengelola Teknologi Informasi Keimigrasian' })).toBeUndefined();
  });

  it('names a section for a section officer, and only for one', () => {
    expect(refusal({ ...valid, role: 'SEKSI_TERKAIT' })).toBe('section');
    expect(refusal({ ...valid, role: 'SEKSI_TERKAIT', sectionCode: 'inteldakim' })).toBe('section');
    expect(refusal({ ...valid, role: 'KEPALA_KANTOR', sectionCode: 'INTELDAKIM' })).toBe('section');
  });

  it.each<[string, Partial<NewAccount>, string]>([
    ['the complainant role', { role: 'PELAPOR' }, 'role'],
    ['a role the SOP does not know', { role: 'SUPERUSER' }, 'role'],
    ['a username with capitals', { username: 'Admin.Tikkim' }, 'username'],
    ['a username of two letters', { username: 'ab' }, 'username'],
    ['an office code in lower case', { officeCode: 'blp' }, 'office'],
    ['a password shorter than 12 characters', { password: 'short' }, 'password'],
    ['an empty display name', { displayName: '   ' }, 'display-name'],
    ['an empty position', { position: '  ' }, 'position'],
    ['a position longer than a team decree prints', { position: 'x'.repeat(FIELD_RULES.officerPosition.maxLength + 1) }, 'position'],
  ])('refuses %s', (_, change, field) => {
    expect(refusal({ ...valid, ...change })).toBe(field);
  });
});
