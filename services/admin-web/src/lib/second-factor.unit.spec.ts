import { groupedSecret, loginAnswerOf, proofBody, proofProblem } from './second-factor';

const user = { id: 'u1', username: 'auditor', displayName: 'Auditor', role: 'AUDITOR', officeCode: 'BLP' };

describe('the login answer', () => {
  it('is a challenge when the account has a second factor', () => {
    expect(loginAnswerOf({ secondFactorRequired: true, challenge: 'abc', expiresIn: 300 }, 0)).toEqual({ kind: 'challenge', challenge: 'abc' });
  });

  it('is a session, saying whether the token only enrols a second factor', () => {
    expect(loginAnswerOf({ accessToken: 't', tokenType: 'Bearer', expiresIn: 60, user }, 1_000)).toEqual({
      kind: 'session',
      session: { accessToken: 't', expiresAt: 61_000, user },
      enrolmentRequired: false,
    });
    expect(loginAnswerOf({ accessToken: 't', tokenType: 'Bearer', expiresIn: 60, user, secondFactorEnrolmentRequired: true }, 0)).toMatchObject({ kind: 'session', enrolmentRequired: true });
  });

  it('is nothing for anything else', () => {
    expect(loginAnswerOf({ secondFactorRequired: true }, 0)).toBeNull();
    expect(loginAnswerOf(null, 0)).toBeNull();
  });
});

describe('a typed code', () => {
  it('is six digits from the app, spaces aside', () => {
    expect(proofProblem('code', '123 456')).toBeNull();
    expect(proofProblem('code', '')).toEqual({ key: 'validation.required' });
    expect(proofProblem('code', '12345')).toEqual({ key: 'secondFactor.codeFormat' });
    expect(proofBody('code', ' 123 456 ')).toEqual({ code: '123456' });
  });

  it('or sixteen letters and digits of a recovery code, dashes aside', () => {
    expect(proofProblem('recoveryCode', '7k3m-q9tx-2hbd-rw4n')).toBeNull();
    expect(proofProblem('recoveryCode', '7K3M-Q9TX')).toEqual({ key: 'secondFactor.recoveryCodeFormat' });
    expect(proofBody('recoveryCode', ' 7K3M-Q9TX-2HBD-RW4N ')).toEqual({ recoveryCode: '7K3M-Q9TX-2HBD-RW4N' });
  });
});

it('groups a secret by four characters', () => {
  expect(groupedSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
});
