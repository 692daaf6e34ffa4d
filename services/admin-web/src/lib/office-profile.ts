// The office's profile (docs/adr/0048): what the head of office edits on /administrasi/profil, the
// checks the form makes before it sends (libs/sop FIELD_RULES, as the gateway and intake check),
// and the letterhead the documents print (libs/sop letterheadLines, the one the PDFs use).
import { FIELD_RULES, letterheadLines, type LetterheadLines, type OfficeProfileFields } from '@pengaduan/sop';
import { checkText, type FieldErrors } from './validation';

/** `GET /api/v1/office-profile` (its ETag is `version`). */
export interface OfficeProfile {
  readonly officeCode: string;
  readonly version: number;
  readonly source: 'file' | 'office';
  readonly changedAt?: string;
  readonly ministry: string;
  readonly parentUnits: readonly string[];
  readonly name: string;
  readonly address: string;
  readonly city: string;
  readonly phone?: string;
  readonly email?: string;
  readonly website?: string;
}

/** What the form holds: every field a text, the parent units one per line. */
export interface OfficeProfileInput {
  ministry: string;
  parentUnits: string;
  name: string;
  address: string;
  city: string;
  phone: string;
  email: string;
  website: string;
}

/** The fields the form shows, in the letterhead's order (and the gateway's names, for its field errors). */
export const OFFICE_PROFILE_INPUTS = ['ministry', 'parentUnits', 'name', 'address', 'city', 'phone', 'email', 'website'] as const satisfies readonly (keyof OfficeProfileInput)[];

export const OFFICE_PROFILE_PATH = '/api/v1/office-profile';

export function inputOf(profile: OfficeProfile): OfficeProfileInput {
  return {
    ministry: profile.ministry,
    parentUnits: profile.parentUnits.join('\n'),
    name: profile.name,
    address: profile.address,
    city: profile.city,
    phone: profile.phone ?? '',
    email: profile.email ?? '',
    website: profile.website ?? '',
  };
}

/** The parent units as the form has them: one a line, blank lines left out. */
function unitsOf(text: string): string[] {
  return text
    .split('\n')
    .map((u) => u.trim())
    .filter((u) => u !== '');
}

/** The body of `PUT /api/v1/office-profile`: texts trimmed, an empty phone, e-mail or website left out (none). */
export function officeProfileBody(input: OfficeProfileInput): OfficeProfileFields {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const [phone, email, website] = [optional(input.phone), optional(input.email), optional(input.website)];
  return {
    ministry: input.ministry.trim(),
    parentUnits: unitsOf(input.parentUnits),
    name: input.name.trim(),
    address: input.address.trim(),
    city: input.city.trim(),
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    ...(website ? { website } : {}),
  };
}

/** What the form refuses before it sends: a required field blank or too long, too many units or one too long, a malformed phone, e-mail or website. */
export function validateOfficeProfile(input: OfficeProfileInput): FieldErrors {
  const errors: FieldErrors = {};
  checkText(errors, 'ministry', input.ministry, FIELD_RULES.officeMinistry.maxLength);
  const units = unitsOf(input.parentUnits);
  const longest = Math.max(0, ...units.map((u) => u.length));
  if (units.length > FIELD_RULES.officeParentUnits.maxItems) errors['parentUnits'] = { key: 'profile.tooManyUnits', params: { max: FIELD_RULES.officeParentUnits.maxItems } };
  else if (longest > FIELD_RULES.officeParentUnits.maxLength) errors['parentUnits'] = { key: 'validation.tooLong', params: { max: FIELD_RULES.officeParentUnits.maxLength, length: longest } };
  checkText(errors, 'name', input.name, FIELD_RULES.officeName.maxLength);
  checkText(errors, 'address', input.address, FIELD_RULES.officeAddress.maxLength);
  checkText(errors, 'city', input.city, FIELD_RULES.officeCity.maxLength);
  if (input.phone.trim() !== '' && !FIELD_RULES.officePhone.pattern.test(input.phone.trim())) errors['phone'] = { key: 'profile.phoneFormat' };
  if (input.email.trim() !== '' && !FIELD_RULES.officeEmail.pattern.test(input.email.trim())) errors['email'] = { key: 'validation.email' };
  if (input.website.trim() !== '' && !FIELD_RULES.officeWebsite.pattern.test(input.website.trim())) errors['website'] = { key: 'profile.websiteFormat' };
  return errors;
}

/** The letterhead as the documents will print it with what the form holds now. */
export function letterheadPreview(input: OfficeProfileInput): LetterheadLines {
  return letterheadLines(officeProfileBody(input));
}
