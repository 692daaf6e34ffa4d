import { ROLE_LABELS, type Actor } from '@pengaduan/sop';
import type { Signatory } from '../document-types';
import { OfficeDirectory } from '../offices/office-directory';

/** The officer who signs a document, as the gateway named them, with the position of their SOP role. */
export function signatoryFor(officer: { name: string; nip?: string } | undefined, actor: Actor): Signatory | undefined {
  if (!officer || actor.kind !== 'user') return undefined;
  return { name: officer.name, ...(officer.nip ? { nip: officer.nip } : {}), position: ROLE_LABELS[actor.role].id };
}

/**
 * `OFFICE_PROFILES_FILE`: the offices' default letterheads, read by intake, which owns the office
 * profile (the head of office's changes over the file's, docs/adr/0048), and by the gateway (the
 * offices' names on the public pages).
 */
export const OFFICE_PROFILES_SETTING = {
  env: 'OFFICE_PROFILES_FILE',
  default: '',
  parse: (path: string): OfficeDirectory => OfficeDirectory.load(path === '' ? undefined : path),
  description:
    "JSON file of office code → letterhead (name, ministry, parent units, address, city, legal basis) for the SOP documents; built-in BLP and a template for any other office; the head of office's changes in the web app take precedence (docs/adr/0048)",
};
