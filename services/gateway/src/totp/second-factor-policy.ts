import { parse } from '@pengaduan/runtime';
import { OFFICER_ROLES, type OfficerRole } from '../auth/authenticated-user';

/** The roles that must have a second factor, per office code; `*` for every office. */
export type SecondFactorRules = Readonly<Record<string, readonly OfficerRole[]>>;

/**
 * GATEWAY_TOTP_REQUIRED_ROLES: `<OFFICE>=<ROLE>|<ROLE>,…`, `*` as the office for every office,
 * e.g. `BLP=KEPALA_KANTOR|AUDITOR,*=KEPALA_SEKSI_TI`; empty: no role must.
 */
export function parseSecondFactorRules(raw: string): SecondFactorRules {
  const rules: Record<string, OfficerRole[]> = {};
  for (const entry of raw.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [office = '', roles = '', ...rest] = entry.split('=').map((p) => p.trim());
    if (rest.length > 0 || office === '') throw new Error(`"${entry}" is not <OFFICE>=<ROLE>|… (an office code, or * for every office)`);
    if (office !== '*') parse.officeCode(office);
    const list = roles.split('|').map((r) => r.trim()).filter(Boolean);
    if (list.length === 0) throw new Error(`"${entry}" names no role`);
    for (const role of list) {
      if (!(OFFICER_ROLES as readonly string[]).includes(role)) throw new Error(`"${role}" is none of ${OFFICER_ROLES.join(', ')}`);
    }
    rules[office] = [...new Set([...(rules[office] ?? []), ...(list as OfficerRole[])])];
  }
  return rules;
}

/**
 * Which officers must log in with a second factor: the roles the office policy names (ADR 0027),
 * and any officer the head of office requires one of (ADR 0042).
 */
export class SecondFactorPolicy {
  constructor(private readonly rules: SecondFactorRules = {}) {}

  requires(officer: { role: string; officeCode: string; secondFactorRequired?: boolean }): boolean {
    if (officer.secondFactorRequired === true) return true;
    return [this.rules[officer.officeCode], this.rules['*']].some((roles) => roles?.includes(officer.role as OfficerRole) === true);
  }
}
