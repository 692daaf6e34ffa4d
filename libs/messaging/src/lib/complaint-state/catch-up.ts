import { ServiceError } from '@pengaduan/runtime';
import type { DataSource } from 'typeorm';
import type { VersionCondition } from '../command-context';
import type { LockedComplaintState } from './state-repository';

/** How a service waits for a complaint (or a version of it) it has not consumed yet (docs/adr/0033). */
export interface CatchUp {
  dataSource: DataSource;
  /** How long to wait (default 3 s). */
  catchUpMs?: number;
  /** The service records every complaint itself (intake): one it does not know is not found at once. */
  knowsEveryComplaint?: boolean;
}

/**
 * The service may not have consumed the complaint, or the version the caller needs, yet: wait
 * a little (polling its own state row, quickly at first) before saying so. A complaint recorded
 * before versions has none, and nothing to wait for beyond existing. A complaint it has no row
 * for is not found, unless the caller named a version: then the caller has seen it, and the
 * service has not caught up with it yet.
 */
export async function waitForComplaint(catchUp: CatchUp, complaintId: string, versions: VersionCondition | undefined): Promise<void> {
  const needed = Math.max(versions?.expected ?? 0, versions?.atLeast ?? 0);
  const deadline = Date.now() + (catchUp.catchUpMs ?? 3_000);
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    const [row] = (await catchUp.dataSource.query('SELECT status, version FROM complaint_state WHERE complaint_id = $1', [complaintId])) as {
      status: string;
      version: number | null;
    }[];
    if (row && (row.version === null || row.version >= needed)) return;
    if (Date.now() > deadline || (!row && catchUp.knowsEveryComplaint)) {
      if (!row && (needed === 0 || catchUp.knowsEveryComplaint)) {
        throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `complaint ${complaintId} not found (or not caught up yet)`, { retryAfterSeconds: 1 });
      }
      throw notCaughtUp(complaintId, row?.status, row?.version ?? null, needed);
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** After the wait, under the lock: the complaint is exactly at the version the client named, else 412 (or not caught up). */
export function checkExpectedVersion(locked: LockedComplaintState, versions: VersionCondition | undefined): void {
  const expected = versions?.expected;
  if (expected === undefined || locked.version === null || locked.version === expected) return;
  if (locked.version < expected) throw notCaughtUp(locked.complaintId, locked.state.status, locked.version, expected);
  throw new ServiceError(
    'precondition-failed',
    'COMPLAINT.VERSION_CONFLICT',
    `complaint ${locked.complaintId} has moved on to version ${locked.version} (${locked.state.status}) since version ${expected}: reload it and decide again`,
    { state: locked.state.status, version: locked.version },
  );
}

/** The service has not applied `needed` yet; `status` undefined when it has not read the complaint at all. */
function notCaughtUp(complaintId: string, status: string | undefined, version: number | null, needed: number): ServiceError {
  return new ServiceError(
    'conflict',
    'COMPLAINT.NOT_CAUGHT_UP',
    `the service that handles this step has applied complaint ${complaintId} up to version ${version ?? 'none'}, not yet ${needed}; retry shortly with the same idempotency key`,
    { ...(status !== undefined ? { state: status } : {}), ...(version !== null ? { version } : {}), retryAfterSeconds: 1 },
  );
}
