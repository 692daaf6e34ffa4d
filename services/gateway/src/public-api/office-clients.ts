import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { hashPassword, verifyPassword } from '../auth/password-hasher';
import { OFFICE_CODE } from '../users/user-accounts';

/**
 * The role an office API client acts in on the SOP: the office's complaint desk (Admin
 * Tikkim), who registers complaints (step 1) and dismisses what is not the office's (step 2).
 * libs/sop checks it like any officer's.
 */
export const OFFICE_CLIENT_ROLE = 'ADMIN_TIKKIM';

/** `pgd_oc_<client id, 32 hex>_<secret, 43 base64url>`: the id finds the hash, the secret is verified against it. */
const TOKEN = /^pgd_oc_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

/** How long a verified token is taken without hashing again (a revoked client is refused within it). */
export const TOKEN_CACHE_MS = 30_000;
const TOKEN_CACHE_MAX = 1_000;

/** A calling office's system, as authenticated from its token. */
export interface OfficeClient {
  id: string;
  officeCode: string;
  name: string;
}

/** A client as listed: never its token nor the hash. */
export interface OfficeClientSummary extends OfficeClient {
  active: boolean;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Why a client cannot be created, naming the option. */
export class OfficeClientError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'OfficeClientError';
  }
}

interface ClientRow {
  id: string;
  office_code: string;
  name: string;
  token_hash: string;
  active: boolean;
  created_at: Date;
  revoked_at: Date | null;
}

/**
 * The offices' API clients of the public gRPC API, in the gateway's schema. A token is shown
 * once, when the client is created; only its secret's argon2id hash is kept (like officers'
 * passwords). A token is bound to one office: every call it makes is for that office.
 */
export class OfficeClients {
  private readonly verified = new Map<string, { client: OfficeClient; until: number }>();

  /** `dataSource` is asked for on each use: the service's is reachable only once migrated. */
  constructor(
    private readonly dataSource: () => DataSource,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates a client of an office; answers it with its token, which is not kept and cannot be shown again. */
  async add(input: { officeCode: string; name?: string }): Promise<{ client: OfficeClientSummary; token: string }> {
    if (!OFFICE_CODE.test(input.officeCode)) throw new OfficeClientError('office', 'must be an office code of 2-6 capital letters, e.g. BLP');
    const name = (input.name ?? `${input.officeCode} system`).trim();
    if (name.length < 1 || name.length > 200) throw new OfficeClientError('name', 'must be 1-200 characters');
    const id = uuidv7();
    const secret = randomBytes(32).toString('base64url');
    const [row] = (await this.dataSource().query(
      `INSERT INTO office_api_client (id, office_code, name, token_hash) VALUES ($1, $2, $3, $4) RETURNING *`,
      [id, input.officeCode, name, await hashPassword(secret)],
    )) as ClientRow[];
    return { client: summaryOf(row), token: `pgd_oc_${id.replace(/-/g, '')}_${secret}` };
  }

  async list(officeCode?: string): Promise<OfficeClientSummary[]> {
    const rows = (await this.dataSource().query(
      `SELECT * FROM office_api_client WHERE ($1::text IS NULL OR office_code = $1) ORDER BY office_code, created_at`,
      [officeCode ?? null],
    )) as ClientRow[];
    return rows.map(summaryOf);
  }

  /** Revokes a client: its token is refused from then on (by a running gateway within {@link TOKEN_CACHE_MS}). */
  async revoke(id: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
    // Selected from a CTE so the driver answers rows (TypeORM answers [rows, count] to a bare UPDATE).
    const rows = (await this.dataSource().query(
      `WITH revoked AS (UPDATE office_api_client SET active = false, revoked_at = now() WHERE id = $1 AND active RETURNING id)
       SELECT id FROM revoked`,
      [id],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The active client a token belongs to, or undefined for a malformed, unknown or revoked token. */
  async authenticate(token: string): Promise<OfficeClient | undefined> {
    const match = TOKEN.exec(token);
    if (!match) return undefined;
    const key = createHash('sha256').update(token).digest('hex');
    const cached = this.verified.get(key);
    if (cached && cached.until > this.now()) return cached.client;
    this.verified.delete(key);

    const hex = match[1];
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    const [row] = (await this.dataSource().query('SELECT * FROM office_api_client WHERE id = $1 AND active', [id])) as ClientRow[];
    if (!row || !(await verifyPassword(row.token_hash, match[2]))) return undefined;
    const client: OfficeClient = { id: row.id, officeCode: row.office_code, name: row.name };
    if (this.verified.size >= TOKEN_CACHE_MAX) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(key, { client, until: this.now() + TOKEN_CACHE_MS });
    return client;
  }
}

function summaryOf(row: ClientRow): OfficeClientSummary {
  return { id: row.id, officeCode: row.office_code, name: row.name, active: row.active, createdAt: row.created_at, revokedAt: row.revoked_at };
}
