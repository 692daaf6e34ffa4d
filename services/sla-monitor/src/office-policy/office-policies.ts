import { canonicalSlaPolicy, DEFAULT_SLA_POLICY, parseSlaPolicy, sameSlaPolicy, type SlaPolicy } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';

/** Where a policy came from: the head of office in the web app, or the start-up file. */
export type PolicySource = 'HEAD_OF_OFFICE' | 'SLA_OFFICE_POLICIES_FILE' | 'test';

/** An office's policy in force, with its version (0 and no author while it has the default). */
export interface OfficePolicyVersion {
  officeCode: string;
  policy: SlaPolicy;
  version: number;
  isDefault: boolean;
  changedBy?: string;
  changedAt?: Date;
  source?: PolicySource;
}

/** Who sets a policy, when, from where; with the request's key when a head of office sent it. */
export interface PolicyChange {
  changedBy: string;
  source: PolicySource;
  at: Date;
  requestKey?: string;
}

interface PolicyRow {
  office_code: string;
  policy: unknown;
  version: number;
  changed_by: string;
  changed_at?: Date;
  updated_at?: Date;
  source?: PolicySource;
}

/**
 * Each office's SLA policy (libs/sop `SlaPolicy`): the one in force in `office_sla_policy`, every
 * version in the append-only `office_sla_policy_change` (docs/adr/0049). An office without a row
 * counts wall-clock hours with the service's default warning share. The policy in force is copied
 * onto each deadline when it starts, so a later change never moves a running deadline and every
 * due time can be explained afterwards.
 */
export class OfficePolicies {
  constructor(private readonly defaultWarningShare: number = DEFAULT_SLA_POLICY.warningShare) {}

  /** The default policy of an office that has chosen none. */
  get fallback(): SlaPolicy {
    return { ...DEFAULT_SLA_POLICY, warningShare: this.defaultWarningShare };
  }

  /** The office's policy in `tx`. A stored policy that no longer parses is an error, never silently replaced. */
  async of(tx: EntityManager, officeCode: string): Promise<SlaPolicy> {
    return (await this.current(tx, officeCode)).policy;
  }

  /** The office's policy in force, its version and who set it. */
  async current(tx: EntityManager, officeCode: string): Promise<OfficePolicyVersion> {
    const [row] = (await tx.query('SELECT office_code, policy, version, changed_by, updated_at, source FROM office_sla_policy WHERE office_code = $1', [officeCode])) as PolicyRow[];
    if (!row) return { officeCode, policy: this.fallback, version: 0, isDefault: true };
    return { ...this.versionOf({ ...row, changed_at: row.updated_at }), source: row.source };
  }

  /** The version of the office's policy that the request with this key set, if any (of any office: keys are unique). */
  async byRequest(tx: EntityManager, requestKey: string): Promise<OfficePolicyVersion | undefined> {
    const [row] = (await tx.query('SELECT office_code, policy, version, changed_by, changed_at FROM office_sla_policy_change WHERE request_key = $1', [requestKey])) as PolicyRow[];
    return row ? this.versionOf(row) : undefined;
  }

  /** The office's policy before `version` (the default before the first). */
  async before(tx: EntityManager, officeCode: string, version: number): Promise<SlaPolicy> {
    const [row] = (await tx.query('SELECT office_code, policy, version, changed_by, changed_at FROM office_sla_policy_change WHERE office_code = $1 AND version = $2', [officeCode, version - 1])) as PolicyRow[];
    return row ? this.versionOf(row).policy : this.fallback;
  }

  /** Holds the office's policy until the transaction ends, so that two changes are one after the other. */
  async lock(tx: EntityManager, officeCode: string): Promise<void> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('office_sla_policy:' || $1))", [officeCode]);
  }

  /**
   * Sets an office's policy (already checked, see {@link lock}) as its next version: appended to
   * the history and put in force. Applies to deadlines started from now on.
   */
  async record(tx: EntityManager, officeCode: string, policy: SlaPolicy, change: PolicyChange): Promise<OfficePolicyVersion> {
    const stored = canonicalSlaPolicy(policy);
    const [{ version }] = (await tx.query('SELECT COALESCE(max(version), 0) + 1 AS version FROM office_sla_policy_change WHERE office_code = $1', [officeCode])) as [{ version: number }];
    await tx.query('INSERT INTO office_sla_policy_change (office_code, version, policy, changed_by, changed_at, request_key) VALUES ($1, $2, $3, $4, $5, $6)', [
      officeCode,
      version,
      JSON.stringify(stored),
      change.changedBy,
      change.at,
      change.requestKey ?? null,
    ]);
    await tx.query(
      `INSERT INTO office_sla_policy (office_code, policy, source, updated_at, version, changed_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (office_code) DO UPDATE SET policy = $2, source = $3, updated_at = $4, version = $5, changed_by = $6`,
      [officeCode, JSON.stringify(stored), change.source, change.at, version, change.changedBy],
    );
    return { officeCode, policy: stored, version, isDefault: false, changedBy: change.changedBy, changedAt: change.at, source: change.source };
  }

  /**
   * The start-up file's policy of an office (SLA_OFFICE_POLICIES_FILE): its next version when it
   * differs from the one in force, unless the office's head of office has set the office's own,
   * which the file never overrides (docs/adr/0049).
   */
  async applyFromFile(tx: EntityManager, officeCode: string, policy: SlaPolicy, at: Date): Promise<'applied' | 'unchanged' | 'keptHeadOfOffice'> {
    await this.lock(tx, officeCode);
    const current = await this.current(tx, officeCode);
    if (current.source === 'HEAD_OF_OFFICE') return 'keptHeadOfOffice';
    if (!current.isDefault && sameSlaPolicy(current.policy, policy)) return 'unchanged';
    await this.record(tx, officeCode, policy, { changedBy: 'SLA_OFFICE_POLICIES_FILE', source: 'SLA_OFFICE_POLICIES_FILE', at });
    return 'applied';
  }

  private versionOf(row: PolicyRow): OfficePolicyVersion {
    const parsed = parseSlaPolicy(row.policy);
    if (!parsed.ok) throw new Error(`office ${row.office_code} has an invalid SLA policy: ${parsed.problems.join('; ')}`);
    return { officeCode: row.office_code, policy: canonicalSlaPolicy(parsed.policy), version: row.version, isDefault: false, changedBy: row.changed_by, ...(row.changed_at ? { changedAt: row.changed_at } : {}) };
  }
}
