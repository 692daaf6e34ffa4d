import { MIN_PASSWORD_LENGTH, passwordChangeFieldErrors, validatePasswordChange } from './password';

const input = { currentPassword: 'kata-sandi-lama-sekali', newPassword: 'kata-sandi-baru-sekali', repeatPassword: 'kata-sandi-baru-sekali' };

describe("an officer's new password", () => {
  it('is taken when long enough, not the username, not the current one, and typed twice the same', () => {
    expect(validatePasswordChange(input, 'admin.tikkim')).toEqual({});
  });

  it.each([
    ['too short', { newPassword: 'pendek', repeatPassword: 'pendek' }, { newPassword: { key: 'password.tooShort', params: { min: MIN_PASSWORD_LENGTH } } }],
    ['the username in another case', { newPassword: 'Admin.Tikkim.Blp', repeatPassword: 'Admin.Tikkim.Blp' }, { newPassword: { key: 'password.sameAsUsername' } }],
    ['the current one', { newPassword: input.currentPassword, repeatPassword: input.currentPassword }, { newPassword: { key: 'password.sameAsCurrent' } }],
    ['typed differently the second time', { repeatPassword: 'kata-sandi-baru-sekalI' }, { repeatPassword: { key: 'password.mismatch' } }],
    ['missing, as is the current one', { currentPassword: '', newPassword: '', repeatPassword: '' }, { currentPassword: { key: 'validation.required' }, newPassword: { key: 'validation.required' } }],
  ])('is refused when %s, naming the field', (_, change, errors) => {
    expect(validatePasswordChange({ ...input, ...change }, 'admin.tikkim.blp')).toEqual(errors);
  });

  it("puts the gateway's refusals next to the field they are about", () => {
    expect(passwordChangeFieldErrors('AUTH.WRONG_PASSWORD')).toEqual({ currentPassword: { key: 'password.wrongCurrent' } });
    expect(Object.keys(passwordChangeFieldErrors('AUTH.PASSWORD_POLICY') ?? {})).toEqual(['newPassword']);
    expect(passwordChangeFieldErrors('AUTH.RATE_LIMITED')).toBeNull();
  });
});
