import type { OfficeDirectory, OfficeProfile } from '@pengaduan/documents';
import { officeProfileFieldsOf, type OfficeProfileFields } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';

/** Where the profile in force comes from: the file (no version yet) or the head of office's newest version. */
export type OfficeProfileSource = 'file' | 'office';

/** An office's profile in force, with what it is made of. */
export interface OfficeProfileInForce {
  profile: OfficeProfile;
  /** How many versions the office made; 0: the file's is in force. */
  version: number;
  source: OfficeProfileSource;
  /** When the version in force was made (none for the file's). */
  changedAt?: Date;
  /** The part of the profile the head of office edits. */
  fields: OfficeProfileFields;
}

/** A connection or a transaction's manager (which sees its own writes). */
type Db = Pick<EntityManager, 'query'>;

interface VersionRow {
  version: number;
  profile: OfficeProfileFields;
  changed_at: Date;
}

/**
 * The offices' profiles intake owns (docs/adr/0048): the head of office's versions in
 * `office_profile_version`, append-only, the newest in force over the file's profile
 * (`OFFICE_PROFILES_FILE`, its template for an office without one), which still gives what the
 * office never edits (the code, the team decree's legal basis). Read at every rendering, never
 * kept in memory: intake's own documents read it in their transaction, the other services ask
 * `GetOfficeProfile`.
 */
export class OfficeProfileVersions {
  constructor(private readonly file: OfficeDirectory) {}

  /** The office's profile in force, read with `db`. */
  async inForce(db: Db, officeCode: string): Promise<OfficeProfileInForce> {
    const [row] = (await db.query('SELECT version, profile, changed_at FROM office_profile_version WHERE office_code = $1 ORDER BY version DESC LIMIT 1', [officeCode])) as VersionRow[];
    return this.made(officeCode, row);
  }

  /** The office's profile as it was at `version` (0: the file's). */
  async at(db: Db, officeCode: string, version: number): Promise<OfficeProfileInForce> {
    if (version === 0) return this.made(officeCode, undefined);
    const [row] = (await db.query('SELECT version, profile, changed_at FROM office_profile_version WHERE office_code = $1 AND version = $2', [officeCode, version])) as VersionRow[];
    if (!row) throw new Error(`office ${officeCode} has no version ${version} of its profile`);
    return this.made(officeCode, row);
  }

  /** The letterhead of a document intake renders now, in `db`'s transaction. */
  async profileOf(db: Db, officeCode: string): Promise<OfficeProfile> {
    return (await this.inForce(db, officeCode)).profile;
  }

  private made(officeCode: string, row: VersionRow | undefined): OfficeProfileInForce {
    const file = this.file.profileOf(officeCode);
    if (!row) return { profile: file, version: 0, source: 'file', fields: officeProfileFieldsOf(file) };
    // What the office set replaces the file's editable part whole (an optional field it left empty is none).
    const { phone: _phone, email: _email, website: _website, ...kept } = file;
    const profile: OfficeProfile = { ...kept, ...row.profile, code: file.code, parentUnits: [...row.profile.parentUnits], legalBasis: [...file.legalBasis] };
    return { profile, version: row.version, source: 'office', changedAt: new Date(row.changed_at), fields: officeProfileFieldsOf(profile) };
  }
}
