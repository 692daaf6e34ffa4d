import { FIELD_RULES } from './field-rules';

/**
 * What the head of office edits of the office's profile (docs/adr/0048): the lines of the SOP
 * documents' letterhead (kop surat) and the office's contact. The rest of the profile (its code,
 * the team decree's legal basis) stays the file's (`OFFICE_PROFILES_FILE`, libs/documents).
 * Absent `phone`, `email`, `website`: the letterhead has none.
 */
export interface OfficeProfileFields {
  ministry: string;
  /** The units between ministry and office, top down. */
  parentUnits: string[];
  name: string;
  address: string;
  city: string;
  phone?: string;
  email?: string;
  website?: string;
}

/** The fields in the order of the letterhead and of the form. */
export const OFFICE_PROFILE_FIELDS = ['ministry', 'parentUnits', 'name', 'address', 'city', 'phone', 'email', 'website'] as const satisfies readonly (keyof OfficeProfileFields)[];

export type OfficeProfileField = (typeof OFFICE_PROFILE_FIELDS)[number];

/** The fields that may be left empty. */
export const OPTIONAL_OFFICE_PROFILE_FIELDS = ['phone', 'email', 'website'] as const satisfies readonly OfficeProfileField[];

/** The rule of each field (FIELD_RULES, one rule per field). */
export const OFFICE_PROFILE_RULES = {
  ministry: FIELD_RULES.officeMinistry,
  parentUnits: FIELD_RULES.officeParentUnits,
  name: FIELD_RULES.officeName,
  address: FIELD_RULES.officeAddress,
  city: FIELD_RULES.officeCity,
  phone: FIELD_RULES.officePhone,
  email: FIELD_RULES.officeEmail,
  website: FIELD_RULES.officeWebsite,
} as const satisfies Record<OfficeProfileField, unknown>;

/** A field that breaks its rule: its name (`parentUnits[1]`) and what it must be. */
export interface OfficeProfileViolation {
  field: string;
  description: string;
}

type Fields = Readonly<{ [K in OfficeProfileField]?: unknown }>;

function lineProblem(value: unknown, rule: { minLength: number; maxLength: number; pattern: RegExp; description: string }): string | undefined {
  if (typeof value !== 'string') return 'must be a text';
  if (value.length < rule.minLength || value.length > rule.maxLength) return `must be ${rule.minLength} to ${rule.maxLength} characters`;
  if (!rule.pattern.test(value)) return `must be ${rule.description}: not blank, no control characters or line breaks`;
  return undefined;
}

/**
 * Every field of `fields` (trimmed, as {@link normaliseOfficeProfileFields} keeps them) that
 * breaks its rule, each named: the required texts present, within their lengths, on one line;
 * phone, e-mail and website, when given, in their formats.
 */
export function officeProfileViolations(fields: Fields): OfficeProfileViolation[] {
  const out: OfficeProfileViolation[] = [];
  for (const field of ['ministry', 'name', 'address', 'city'] as const) {
    const problem = lineProblem(fields[field], OFFICE_PROFILE_RULES[field]);
    if (problem) out.push({ field, description: problem });
  }
  const units = fields.parentUnits;
  const unitsRule = OFFICE_PROFILE_RULES.parentUnits;
  if (!Array.isArray(units)) out.push({ field: 'parentUnits', description: 'must be a list of texts' });
  else if (units.length > unitsRule.maxItems) out.push({ field: 'parentUnits', description: `must list at most ${unitsRule.maxItems} units` });
  else
    units.forEach((unit, i) => {
      const problem = lineProblem(unit, unitsRule);
      if (problem) out.push({ field: `parentUnits[${i}]`, description: problem });
    });
  for (const field of OPTIONAL_OFFICE_PROFILE_FIELDS) {
    const value = fields[field];
    if (value === undefined) continue;
    const rule = OFFICE_PROFILE_RULES[field];
    if (typeof value !== 'string' || !rule.pattern.test(value)) out.push({ field, description: `must be ${rule.description}, e.g. ${rule.example}` });
  }
  return out;
}

/** The fields as they are kept: every text trimmed, an empty optional field left out. */
export function normaliseOfficeProfileFields(fields: OfficeProfileFields): OfficeProfileFields {
  const optional = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const phone = optional(fields.phone);
  const email = optional(fields.email);
  const website = optional(fields.website);
  return {
    ministry: fields.ministry.trim(),
    parentUnits: fields.parentUnits.map((u) => u.trim()),
    name: fields.name.trim(),
    address: fields.address.trim(),
    city: fields.city.trim(),
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    ...(website ? { website } : {}),
  };
}

/** The editable part of a whole profile (a document's, or one on the wire): an empty phone, e-mail or website is none. */
export function officeProfileFieldsOf(p: Readonly<Pick<OfficeProfileFields, 'ministry' | 'name' | 'address' | 'city'> & { parentUnits: readonly string[]; phone?: string; email?: string; website?: string }>): OfficeProfileFields {
  return {
    ministry: p.ministry,
    parentUnits: [...p.parentUnits],
    name: p.name,
    address: p.address,
    city: p.city,
    ...(p.phone ? { phone: p.phone } : {}),
    ...(p.email ? { email: p.email } : {}),
    ...(p.website ? { website: p.website } : {}),
  };
}

/** The fields whose values differ between two profiles (none: the same content), in the letterhead's order. */
export function changedOfficeProfileFields(before: OfficeProfileFields, after: OfficeProfileFields): OfficeProfileField[] {
  return OFFICE_PROFILE_FIELDS.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));
}

/** A letterhead as the documents print it, top down. */
export interface LetterheadLines {
  /** In capitals, as every line but the contact. */
  ministry: string;
  parentUnits: string[];
  office: string;
  /** Address, phone, e-mail and website on one line; empty when the office has none of them. */
  contact: string;
}

/**
 * The letterhead of an office's documents (libs/documents prints it on page 1 of every PDF; the
 * web app previews it): ministry, parent units and office in capitals, then the contact line
 * `address; Telepon …; Pos-el …; Laman …`.
 */
export function letterheadLines(profile: Readonly<Pick<OfficeProfileFields, 'ministry' | 'parentUnits' | 'name' | 'address' | 'phone' | 'email' | 'website'>>): LetterheadLines {
  const caps = (s: string) => s.toLocaleUpperCase('id-ID');
  const contact = [profile.address.trim(), profile.phone && `Telepon ${profile.phone}`, profile.email && `Pos-el ${profile.email}`, profile.website && `Laman ${profile.website}`].filter(Boolean).join('; ');
  return { ministry: caps(profile.ministry), parentUnits: profile.parentUnits.map(caps), office: caps(profile.name), contact };
}
