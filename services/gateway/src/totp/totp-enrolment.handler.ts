import { Clock, ServiceError, type ServiceErrorCode } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog, type AccountSecurityEventKind } from '../account-security-log/account-security-log';
import { AccessTokens, type VerifiedAccessToken } from '../auth/access-tokens';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { verifyPassword } from '../auth/password-hasher';
import { revokeToken } from '../auth/token-revocations';
import { issueLoginResult } from '../login/login.handler';
import { LoginAttempts } from '../login/login-attempts';
import type { UserAccountRecord } from '../persistence/entities';
import { UserAccounts } from '../users/user-accounts';
import { proofOf, SecondFactors } from './second-factors';
import { SecondFactorPolicy } from './second-factor-policy';
import { base32Of, matchTotpStep, newRecoveryCode, newTotpSecret, otpauthUri, RECOVERY_CODE_COUNT, recoveryCodeHash, TOTP_PARAMETERS } from './totp';
import { TotpCredentials } from './totp-credentials';
import type { DisableTotpBody, TotpActivatedDto, TotpEnrolmentDto, TotpStatusDto } from './totp.dto';

/** Who asks, from where. */
export interface TotpRequest {
  user: AuthenticatedUser;
  clientAddress: string;
}

/** A 400 naming `field`: what an officer typed was wrong (not 401, which would end the session). */
function wrong(code: ServiceErrorCode, field: string, message: string): ServiceError {
  return new ServiceError('invalid', code, message, { fieldViolations: [{ field, description: `${field} is wrong` }] });
}

/**
 * An officer's own second factor (ADR 0027): its status; an enrolment (a new secret, answered
 * once, kept sealed and pending); its confirmation by a first code (active, recovery codes
 * answered once, every earlier token revoked and a fresh one answered); turning it off with the
 * password and a code, unless the office policy requires it. Each change is in the security log.
 */
@Injectable()
export class TotpEnrolmentHandler {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly credentials: TotpCredentials,
    private readonly secondFactors: SecondFactors,
    private readonly policy: SecondFactorPolicy,
    private readonly attempts: LoginAttempts,
    private readonly tokens: AccessTokens,
    private readonly log: AccountSecurityLog,
    private readonly clock: Clock,
  ) {}

  async status(user: AuthenticatedUser): Promise<TotpStatusDto> {
    const state = await this.credentials.state(user.id);
    return { enabled: state.active, pending: state.pending, requiredByPolicy: this.policy.requires(user), recoveryCodesLeft: state.recoveryCodesLeft };
  }

  /** A new pending secret (replacing a pending one); 409 `AUTH.SECOND_FACTOR_ALREADY_ENABLED` when one is active. */
  async start({ user, clientAddress }: TotpRequest): Promise<TotpEnrolmentDto> {
    const secret = newTotpSecret();
    const started = await this.accounts.transaction(async (tx) => {
      if (!(await this.credentials.startEnrolment(tx, user.id, secret, this.clock.now()))) return false;
      await this.record('SECOND_FACTOR_ENROLMENT_STARTED', user, clientAddress, tx);
      return true;
    });
    if (!started) throw new ServiceError('conflict', 'AUTH.SECOND_FACTOR_ALREADY_ENABLED', 'a second factor is already active: turn it off first to enrol another');
    return { secret: base32Of(secret), otpauthUri: otpauthUri(secret, user.username, user.officeCode), ...TOTP_PARAMETERS };
  }

  /** Activates the pending secret with its first code. */
  async confirm({ user, clientAddress }: TotpRequest, token: VerifiedAccessToken, code: string): Promise<TotpActivatedDto> {
    const credential = await this.secondFactors.openCredential(user.id);
    if (!credential || credential.active) {
      throw new ServiceError('conflict', credential ? 'AUTH.SECOND_FACTOR_ALREADY_ENABLED' : 'AUTH.NO_PENDING_ENROLMENT', credential ? 'the second factor is already active' : 'no enrolment was started: POST /api/v1/auth/totp/enrolment first');
    }
    // No guess to limit here: the caller was just given the secret.
    const step = matchTotpStep(credential.secret, code, this.clock.now());
    if (step === undefined) throw wrong('AUTH.WRONG_CODE', 'code', 'the code is wrong or expired: check the time of the device');
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const account = await this.activeAccount(user);
    const now = this.clock.now();
    const activated = await this.accounts.transaction(async (tx) => {
      if (!(await this.credentials.activate(tx, user.id, step, now, recoveryCodes.map(recoveryCodeHash)))) return false;
      // Every token so far was issued on the password alone.
      await this.accounts.revokeTokensBefore(tx, user.id, now);
      await revokeToken(tx, token, now);
      await this.record('SECOND_FACTOR_ENABLED', user, clientAddress, tx);
      return true;
    });
    if (!activated) throw new ServiceError('conflict', 'AUTH.SECOND_FACTOR_ALREADY_ENABLED', 'the second factor is already active');
    return { ...(await issueLoginResult(this.tokens, account)), recoveryCodes };
  }

  /**
   * Turns the second factor off: 403 `AUTH.SECOND_FACTOR_REQUIRED_BY_POLICY` when the office
   * policy requires it; else the attempt is counted as a login's (429 over the limits), then the
   * password and the code are checked (400 `AUTH.WRONG_PASSWORD` / `AUTH.WRONG_CODE`).
   */
  async disable({ user, clientAddress }: TotpRequest, body: DisableTotpBody): Promise<void> {
    const proof = proofOf(body);
    if (this.policy.requires(user)) throw new ServiceError('forbidden', 'AUTH.SECOND_FACTOR_REQUIRED_BY_POLICY', 'the office policy requires a second factor for your role');
    if (!(await this.credentials.isActive(user.id))) throw new ServiceError('conflict', 'AUTH.SECOND_FACTOR_NOT_ENABLED', 'no second factor is active');
    const attempt = await this.attempts.begin(user.username, clientAddress);
    const account = await this.accounts.byUsername(user.username);
    if (!account?.active || !(await verifyPassword(account.passwordHash, body.password))) {
      await this.attempts.failed(attempt, 'SECOND_FACTOR_FAILED');
      throw wrong('AUTH.WRONG_PASSWORD', 'password', 'the password is wrong');
    }
    if (!(await this.secondFactors.verify(user.id, proof))) {
      await this.attempts.failed(attempt, 'SECOND_FACTOR_FAILED');
      throw wrong('AUTH.WRONG_CODE', 'code' in proof ? 'code' : 'recoveryCode', 'the code is wrong, expired or already used');
    }
    await this.attempts.succeeded(attempt);
    await this.accounts.transaction(async (tx) => {
      await this.credentials.remove(tx, user.id);
      await this.record('SECOND_FACTOR_DISABLED', user, clientAddress, tx);
    });
  }

  private async activeAccount(user: AuthenticatedUser): Promise<UserAccountRecord> {
    const account = await this.accounts.byId(user.id);
    if (!account?.active) throw new ServiceError('unauthenticated', 'AUTH.INVALID_TOKEN', 'the access token is not valid');
    return account;
  }

  private record(kind: AccountSecurityEventKind, user: AuthenticatedUser, clientAddress: string, tx: Parameters<AccountSecurityLog['record']>[1]): Promise<void> {
    return this.log.record({ kind, subject: { accountId: user.id }, at: this.clock.now(), clientAddress }, tx);
  }
}
