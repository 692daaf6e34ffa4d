import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError, type Clock, type Logger } from '@pengaduan/runtime';
import type { OfficeProfile } from '@pengaduan/documents';
import { changedOfficeProfileFields, FIELD_RULES, normaliseOfficeProfileFields, officeProfileViolations, type OfficeProfileFields, type Role } from '@pengaduan/sop';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { OfficeProfileVersions, type OfficeProfileInForce } from './office-profile-versions';

/** Who changes the office's profile: the head of office, who administers the office (docs/adr/0042, 0048). */
export const OFFICE_PROFILE_EDITOR: Role = 'KEPALA_KANTOR';

export interface UpdateOfficeProfileCommand {
  /** The idempotency key (the gateway's request id, per officer). */
  requestId: string;
  userId: string;
  role: Role;
  /** The officer's office: the profile changed. */
  officeCode: string;
  /** The version the officer saw (0: the file's). */
  expectedVersion: number;
  /** Every editable field as the profile is to be. */
  fields: OfficeProfileFields;
}

export interface UpdateOfficeProfileResult {
  /** The profile in force now (for a retry: the version the first call made). */
  inForce: OfficeProfileInForce;
  /** The profile in force before. */
  previous: OfficeProfile;
  /** False when the fields were the profile's already: no version made. */
  changed: boolean;
}

/**
 * The head of office changes the office's profile (docs/adr/0048): the fields are checked against
 * FIELD_RULES (each bad one named), and a new version is appended when they differ from the
 * profile in force and the officer saw the newest version (else 409
 * `OFFICE_PROFILE.VERSION_CONFLICT`, the current version in the details). The same content again
 * changes nothing. One change of an office at a time (an advisory lock on the office); a retry
 * with the same request id answers the version it made, the id used for other content is 422.
 */
export class UpdateOfficeProfileHandler {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly versions: OfficeProfileVersions,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async execute(c: UpdateOfficeProfileCommand): Promise<UpdateOfficeProfileResult> {
    if (c.role !== OFFICE_PROFILE_EDITOR) throw new ServiceError('forbidden', 'OFFICE_PROFILE.FORBIDDEN_ROLE', `only the ${OFFICE_PROFILE_EDITOR} changes the office's profile`);
    const fields = normaliseOfficeProfileFields(c.fields);
    const violations = [...officeProfileViolations(fields), ...requestViolations(c)];
    if (violations.length > 0) throw new ServiceError('invalid', 'REQUEST.INVALID', "the office's profile cannot be saved as sent", { fieldViolations: violations });
    const hash = createHash('sha256').update(JSON.stringify({ officeCode: c.officeCode, expectedVersion: c.expectedVersion, fields, userId: c.userId })).digest('hex');

    return this.runtime.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`office-profile/${c.officeCode}`]);
      const replay = await this.replayOf(tx, c, hash);
      if (replay) return replay;
      const current = await this.versions.inForce(tx, c.officeCode);
      if (changedOfficeProfileFields(current.fields, fields).length === 0) return { inForce: current, previous: current.profile, changed: false };
      if (current.version !== c.expectedVersion) {
        throw new ServiceError(
          'conflict',
          'OFFICE_PROFILE.VERSION_CONFLICT',
          `the profile of office ${c.officeCode} is at version ${current.version}, not ${c.expectedVersion}: reload it and change it again`,
          { version: current.version },
        );
      }
      const version = current.version + 1;
      await tx.query(
        `INSERT INTO office_profile_version (office_code, version, profile, changed_by, changed_at, request_key, request_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [c.officeCode, version, JSON.stringify(fields), c.userId, this.clock.now(), c.requestId, hash],
      );
      this.logger.info({ officeCode: c.officeCode, version, fields: changedOfficeProfileFields(current.fields, fields), userId: c.userId }, 'office profile changed');
      return { inForce: await this.versions.inForce(tx, c.officeCode), previous: current.profile, changed: true };
    });
  }

  /** The answer a change with this request id already got, if any; 422 when the id stood for other content. */
  private async replayOf(tx: EntityManager, c: UpdateOfficeProfileCommand, hash: string): Promise<UpdateOfficeProfileResult | undefined> {
    const [done] = (await tx.query('SELECT office_code, version, request_hash FROM office_profile_version WHERE request_key = $1', [c.requestId])) as { office_code: string; version: number; request_hash: string }[];
    if (!done) return undefined;
    if (done.request_hash !== hash) throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this idempotency key was already used for a different change');
    const made = await this.versions.at(tx, done.office_code, done.version);
    const before = await this.versions.at(tx, done.office_code, done.version - 1);
    return { inForce: made, previous: before.profile, changed: true };
  }
}

function requestViolations(c: UpdateOfficeProfileCommand): { field: string; description: string }[] {
  const out = [];
  if (!c.requestId || c.requestId.length > FIELD_RULES.requestId.maxLength) out.push({ field: 'requestId', description: `1 to ${FIELD_RULES.requestId.maxLength} characters` });
  if (!Number.isInteger(c.expectedVersion) || c.expectedVersion < 0) out.push({ field: 'expectedVersion', description: 'a version the office profile had (0: the file’s)' });
  return out;
}
