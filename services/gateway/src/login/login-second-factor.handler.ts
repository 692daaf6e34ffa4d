import { Clock, ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog } from '../account-security-log/account-security-log';
import { AccessTokens } from '../auth/access-tokens';
import { proofOf, SecondFactors } from '../totp/second-factors';
import { UserAccounts } from '../users/user-accounts';
import type { LoginResultDto, LoginSecondFactorBody } from './login.dto';
import { issueLoginResult } from './login.handler';
import { LoginAttempts } from './login-attempts';
import { LoginChallenges } from './login-challenges';

export interface LoginSecondFactorRequest {
  body: LoginSecondFactorBody;
  /** As `clientAddressOf` counts it. */
  clientAddress: string;
}

/**
 * The second step of a login with a second factor (ADR 0027): the challenge of the first step
 * names the account; the attempt is counted against the login limits of its username and of the
 * address before the code is checked (a 429 over them), a wrong code counts and goes into the
 * security log; a right code (of a step not used yet) or an unused recovery code answers the
 * access token. A challenge issued before the account's tokens were revoked (a password change or
 * reset, a deactivation) is refused.
 */
@Injectable()
export class LoginSecondFactorHandler {
  constructor(
    private readonly challenges: LoginChallenges,
    private readonly accounts: UserAccounts,
    private readonly attempts: LoginAttempts,
    private readonly secondFactors: SecondFactors,
    private readonly tokens: AccessTokens,
    private readonly log: AccountSecurityLog,
    private readonly clock: Clock,
  ) {}

  async execute({ body, clientAddress }: LoginSecondFactorRequest): Promise<LoginResultDto> {
    const proof = proofOf(body);
    const challenge = await this.challenges.verify(body.challenge);
    const account = await this.accounts.byId(challenge.accountId);
    if (!account?.active || (account.tokensValidAfter !== null && account.tokensValidAfter > challenge.issuedAt)) {
      throw new ServiceError('unauthenticated', 'AUTH.CHALLENGE_INVALID', 'the login challenge is not valid or has expired; log in again with the password');
    }
    const attempt = await this.attempts.begin(account.username, clientAddress);
    const used = await this.secondFactors.verify(account.id, proof);
    if (!used) {
      await this.attempts.failed(attempt, 'SECOND_FACTOR_FAILED');
      throw new ServiceError('unauthenticated', 'AUTH.INVALID_SECOND_FACTOR', 'the code is wrong, expired or already used');
    }
    await this.attempts.succeeded(attempt);
    if (used === 'recovery-code') await this.log.record({ kind: 'RECOVERY_CODE_USED', subject: { accountId: account.id }, at: this.clock.now(), clientAddress });
    return issueLoginResult(this.tokens, account);
  }
}
