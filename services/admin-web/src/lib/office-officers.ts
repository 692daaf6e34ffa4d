// The office's officers a team decree may name (`GET /api/v1/office/officers`, the head of
// office only), and how picking one fills a member's row of the team form.

/** An active officer of the office, as the gateway lists them. */
export interface OfficeOfficer {
  readonly id: string;
  readonly displayName: string;
  /** Absent for an account without one: the form then asks for it. */
  readonly nip?: string;
  readonly position?: string;
  readonly role: string;
  readonly sectionCode?: string;
}

/** `GET /api/v1/office/officers`. */
export const OFFICE_OFFICERS_PATH = '/api/v1/office/officers';

/** The picker's choice of someone from outside the office, whose name, NIP and position are typed in. */
export const OUTSIDE_OFFICE = 'outside';

/** How the picker names an officer: "Nama — NIP" (the name alone when the account has no NIP). */
export function officerOptionLabel(officer: OfficeOfficer): string {
  return officer.nip ? `${officer.displayName} — ${officer.nip}` : officer.displayName;
}

/** The member fields a picked officer fills: what the account lacks is left empty, to be typed in. */
export function memberFieldsOf(officer: OfficeOfficer): { name: string; nip: string; position: string } {
  return { name: officer.displayName, nip: officer.nip ?? '', position: officer.position ?? '' };
}
