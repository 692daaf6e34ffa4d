import { ROLE_LABELS, type Actor } from '@pengaduan/sop';
import type { OfficeProfile, Signatory } from '../document-types';
import { OfficeDirectory } from '../offices/office-directory';

/** The officer who signs a document, as the gateway named them, with the position of their SOP role. */
export function signatoryFor(officer: { name: string; nip?: string } | undefined, actor: Actor): Signatory | undefined {
  if (!officer || actor.kind !== 'user') return undefined;
  return { name: officer.name, ...(officer.nip ? { nip: officer.nip } : {}), position: ROLE_LABELS[actor.role].id };
}

/** `OFFICE_PROFILES_FILE`: the letterheads of the offices, for every service that renders documents. */
export const OFFICE_PROFILES_SETTING = {
  env: 'OFFICE_PROFILES_FILE',
  default: '',
  parse: (path: string): OfficeDirectory => OfficeDirectory.load(path === '' ? undefined : path),
  description: 'JSON file of office code → letterhead (name, ministry, parent units, address, city, legal basis) for the SOP documents; built-in BLP and a template for any other office',
};

/** The letterhead of an office, for a service's document. */
export type OfficeProfiles = { profileOf(code: string): OfficeProfile };
