import type { CommandContext } from '@pengaduan/messaging';
import type { TeamMemberRole } from '@pengaduan/sop';

/** An officer named in the decree, as the request gives them. */
export interface DecreeMemberInput {
  name: string;
  /** NIP: 18 digits. */
  nip: string;
  /** Jabatan, e.g. `Kepala Seksi Inteldakim`. */
  position: string;
  /** Absent when the request left it UNSPECIFIED (refused by the handler). */
  role: TeamMemberRole | undefined;
  /** The officer's platform user id, when they have one. */
  userId?: string;
}

/** SOP step 6: the Kepala Kantor issues the SK Tim Penanganan Aduan of a complaint to be followed up. */
export interface IssueTeamDecreeCommand extends CommandContext {
  /** `YYYY-MM-DD` (WIB), not later than today. */
  decreeDate: string;
  /** Exactly one KETUA, no NIP twice. */
  members: DecreeMemberInput[];
  /** What the team is to do. */
  mandate: string;
  /** `YYYY-MM-DD`, not after `periodEndDate`. */
  periodStartDate: string;
  /** `YYYY-MM-DD`. */
  periodEndDate: string;
}

export interface IssueTeamDecreeResult {
  decreeNumber: string;
}
