import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ActorSchema } from '@pengaduan/contracts';
import { ROLES, type Role, type UserActor } from '@pengaduan/sop';

/** The roles an officer's account may hold: every libs/sop role but the complainant's. */
export const OFFICER_ROLES = ROLES.filter((r): r is Exclude<Role, 'PELAPOR'> => r !== 'PELAPOR');
export type OfficerRole = (typeof OFFICER_ROLES)[number];
/**
 * The roles of an office's officers: every officer role but the platform operator's, who runs the
 * platform, sees no complaint and is made with `user add --role OPERATOR` only (docs/adr/0043).
 */
export const OFFICE_ROLES = OFFICER_ROLES.filter((r) => r !== 'OPERATOR');

/** The officer a request is made by, as the auth guard established it from the token and the account. */
export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  role: OfficerRole;
  /** Every query and command is limited to this office. */
  officeCode: string;
  /** For a SEKSI_TERKAIT officer: their section. */
  sectionCode?: string;
  /** The officer's NIP, for the signature blocks of documents; absent for an account without one. */
  nip?: string;
  /** The head of office requires a second factor of this officer, whatever the office policy (ADR 0042); set by the guard. */
  secondFactorRequired?: boolean;
}

/** The officer as libs/sop names an actor (for `availableActions`). */
export function sopActorOf(user: AuthenticatedUser): UserActor {
  return { kind: 'user', userId: user.id, role: user.role, ...(user.sectionCode ? { sectionCode: user.sectionCode } : {}) };
}

/** The officer as the internal gRPC APIs name the actor (pengaduan.common.v1.Actor). */
export function grpcActorOf(user: AuthenticatedUser): MessageInitShape<typeof ActorSchema> {
  // The name and NIP only sign documents the command produces; they never go into events.
  return {
    userId: user.id,
    role: user.role,
    officeCode: user.officeCode,
    displayName: user.displayName,
    ...(user.sectionCode ? { sectionCode: user.sectionCode } : {}),
    ...(user.nip ? { nip: user.nip } : {}),
  };
}
