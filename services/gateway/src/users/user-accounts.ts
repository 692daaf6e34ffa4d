import { FIELD_RULES } from '@pengaduan/sop';
import type { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AccountDirectory, type ActiveAccount, type TokenHolderQuery } from '../auth/auth.guard';
import { OFFICER_ROLES, type AuthenticatedUser, type OfficerRole } from '../auth/authenticated-user';
import { hashPassword } from '../auth/password-hasher';
import { passwordPolicyProblem } from '../auth/password-policy';
import { UserAccountRecord } from '../persistence/entities';

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]$/;
export const OFFICE_CODE: RegExp = FIELD_RULES.officeCode.pattern;
const SECTION_CODE: RegExp = FIELD_RULES.sectionCode.pattern;
const NIP: RegExp = FIELD_RULES.nip.pattern;

/** An account to create: the password in clear, hashed before it is stored. */
export interface NewAccount {
  username: string;
  password: string;
  displayName: string;
  role: string;
  officeCode: string;
  sectionCode?: string;
  /** The officer's NIP (18 digits), for signature blocks. */
  nip?: string;
  /** The officer's position (jabatan), as a team decree names its members. */
  position?: string;
  /** The head of office requires a second factor of the officer (ADR 0042). */
  secondFactorRequired?: boolean;
}

/** Why an account cannot be created, naming the field. */
export class AccountError extends Error {
  constructor(
    readonly code: 'REQUEST.INVALID' | 'ACCOUNT.USERNAME_TAKEN',
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

/**
 * Checks a new account: a username of lowercase letters, digits and `._-`; an officer role of
 * libs/sop; an office code; a section exactly for a SEKSI_TERKAIT officer (the SOP dispositions
 * to sections, and only a section's officers respond for it).
 */
export function checkNewAccount(account: NewAccount): asserts account is NewAccount & { role: OfficerRole } {
  const fail = (field: string, message: string): never => {
    throw new AccountError('REQUEST.INVALID', field, message);
  };
  if (!USERNAME.test(account.username)) fail('username', 'must be 3-64 lowercase letters, digits, dots, dashes or underscores, starting and ending with a letter or digit');
  if (!(OFFICER_ROLES as readonly string[]).includes(account.role)) fail('role', `must be one of ${OFFICER_ROLES.join(', ')}`);
  if (!OFFICE_CODE.test(account.officeCode)) fail('office', 'must be an office code of 2-6 capital letters, e.g. BLP');
  if (account.role === 'SEKSI_TERKAIT') {
    if (account.sectionCode === undefined) fail('section', 'is required for a SEKSI_TERKAIT officer (the section they respond for)');
    else if (!SECTION_CODE.test(account.sectionCode)) fail('section', 'must be a section code of capital letters, digits and _, e.g. INTELDAKIM');
  } else if (account.sectionCode !== undefined) {
    fail('section', 'is only for a SEKSI_TERKAIT officer');
  }
  if (account.nip !== undefined && !NIP.test(account.nip)) fail('nip', 'must be the 18 digits of a civil-servant number (NIP)');
  const displayName = account.displayName.trim();
  const { minLength, maxLength } = FIELD_RULES.officerName;
  if (displayName.length < minLength || displayName.length > maxLength) fail('display-name', `must be ${minLength}-${maxLength} characters`);
  if (account.position !== undefined) {
    const position = account.position.trim();
    const rule = FIELD_RULES.officerPosition;
    if (position.length < rule.minLength || position.length > rule.maxLength) fail('position', `must be ${rule.minLength}-${rule.maxLength} characters`);
  }
  const passwordProblem = passwordPolicyProblem(account.password, { username: account.username });
  if (passwordProblem) fail('password', passwordProblem);
}

/** What the head of office may change of an officer (ADR 0042), as stored. */
export interface OfficerChange {
  role: OfficerRole;
  sectionCode: string | null;
  position: string | null;
  secondFactorRequired: boolean;
}

/** An active officer of an office, as a team decree may name them (`GET /api/v1/office/officers`). */
export interface OfficeOfficer {
  id: string;
  displayName: string;
  role: OfficerRole;
  sectionCode?: string;
  nip?: string;
  position?: string;
}

/** An account as listed: never its hash. */
export interface AccountSummary extends AuthenticatedUser {
  active: boolean;
  createdAt: Date;
  position?: string;
  secondFactorRequired: boolean;
}

/** The officers' accounts in the gateway's schema. */
export class UserAccounts extends AccountDirectory {
  /** `dataSource` is asked for on each use: the service's is reachable only once migrated. */
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  private get records() {
    return this.dataSource().getRepository(UserAccountRecord);
  }

  /** Creates an account, in `manager`'s transaction when given; a username already taken is refused. */
  async add(account: NewAccount, manager?: EntityManager): Promise<AccountSummary> {
    checkNewAccount(account);
    const record: UserAccountRecord = {
      id: uuidv7(),
      username: account.username,
      passwordHash: await hashPassword(account.password),
      displayName: account.displayName.trim(),
      role: account.role,
      officeCode: account.officeCode,
      sectionCode: account.sectionCode ?? null,
      nip: account.nip ?? null,
      position: account.position?.trim() ?? null,
      active: true,
      createdAt: new Date(),
      tokensValidAfter: null,
      secondFactorRequired: account.secondFactorRequired ?? false,
    };
    const inserted = (await (manager ?? this.dataSource().manager).query(
      `INSERT INTO user_account (id, username, password_hash, display_name, role, office_code, section_code, nip, position, active, created_at, second_factor_required)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [record.id, record.username, record.passwordHash, record.displayName, record.role, record.officeCode, record.sectionCode, record.nip, record.position, record.active, record.createdAt, record.secondFactorRequired],
    )) as unknown[];
    if (inserted.length === 0) throw new AccountError('ACCOUNT.USERNAME_TAKEN', 'username', `the username ${account.username} is taken`);
    return summaryOf(record);
  }

  /** The account of a username (with its hash), for login. */
  byUsername(username: string): Promise<UserAccountRecord | null> {
    return this.records.findOneBy({ username });
  }

  /** The account of an id (with its hash). */
  byId(id: string): Promise<UserAccountRecord | null> {
    return this.records.findOneBy({ id });
  }

  async exists(username: string): Promise<boolean> {
    return (await this.records.countBy({ username })) > 0;
  }

  /**
   * The active account a verified token names, in one query (two primary-key lookups):
   * `revoked` when the token was logged out (revoked_token) or issued before the account's
   * tokens_valid_after; with whether the account has an active second factor (ADR 0027).
   */
  async findActive(token: TokenHolderQuery): Promise<ActiveAccount | 'revoked' | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(token.sub)) return undefined;
    const [row] = (await this.dataSource().query(
      `SELECT a.id, a.username, a.display_name, a.role, a.office_code, a.section_code, a.nip, a.second_factor_required,
              (a.tokens_valid_after IS NOT NULL AND a.tokens_valid_after > $3)
                OR EXISTS (SELECT 1 FROM revoked_token r WHERE r.jti = $2) AS revoked,
              EXISTS (SELECT 1 FROM totp_credential t WHERE t.account_id = a.id AND t.confirmed_at IS NOT NULL) AS second_factor
         FROM user_account a
        WHERE a.id = $1 AND a.active`,
      [token.sub, token.jti, token.issuedAt],
    )) as (AccountRow & { revoked: boolean; second_factor: boolean; second_factor_required: boolean })[];
    if (!row) return undefined;
    if (row.revoked) return 'revoked';
    const user = authenticatedUserOf({
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      officeCode: row.office_code,
      sectionCode: row.section_code,
      nip: row.nip,
    });
    return { ...user, ...(row.second_factor_required ? { secondFactorRequired: true } : {}), secondFactor: row.second_factor };
  }

  /**
   * Sets an account's password (a change or an administrator's reset) and revokes every token
   * issued before `at` (tokens_valid_after), in the caller's transaction.
   */
  async setPassword(manager: EntityManager, accountId: string, passwordHash: string, at: Date): Promise<void> {
    await manager.query('UPDATE user_account SET password_hash = $2, tokens_valid_after = $3 WHERE id = $1', [accountId, passwordHash, at]);
  }

  /** Revokes every token of the account issued before `at` (logout everywhere). */
  async revokeTokensBefore(manager: EntityManager, accountId: string, at: Date): Promise<void> {
    await manager.query('UPDATE user_account SET tokens_valid_after = $2 WHERE id = $1', [accountId, at]);
  }

  /** Deactivates an account (it can no longer log in) and revokes its tokens, in the caller's transaction. */
  async deactivate(manager: EntityManager, accountId: string, at: Date): Promise<void> {
    await manager.query('UPDATE user_account SET active = false, tokens_valid_after = $2 WHERE id = $1', [accountId, at]);
  }

  /** Changes an officer's role, section, position or second-factor requirement, in the caller's transaction. */
  async change(manager: EntityManager, accountId: string, fields: OfficerChange): Promise<void> {
    await manager.query(
      `UPDATE user_account SET role = $2, section_code = $3, position = $4, second_factor_required = $5 WHERE id = $1`,
      [accountId, fields.role, fields.sectionCode, fields.position, fields.secondFactorRequired],
    );
  }

  /** The active heads of office of an office, locked until the caller's transaction ends (so two cannot demote each other at once). */
  async lockActiveHeads(manager: EntityManager, officeCode: string): Promise<string[]> {
    const rows = (await manager.query(`SELECT id FROM user_account WHERE office_code = $1 AND role = 'KEPALA_KANTOR' AND active ORDER BY id FOR UPDATE`, [officeCode])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Runs `work` in one transaction of the gateway's database. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource().transaction(work);
  }

  async list(officeCode?: string): Promise<AccountSummary[]> {
    const records = await this.records.find({ where: officeCode ? { officeCode } : {}, order: { officeCode: 'ASC', username: 'ASC' } });
    return records.map(summaryOf);
  }

  /** The active officers of one office, by name: who a team decree may name (a deactivated account never). */
  async activeOfficers(officeCode: string): Promise<OfficeOfficer[]> {
    const records = await this.records.find({ where: { officeCode, active: true }, order: { displayName: 'ASC', id: 'ASC' } });
    return records.map((r) => ({
      id: r.id,
      displayName: r.displayName,
      role: r.role as OfficerRole,
      ...(r.sectionCode ? { sectionCode: r.sectionCode } : {}),
      ...(r.nip ? { nip: r.nip } : {}),
      ...(r.position ? { position: r.position } : {}),
    }));
  }
}

/** The columns of user_account the guard reads. */
interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  office_code: string;
  section_code: string | null;
  nip: string | null;
}

export function authenticatedUserOf(record: Pick<UserAccountRecord, 'id' | 'username' | 'displayName' | 'role' | 'officeCode' | 'sectionCode' | 'nip'>): AuthenticatedUser {
  return {
    id: record.id,
    username: record.username,
    displayName: record.displayName,
    role: record.role as OfficerRole,
    officeCode: record.officeCode,
    ...(record.sectionCode ? { sectionCode: record.sectionCode } : {}),
    ...(record.nip ? { nip: record.nip } : {}),
  };
}

/** The account as listed: who the officer is and whether the account is active, never its hash. */
export function summaryOf(record: UserAccountRecord): AccountSummary {
  return {
    ...authenticatedUserOf(record),
    ...(record.position ? { position: record.position } : {}),
    active: record.active,
    createdAt: record.createdAt,
    secondFactorRequired: record.secondFactorRequired,
  };
}
