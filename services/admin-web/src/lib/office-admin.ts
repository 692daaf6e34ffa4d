// The office's administration (docs/adr/0042): who administers (lib/accounts), what may be
// chosen for an officer, and the gateway's paths.
import { ROLES } from '@pengaduan/sop';

/** The roles an officer may be given: libs/sop's, but the complainant's and the platform operator's. */
export const OFFICER_ROLE_CHOICES: readonly string[] = ROLES.filter((role: string) => role !== 'PELAPOR' && role !== 'OPERATOR');

/** The role whose officers belong to a section. */
export const SECTION_ROLE = 'SEKSI_TERKAIT';

/** What the officer form edits; the section only for {@link SECTION_ROLE}. */
export interface OfficerInput {
  username: string;
  displayName: string;
  nip: string;
  position: string;
  role: string;
  sectionCode: string;
  secondFactorRequired: boolean;
}

export const EMPTY_OFFICER: OfficerInput = { username: '', displayName: '', nip: '', position: '', role: '', sectionCode: '', secondFactorRequired: false };

/** The body of `POST /api/v1/users`: the fields left empty are left out. */
export function addOfficerBody(input: OfficerInput): Record<string, unknown> {
  return {
    username: input.username.trim().toLowerCase(),
    displayName: input.displayName.trim(),
    role: input.role,
    ...(input.nip.trim() ? { nip: input.nip.trim() } : {}),
    ...(input.position.trim() ? { position: input.position.trim() } : {}),
    ...(input.role === SECTION_ROLE && input.sectionCode ? { sectionCode: input.sectionCode } : {}),
    ...(input.secondFactorRequired ? { secondFactorRequired: true } : {}),
  };
}

/** The body of `PATCH /api/v1/users/{username}`: role, section, position, second factor. */
export function changeOfficerBody(input: OfficerInput): Record<string, unknown> {
  return {
    role: input.role,
    sectionCode: input.role === SECTION_ROLE && input.sectionCode ? input.sectionCode : null,
    ...(input.position.trim() ? { position: input.position.trim() } : {}),
    secondFactorRequired: input.secondFactorRequired,
  };
}

/** `/api/v1/users/<username>`. */
export const officerPath = (username: string): string => `/api/v1/users/${encodeURIComponent(username)}`;

/** `/api/v1/sections/<code>[/retire]`. */
export const sectionPath = (code: string, retire = false): string => `/api/v1/sections/${encodeURIComponent(code)}${retire ? '/retire' : ''}`;
