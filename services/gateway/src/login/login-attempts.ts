import { Clock } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog, type AccountSecurityEventKind } from '../account-security-log/account-security-log';
import { DEFAULT_LOGIN_MAX_FAILURES_PER_ADDRESS, DEFAULT_LOGIN_MAX_FAILURES_PER_USERNAME, LOGIN_WINDOW_SECONDS, type GatewayConfig } from '../config';
import { PublicRateLimits, type RateLimit, type RateLimitHit } from '../public-rate-limits/public-rate-limits';
import { rateLimited } from '../public-rate-limits/rate-limited';
import { UserAccounts } from '../users/user-accounts';

/** The officers' login limits (GATEWAY_LOGIN_MAX_FAILURES_…): failures only, per client address and per username. */
export class LoginLimits {
  constructor(
    readonly failuresPerAddress: RateLimit,
    readonly failuresPerUsername: RateLimit,
  ) {}
}

/** The login limits as configured (the window is fixed: {@link LOGIN_WINDOW_SECONDS}). */
export function loginLimitsOf(config: Pick<GatewayConfig, 'loginMaxFailuresPerAddress' | 'loginMaxFailuresPerUsername'>): LoginLimits {
  return new LoginLimits(
    { bucket: 'login:address', max: config.loginMaxFailuresPerAddress ?? DEFAULT_LOGIN_MAX_FAILURES_PER_ADDRESS, windowSeconds: LOGIN_WINDOW_SECONDS },
    { bucket: 'login:username', max: config.loginMaxFailuresPerUsername ?? DEFAULT_LOGIN_MAX_FAILURES_PER_USERNAME, windowSeconds: LOGIN_WINDOW_SECONDS },
  );
}

/** An attempt that was let through: counted until it turns out right ({@link LoginAttempts.succeeded}). */
export interface LoginAttempt {
  username: string;
  clientAddress: string;
  hits: RateLimitHit[];
}

/**
 * Guards everything that checks an officer's password (login, the current password of a
 * change) against guessing: each attempt is counted per client address and per username
 * before the password is hashed, and a right password takes its counts back, so only failures
 * count. Over either limit the attempt is a 429 with Retry-After, without any argon2 work,
 * even for the right password; the attempt that first crosses a limit is written to the
 * account's security log (LOGIN_RATE_LIMITED), as is each failure.
 */
@Injectable()
export class LoginAttempts {
  constructor(
    private readonly limits: PublicRateLimits,
    private readonly policy: LoginLimits,
    private readonly accounts: UserAccounts,
    private readonly log: AccountSecurityLog,
    private readonly clock: Clock,
  ) {}

  /** Counts an attempt of `username` from `clientAddress`; a 429 `AUTH.RATE_LIMITED` when over a limit. */
  async begin(username: string, clientAddress: string): Promise<LoginAttempt> {
    const hits: RateLimitHit[] = [];
    for (const [limit, value] of [
      [this.policy.failuresPerAddress, clientAddress],
      [this.policy.failuresPerUsername, username],
    ] as const) {
      const hit = await this.limits.hit(limit, value);
      if (!hit.allowed) {
        // Taken back so that a refused attempt does not also count against the other limit.
        for (const counted of hits) await this.limits.undo(counted);
        if (hit.count === limit.max + 1) await this.record('LOGIN_RATE_LIMITED', username, clientAddress);
        throw rateLimited('AUTH.RATE_LIMITED', 'too many failed logins; try again later', hit.retryAfterSeconds);
      }
      hits.push(hit);
    }
    return { username, clientAddress, hits };
  }

  /** The password was right: the attempt does not count. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    for (const hit of attempt.hits) await this.limits.undo(hit);
  }

  /** The password (or the second factor) was wrong, or the account unusable: it counts, and goes into the security log. */
  async failed(attempt: LoginAttempt, kind: Extract<AccountSecurityEventKind, 'LOGIN_FAILED' | 'PASSWORD_CHANGE_FAILED' | 'SECOND_FACTOR_FAILED'>): Promise<void> {
    await this.record(kind, attempt.username, attempt.clientAddress);
  }

  private async record(kind: AccountSecurityEventKind, username: string, clientAddress: string): Promise<void> {
    const account = await this.accounts.byUsername(username);
    await this.log.record({ kind, subject: account ? { accountId: account.id } : { unknownUsername: username }, at: this.clock.now(), clientAddress });
  }
}
