import { ServiceError } from '@pengaduan/runtime';
import type { Role } from '@pengaduan/sop';

/** Who reads the office's problem messages (docs/adr/0047): Admin Tikkim, who works them, and the head of office. */
export const PROBLEM_MESSAGE_READERS: readonly Role[] = ['ADMIN_TIKKIM', 'KEPALA_KANTOR'];
/** Who re-processes and discards them: Admin Tikkim, who receives the complaints (SOP step 1). */
export const PROBLEM_MESSAGE_WORKERS: readonly Role[] = ['ADMIN_TIKKIM'];

export type ProblemMessageKind = 'QUARANTINED_WEBHOOK' | 'FAILED_MESSAGE';

/** One problem message as listed: never the sender, the name or the words. */
export interface ProblemMessageItem {
  id: string;
  kind: ProblemMessageKind;
  provider: string;
  receivedAt: Date;
  reason: string;
  status: string;
  channel?: string;
  attempts: number;
}

/** A row of the listing's query (both tables in one shape). */
export interface ProblemMessageRow {
  id: string;
  kind: ProblemMessageKind;
  provider: string;
  received_at: Date;
  reason: string | null;
  status: string;
  channel: string | null;
  attempts: number;
}

/** The SELECT list of `webhook_quarantine` in {@link ProblemMessageRow}'s shape. */
export const QUARANTINE_COLUMNS = `id, 'QUARANTINED_WEBHOOK' AS kind, provider, received_at, reason, status, NULL::text AS channel, 0 AS attempts`;
/** The SELECT list of `inbound_message` in {@link ProblemMessageRow}'s shape. */
export const INBOUND_COLUMNS = `id, 'FAILED_MESSAGE' AS kind, provider, received_at, last_error AS reason, status, channel, attempts`;

export function toItem(r: ProblemMessageRow): ProblemMessageItem {
  return {
    id: r.id,
    kind: r.kind,
    provider: r.provider,
    receivedAt: r.received_at,
    reason: r.reason ?? '',
    status: r.status,
    ...(r.channel ? { channel: r.channel } : {}),
    attempts: Number(r.attempts),
  };
}

/** Refuses a role that may not do `what` (PROBLEM_MESSAGE.FORBIDDEN_ROLE). */
export function requireRole(roles: readonly Role[], role: Role, what: string): void {
  if (!roles.includes(role)) throw new ServiceError('forbidden', 'PROBLEM_MESSAGE.FORBIDDEN_ROLE', `${role} may not ${what} the problem messages`);
}
