import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ActorSchema } from '@pengaduan/contracts';
import { ROLES, type Role, type UserActor } from '@pengaduan/sop';

/** The roles an officer's account may hold: every libs/sop role but the complainant's. */
export const OFFICER_ROLES = ROLES.filter((r): r is Exclude<Role, 'PELAPOR'> => r !== 'PELAPOR');
export type OfficerRole = (typeof OFFICER_ROLES)[number];

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
