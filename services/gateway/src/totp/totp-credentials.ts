import type { DataSource, EntityManager } from 'typeorm';
import { TotpSecretBox } from './totp-secret-box';

/** An account's TOTP credential, its secret opened. */
export interface TotpCredential {
  accountId: string;
  secret: Buffer;
  /** Pending (enrolment started, no code confirmed it yet) or active. */
  active: boolean;
  /** The last time step a code was taken for: a code of it or before is refused (a replay). */
  lastUsedStep: number | null;
}

/** Whether an account has a second factor, for its status. */
export interface TotpCredentialState {
  active: boolean;
  pending: boolean;
  recoveryCodesLeft: number;
}

/**
 * The officers' TOTP credentials (`totp_credential`, the secret sealed by {@link TotpSecretBox})
 * and recovery codes (`totp_recovery_code`, SHA-256 hashes). Every use of a code is one atomic
 * update, so two requests with the same code cannot both succeed.
 */
export class TotpCredentials {
  /** `dataSource` is asked for on each use: the service's is reachable only once migrated. */
  constructor(
    private readonly dataSource: () => DataSource,
    private readonly box: TotpSecretBox,
  ) {}

  /** The account's credential, its secret opened (a SealedSecretError when it does not open); undefined when it has none. */
  async of(accountId: string): Promise<TotpCredential | undefined> {
    const [row] = (await this.dataSource().query('SELECT sealed_secret, confirmed_at, last_used_step FROM totp_credential WHERE account_id = $1', [accountId])) as {
      sealed_secret: string;
      confirmed_at: Date | null;
      last_used_step: string | null;
    }[];
    if (!row) return undefined;
    return { accountId, secret: this.box.open(row.sealed_secret, accountId), active: row.confirmed_at !== null, lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step) };
  }

  async state(accountId: string): Promise<TotpCredentialState> {
    const [row] = (await this.dataSource().query(
      `SELECT (SELECT confirmed_at IS NOT NULL FROM totp_credential WHERE account_id = $1) AS active,
              (SELECT count(*)::int FROM totp_recovery_code WHERE account_id = $1 AND used_at IS NULL) AS recovery_codes_left`,
      [accountId],
    )) as { active: boolean | null; recovery_codes_left: number }[];
    return { active: row?.active === true, pending: row?.active === false, recoveryCodesLeft: row?.active ? (row.recovery_codes_left ?? 0) : 0 };
  }

  /** Whether the account has an active second factor. */
  async isActive(accountId: string): Promise<boolean> {
    return (await this.state(accountId)).active;
  }

  /** Keeps a new pending secret for the account (replacing a pending one); false when it has an active one. */
  async startEnrolment(manager: EntityManager, accountId: string, secret: Uint8Array, at: Date): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO totp_credential (account_id, sealed_secret, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (account_id) DO UPDATE SET sealed_secret = EXCLUDED.sealed_secret, created_at = EXCLUDED.created_at, last_used_step = NULL
         WHERE totp_credential.confirmed_at IS NULL
       RETURNING account_id`,
      [accountId, this.box.seal(secret, accountId), at],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * Activates the pending credential with the step its first code was of, and replaces the
   * account's recovery codes by `recoveryCodeHashes`; false when nothing was pending.
   */
  async activate(manager: EntityManager, accountId: string, step: number, at: Date, recoveryCodeHashes: string[]): Promise<boolean> {
    const [rows] = (await manager.query('UPDATE totp_credential SET confirmed_at = $2, last_used_step = $3 WHERE account_id = $1 AND confirmed_at IS NULL RETURNING account_id', [
      accountId,
      at,
      step,
    ])) as [unknown[], number];
    if (rows.length === 0) return false;
    await manager.query('DELETE FROM totp_recovery_code WHERE account_id = $1', [accountId]);
    await manager.query('INSERT INTO totp_recovery_code (account_id, code_hash) SELECT $1, unnest($2::text[])', [accountId, recoveryCodeHashes]);
    return true;
  }

  /** Takes the step of an active credential: false when a code of it or of a later step was taken already. */
  async takeStep(accountId: string, step: number): Promise<boolean> {
    const [rows] = (await this.dataSource().query(
      `UPDATE totp_credential SET last_used_step = $2
        WHERE account_id = $1 AND confirmed_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < $2)
        RETURNING account_id`,
      [accountId, step],
    )) as [unknown[], number];
    return rows.length > 0;
  }

  /** Takes an unused recovery code of an account with an active credential: false when there is none such. */
  async takeRecoveryCode(accountId: string, codeHash: string, at: Date): Promise<boolean> {
    const [rows] = (await this.dataSource().query(
      `UPDATE totp_recovery_code c SET used_at = $3
        WHERE c.account_id = $1 AND c.code_hash = $2 AND c.used_at IS NULL
          AND EXISTS (SELECT 1 FROM totp_credential t WHERE t.account_id = $1 AND t.confirmed_at IS NOT NULL)
        RETURNING c.account_id`,
      [accountId, codeHash, at],
    )) as [unknown[], number];
    return rows.length > 0;
  }

  /** Removes the account's credential and recovery codes. */
  async remove(manager: EntityManager, accountId: string): Promise<void> {
    await manager.query('DELETE FROM totp_recovery_code WHERE account_id = $1', [accountId]);
    await manager.query('DELETE FROM totp_credential WHERE account_id = $1', [accountId]);
  }
}
