import { generatePassword, hashPassword, PasswordVerifier, verifyPassword } from './password-hasher';

describe('officers’ passwords', () => {
  it('are stored as argon2id hashes (19 MiB, 2 passes) that verify the password and nothing else', async () => {
    const hash = await hashPassword('kata-sandi-kantor-blp');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain('kata-sandi');
    await expect(verifyPassword(hash, 'kata-sandi-kantor-blp')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'kata-sandi-kantor-BLP')).resolves.toBe(false);
  });

  it('never match a malformed hash', async () => {
    await expect(verifyPassword('not-a-phc-string', 'anything')).resolves.toBe(false);
  });

  it('are generated with 144 random bits, never twice the same', () => {
    const [a, b] = [generatePassword(), generatePassword()];
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a).not.toBe(b);
  });

  it('are checked against a dummy hash when there is no account, so the answer is the same “no”', async () => {
    const verifier = new PasswordVerifier();
    const started = process.hrtime.bigint();
    await expect(verifier.verify(undefined, 'whatever')).resolves.toBe(false);
    // The dummy hash is made on first use and then verified: real argon2 work was done.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeGreaterThan(2);
    await expect(verifier.verify(await hashPassword('right'), 'right')).resolves.toBe(true);
  });
});
