import type { OfficeProfile } from '../document-types';
import { DocumentError } from '../errors';

type Field = keyof OfficeProfile;

const REQUIRED_TEXT: readonly Field[] = ['code', 'name', 'ministry'];
const TEXT: readonly Field[] = ['address', 'city'];
const OPTIONAL_TEXT: readonly Field[] = ['phone', 'email', 'website'];
const TEXT_LISTS: readonly Field[] = ['parentUnits', 'legalBasis'];
const FIELDS: ReadonlySet<string> = new Set<string>([...REQUIRED_TEXT, ...TEXT, ...OPTIONAL_TEXT, ...TEXT_LISTS]);

/** Keys beginning with `$` (`$comment`) are notes for people and are ignored. */
export const isNote = (key: string): boolean => key.startsWith('$');

function invalid(source: string, field: string, problem: string): DocumentError {
  return new DocumentError('DOCUMENT.INVALID_OFFICE_PROFILES', `Office profiles ${source}: ${field} ${problem}`, field);
}

/**
 * Checks the shape of a (partial) profile as found in a file and returns its known fields.
 * `at` is the profile's path in the file (`BLP`), `source` the file, both for the message.
 */
export function parsePartialProfile(value: unknown, source: string, at: string): Partial<OfficeProfile> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(source, at, 'must be an object (an office profile)');
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (isNote(key)) continue;
    const field = `${at}.${key}`;
    if (!FIELDS.has(key)) throw invalid(source, field, `is not a field of an office profile (fields: ${[...FIELDS].join(', ')})`);
    if (TEXT_LISTS.includes(key as Field)) {
      if (!Array.isArray(v)) throw invalid(source, field, 'must be a list of texts');
      v.forEach((item, i) => {
        if (typeof item !== 'string' || item.trim() === '') throw invalid(source, `${field}[${i}]`, 'must be a non-empty text');
      });
      out[key] = [...(v as string[])];
    } else {
      if (typeof v !== 'string') throw invalid(source, field, 'must be a text');
      if (REQUIRED_TEXT.includes(key as Field) && v.trim() === '') throw invalid(source, field, 'must not be empty');
      out[key] = v;
    }
  }
  return out as Partial<OfficeProfile>;
}

/** Checks that a merged profile has every required field; returns it frozen. */
export function completeProfile(p: Partial<OfficeProfile>, source: string, at: string): OfficeProfile {
  for (const f of [...REQUIRED_TEXT, ...TEXT, ...TEXT_LISTS]) {
    if (p[f] === undefined) throw invalid(source, `${at}.${f}`, 'is missing (and neither the built-in profile nor the "*" template gives it)');
  }
  if (p.legalBasis?.length === 0) throw invalid(source, `${at}.legalBasis`, 'must name at least one regulation (the team decree cites it)');
  return Object.freeze({ ...p, parentUnits: Object.freeze([...(p.parentUnits ?? [])]), legalBasis: Object.freeze([...(p.legalBasis ?? [])]) }) as OfficeProfile;
}
