import { ServiceError } from '@pengaduan/runtime';
import type { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { RateLimitKeys } from '../public-rate-limits/rate-limit-keys';
import { administersAccounts } from '../users/office-administration';

/** What an officer account's security log records (ADR 0022, ADR 0027). */
export const ACCOUNT_SECURITY_EVENT_KINDS = [
  'LOGIN_FAILED',
  'LOGIN_RATE_LIMITED',
  'LOGOUT',
  'PASSWORD_CHANGED',
  'PASSWORD_CHANGE_FAILED',
  'PASSWORD_RESET',
  'TOKENS_REVOKED',
  'ACCOUNT_DEACTIVATED',
  // The second factor (ADR 0027).
  'SECOND_FACTOR_ENROLMENT_STARTED',
  'SECOND_FACTOR_ENABLED',
  'SECOND_FACTOR_DISABLED',
  'SECOND_FACTOR_FAILED',
  'RECOVERY_CODE_USED',
  // The office's administration (ADR 0042).
  'ACCOUNT_CREATED',
  'ACCOUNT_CHANGED',
  'SECTION_ADDED',
  'SECTION_RENAMED',
  'SECTION_RETIRED',
  // The office's SLA policy and working calendar (docs/adr/0049).
  'SLA_POLICY_CHANGED',
  // The office's texts of the messages to reporters (docs/adr/0050).
  'MESSAGE_TEMPLATE_CHANGED',
  // Which status messages the office sends its reporters (docs/adr/0054).
  'STATUS_MESSAGES_CHANGED',
  // The office's appeal window after closing (docs/adr/0053).
  'APPEAL_WINDOW_CHANGED',
  // The office's retention periods per kind of record (docs/adr/0057).
  'RETENTION_POLICY_CHANGED',
  // The office's profile: its documents' letterhead and contact (docs/adr/0048).
  'OFFICE_PROFILE_CHANGED',
] as const;

export type AccountSecurityEventKind = (typeof ACCOUNT_SECURITY_EVENT_KINDS)[number];

/**
 * Whom an entry is about: an account, a username that has none (kept as an HMAC only), or, for
 * an administration entry about no account, what it is about (e.g. `section:INTELDAKIM`).
 */
export type AccountSecuritySubject = { accountId: string } | { unknownUsername: string } | { target: string };

export interface AccountSecurityEntry {
  kind: AccountSecurityEventKind;
  subject: AccountSecuritySubject;
  at: Date;
  /** As `clientAddressOf` counts it (officers' addresses, not complainants' data). */
  clientAddress?: string;
  /** The account that did it when it is not the subject (an administrator). */
  actorAccountId?: string;
  /** An administration entry's office (ADR 0042). */
  officeCode?: string;
  /** The fields changed, before and after; never a secret (no password, no hash). */
  change?: Record<string, { before?: unknown; after?: unknown }>;
  /** The administrator's Idempotency-Key (unique per administrator). */
  requestKey?: string;
}

/** One entry as listed: the usernames resolved, nothing else of the accounts. */
export interface AccountSecurityLogEntry {
  id: string;
  at: Date;
  kind: AccountSecurityEventKind;
  username: string;
  clientAddress: string | null;
  actorUsername: string | null;
}

/** Whose entries to list: one account's, or every account's of an office. */
export type AccountSecurityLogScope = { accountId: string } | { officeCode: string; username?: string };

/**
 * Whose entries an officer reads: the office's account administrator every account of the
 * office (or the one named), anyone else their own (403 `ACCOUNT.FORBIDDEN_ROLE` for another's).
 */
export function securityLogScopeOf(user: AuthenticatedUser, username: string | undefined): AccountSecurityLogScope {
  if (administersAccounts(user)) return { officeCode: user.officeCode, ...(username ? { username } : {}) };
  if (username === undefined || username === user.username) return { accountId: user.id };
  throw new ServiceError('forbidden', 'ACCOUNT.FORBIDDEN_ROLE', "only the head of office reads another account's security log");
}

/** The bucket of the HMAC a username without an account is kept under. */
const UNKNOWN_USERNAME_BUCKET = 'account-security-log:username';

/**
 * The officers' accounts' security log (`account_security_event`): who failed to log in, was
 * locked out, logged out, changed or had their password reset, or was deactivated, when and from
 * which address. Entries are only added, never changed.
 */
export class AccountSecurityLog {
  constructor(
    private readonly dataSource: () => DataSource,
    private readonly keys: RateLimitKeys,
  ) {}

  /** Adds an entry, in `manager`'s transaction when given (with the change it records). */
  async record(entry: AccountSecurityEntry, manager?: EntityManager): Promise<void> {
    const accountId = 'accountId' in entry.subject ? entry.subject.accountId : null;
    const usernameKey = 'unknownUsername' in entry.subject ? this.keys.of(UNKNOWN_USERNAME_BUCKET, entry.subject.unknownUsername) : null;
    await (manager ?? this.dataSource().manager).query(
      `INSERT INTO account_security_event (id, account_id, username_key, kind, at, client_address, actor_account_id, office_code, target, change, request_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        uuidv7(),
        accountId,
        usernameKey,
        entry.kind,
        entry.at,
        entry.clientAddress ?? null,
        entry.actorAccountId ?? null,
        entry.officeCode ?? null,
        'target' in entry.subject ? entry.subject.target : null,
        entry.change ? JSON.stringify(entry.change) : null,
        entry.requestKey ?? null,
      ],
    );
  }

  /** The entry an administrator's command with this Idempotency-Key made, if any. */
  async byRequest(actorAccountId: string, requestKey: string): Promise<{ kind: AccountSecurityEventKind; accountId: string | null; target: string | null } | undefined> {
    const [row] = (await this.dataSource().query('SELECT kind, account_id, target FROM account_security_event WHERE actor_account_id = $1 AND request_key = $2', [actorAccountId, requestKey])) as {
      kind: AccountSecurityEventKind;
      account_id: string | null;
      target: string | null;
    }[];
    return row ? { kind: row.kind, accountId: row.account_id, target: row.target } : undefined;
  }

  /**
   * Whether the administrator's command with this Idempotency-Key was recorded already as `kind`
   * on `target` (a retry); 422 `IDEMPOTENCY.KEY_REUSED` when the key stands for another command.
   */
  async recordedAs(actorAccountId: string, requestKey: string, kind: AccountSecurityEventKind, target: string): Promise<boolean> {
    const earlier = await this.byRequest(actorAccountId, requestKey);
    if (earlier && (earlier.kind !== kind || earlier.target !== target)) {
      throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was used for another command');
    }
    return earlier !== undefined;
  }

  /** The newest `limit` entries of the scope, newest first. */
  async list(scope: AccountSecurityLogScope, limit: number): Promise<AccountSecurityLogEntry[]> {
    const [where, params] =
      'accountId' in scope
        ? ['a.id = $1', [scope.accountId]]
        : scope.username === undefined
          ? ['a.office_code = $1', [scope.officeCode]]
          : ['a.office_code = $1 AND a.username = $2', [scope.officeCode, scope.username]];
    const rows = (await this.dataSource().query(
      `SELECT e.id, e.at, e.kind, a.username, e.client_address, actor.username AS actor_username
         FROM account_security_event e
         JOIN user_account a ON a.id = e.account_id
         LEFT JOIN user_account actor ON actor.id = e.actor_account_id
        WHERE ${where}
        ORDER BY e.at DESC, e.id DESC
        LIMIT ${Math.max(1, Math.min(1000, Math.floor(limit)))}`,
      params,
    )) as { id: string; at: Date; kind: AccountSecurityEventKind; username: string; client_address: string | null; actor_username: string | null }[];
    return rows.map((r) => ({ id: r.id, at: r.at, kind: r.kind, username: r.username, clientAddress: r.client_address, actorUsername: r.actor_username }));
  }
}
