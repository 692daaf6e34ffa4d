import { ServiceError } from '@pengaduan/runtime';
import type { OfficerRole } from '../auth/authenticated-user';
import { invalidRequest } from '../http/validation';
import type { SectionsQuery } from '../sections/sections.http.controller';
import { AccountError } from '../users/user-accounts';

/** The REST field of each field `checkNewAccount` names by its CLI option. */
const REST_FIELD_OF: Readonly<Record<string, string>> = { 'display-name': 'displayName', section: 'sectionCode', office: 'officeCode' };

/** An AccountError of `checkNewAccount` or `UserAccounts.add` as the REST problem naming the body's field. */
export function problemOfAccountError(error: unknown): unknown {
  if (!(error instanceof AccountError)) return error;
  const field = REST_FIELD_OF[error.field] ?? error.field;
  if (error.code === 'ACCOUNT.USERNAME_TAKEN') return new ServiceError('conflict', error.code, error.message, { fieldViolations: [{ field, description: error.message }] });
  return invalidRequest([{ field, description: `${field} ${error.message}` }]);
}

/**
 * A SEKSI_TERKAIT officer belongs to exactly one active section of their office (the sections
 * disposition keeps, ADR 0042), any other role to none: else a 400 naming `sectionCode`. A
 * retired section takes no new officers.
 */
export async function checkOfficerSection(
  sections: SectionsQuery,
  officer: { officeCode: string; role: OfficerRole; sectionCode: string | null },
  correlationId: string,
): Promise<void> {
  const fail = (description: string): never => {
    throw invalidRequest([{ field: 'sectionCode', description: `sectionCode ${description}` }]);
  };
  if (officer.role !== 'SEKSI_TERKAIT') {
    if (officer.sectionCode !== null) fail('is only for a SEKSI_TERKAIT officer');
    return;
  }
  if (officer.sectionCode === null) return fail('is required for a SEKSI_TERKAIT officer (the section they respond for)');
  const { items } = await sections.ofOffice(officer.officeCode, correlationId);
  if (!items.some((s) => s.code === officer.sectionCode)) fail("is none of the office's active sections (GET /api/v1/sections)");
}
