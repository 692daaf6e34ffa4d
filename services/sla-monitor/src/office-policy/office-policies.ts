import { DEFAULT_SLA_POLICY, parseSlaPolicy, type SlaPolicy } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';

/**
 * Each office's SLA policy (libs/sop `SlaPolicy`), kept in `office_sla_policy`. An office
 * without a row counts wall-clock hours with the service's default warning share. The policy in
 * force is copied onto each deadline when it starts, so a later change never moves a running
 * deadline and every due time can be explained afterwards.
 */
export class OfficePolicies {
  constructor(private readonly defaultWarningShare: number = DEFAULT_SLA_POLICY.warningShare) {}

  /** The default policy of an office that has chosen none. */
  get fallback(): SlaPolicy {
    return { ...DEFAULT_SLA_POLICY, warningShare: this.defaultWarningShare };
  }

  /** The office's policy in `tx`. A stored policy that no longer parses is an error, never silently replaced. */
  async of(tx: EntityManager, officeCode: string): Promise<SlaPolicy> {
    const [row] = (await tx.query('SELECT policy FROM office_sla_policy WHERE office_code = $1', [officeCode])) as { policy: unknown }[];
    if (!row) return this.fallback;
    const parsed = parseSlaPolicy(row.policy);
    if (!parsed.ok) throw new Error(`office ${officeCode} has an invalid SLA policy: ${parsed.problems.join('; ')}`);
    return parsed.policy;
  }

  /** Sets an office's policy (already checked), naming where it came from. Applies to deadlines started from now on. */
  async set(tx: EntityManager, officeCode: string, policy: SlaPolicy, source: string): Promise<void> {
    await tx.query(
      `INSERT INTO office_sla_policy (office_code, policy, source, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (office_code) DO UPDATE SET policy = $2, source = $3, updated_at = now()`,
      [officeCode, JSON.stringify(policy), source],
    );
  }
}
