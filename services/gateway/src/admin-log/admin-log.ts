import type { DataSource } from 'typeorm';
import type { AccountSecurityEventKind } from '../account-security-log/account-security-log';

/** One entry of the office's administration log, the usernames resolved. */
export interface AdminLogEntry {
  id: string;
  at: Date;
  kind: AccountSecurityEventKind;
  actorUsername: string;
  /** The account concerned, when the entry is about one. */
  username: string | null;
  /** What it is about when no account, e.g. `section:INTELDAKIM`. */
  target: string | null;
  change: Record<string, { before?: unknown; after?: unknown }> | null;
}

export interface AdminLogPage {
  items: AdminLogEntry[];
  total: number;
}

/**
 * The office's administration log (ADR 0042): the entries of the account security log
 * (ADR 0022) that an administrator made — accounts created, changed, reset and deactivated,
 * second factors removed, sections added, renamed and retired — newest first. One log, not two:
 * the entries are written by AccountSecurityLog.record with their actor; this only reads them.
 */
export class AdminLog {
  constructor(private readonly dataSource: () => DataSource) {}

  async page(officeCode: string, limit: number, offset: number): Promise<AdminLogPage> {
    const from = `FROM account_security_event e
         LEFT JOIN user_account a ON a.id = e.account_id
         JOIN user_account actor ON actor.id = e.actor_account_id
        WHERE COALESCE(e.office_code, a.office_code) = $1`;
    const rows = (await this.dataSource().query(
      `SELECT e.id, e.at, e.kind, actor.username AS actor_username, a.username, e.target, e.change
         ${from}
        ORDER BY e.at DESC, e.id DESC
        LIMIT $2 OFFSET $3`,
      [officeCode, limit, offset],
    )) as { id: string; at: Date; kind: AccountSecurityEventKind; actor_username: string; username: string | null; target: string | null; change: AdminLogEntry['change'] }[];
    const [{ total }] = (await this.dataSource().query(`SELECT count(*)::int AS total ${from}`, [officeCode])) as [{ total: number }];
    return {
      items: rows.map((r) => ({ id: r.id, at: r.at, kind: r.kind, actorUsername: r.actor_username, username: r.username, target: r.target, change: r.change })),
      total,
    };
  }
}
