import { readFileSync } from 'node:fs';
import { DocumentError } from '../errors';
import type { OfficeProfile } from '../document-types';
import { completeProfile, isNote, parsePartialProfile } from './office-profile';
import builtIn from './offices.json';

const TEMPLATE = '*';
const BUILT_IN = 'built-in (libs/documents/src/lib/offices/offices.json)';

type Partials = Map<string, Partial<OfficeProfile>>;

function parseFile(json: unknown, source: string): Partials {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new DocumentError('DOCUMENT.INVALID_OFFICE_PROFILES', `Office profiles ${source}: must be an object keyed by office code`);
  }
  const out: Partials = new Map();
  for (const [code, value] of Object.entries(json)) {
    if (isNote(code)) continue;
    if (code.trim() === '' || /\s/.test(code)) {
      throw new DocumentError('DOCUMENT.INVALID_OFFICE_PROFILES', `Office profiles ${source}: ${JSON.stringify(code)} is not an office code`, code);
    }
    const partial = parsePartialProfile(value, source, code);
    if (partial.code !== undefined && partial.code !== code) {
      throw new DocumentError('DOCUMENT.INVALID_OFFICE_PROFILES', `Office profiles ${source}: ${code}.code is ${JSON.stringify(partial.code)}, not the key ${JSON.stringify(code)}`, `${code}.code`);
    }
    out.set(code, partial);
  }
  return out;
}

/** The template with `{code}` filled in. */
function fromTemplate(template: OfficeProfile, code: string): OfficeProfile {
  const fill = (s: string) => s.split('{code}').join(code);
  const filled: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(template)) filled[k] = typeof v === 'string' ? fill(v) : Array.isArray(v) ? v.map((s: string) => fill(s)) : v;
  return completeProfile({ ...(filled as Partial<OfficeProfile>), code }, BUILT_IN, TEMPLATE);
}

/** The offices' letterhead data: built-in profiles merged with an office-supplied file. */
export class OfficeDirectory {
  private constructor(
    private readonly template: OfficeProfile,
    private readonly profiles: ReadonlyMap<string, OfficeProfile>,
  ) {}

  /**
   * Built-in profiles (`src/lib/offices/offices.json`: BLP = Kantor Imigrasi Kelas II TPI Belakang
   * Padang, Kepulauan Riau, and a `'*'` template) merged with the JSON file at `file` (object keyed
   * by office code, each a partial or full OfficeProfile; `'*'` overrides the template; keys
   * beginning with `$` are comments). Throws an Error naming the file and the field when the file
   * is unreadable or a profile is invalid.
   */
  static load(file?: string): OfficeDirectory {
    const builtIns = parseFile(builtIn as unknown, BUILT_IN);
    let extra: Partials = new Map();
    if (file !== undefined) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new DocumentError('DOCUMENT.INVALID_OFFICE_PROFILES', `Office profiles file ${file} cannot be read: ${(e as Error).message}`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new DocumentError('DOCUMENT.INVALID_OFFICE_PROFILES', `Office profiles file ${file} is not valid JSON: ${(e as Error).message}`);
      }
      extra = parseFile(json, `file ${file}`);
    }
    const source = (code: string) => (extra.has(code) ? `file ${file}` : BUILT_IN);

    const template = completeProfile({ ...builtIns.get(TEMPLATE), ...extra.get(TEMPLATE), code: TEMPLATE }, source(TEMPLATE), TEMPLATE);
    const profiles = new Map<string, OfficeProfile>();
    for (const code of new Set([...builtIns.keys(), ...extra.keys()])) {
      if (code === TEMPLATE) continue;
      // Every profile starts from the template, so a partial one (built-in or from the file) is complete.
      profiles.set(code, completeProfile({ ...fromTemplate(template, code), ...builtIns.get(code), ...extra.get(code), code }, source(code), code));
    }
    return new OfficeDirectory(template, profiles);
  }

  /** The office's profile; an office without its own gets the `'*'` template with its code filled in (name `Kantor Imigrasi ${code}`), so documents never fail for a new office. */
  profileOf(code: string): OfficeProfile {
    if (typeof code !== 'string' || code.trim() === '') {
      throw new DocumentError('DOCUMENT.INVALID_INPUT', `office code must be a non-empty text, got ${JSON.stringify(code)}`, 'code');
    }
    return this.profiles.get(code) ?? fromTemplate(this.template, code);
  }

  /** Codes with their own profile, sorted. */
  codes(): string[] {
    return [...this.profiles.keys()].sort();
  }
}
