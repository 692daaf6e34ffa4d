import { actorLabel } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import { Clock, ServiceError } from '@pengaduan/runtime';
import { APPEAL_WINDOW_MAX_DAYS, DEFAULT_APPEAL_WINDOW_DAYS } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { throwInvalid } from '../complaint-state/command-support';

/** The one role that sets the office's appeal window (docs/adr/0053). */
const APPEAL_WINDOW_ADMINISTRATOR = 'KEPALA_KANTOR';

/** An office's appeal window as in force. */
export interface AppealWindow {
  days: number;
  /** Changes recorded through the editor; 0 when never set. */
  version: number;
  changedAt?: Date;
}

/** A change as the gRPC controller hands it over, unchecked. */
export interface AppealWindowChangeRequest {
  officeCode: string;
  expectedVersion?: number;
  days: number;
  actor: { userId: string; role: string; officeCode?: string };
  requestKey: string;
}

interface VersionRow {
  version: number;
  appeal_window_days: number;
  changed_at: Date;
}

async function windowOf(manager: EntityManager, officeCode: string, version?: number): Promise<AppealWindow> {
  const [row] = (await manager.query(
    `SELECT version, appeal_window_days, changed_at FROM office_appeal_window_version
      WHERE office_code = $1 AND ($2::int IS NULL OR version = $2) ORDER BY version DESC LIMIT 1`,
    [officeCode, version ?? null],
  )) as VersionRow[];
  if (row) return { days: row.appeal_window_days, version: row.version, changedAt: row.changed_at };
  // Never set through the editor: the row in force (set before the editor existed), else the default.
  const [inForce] = (await manager.query('SELECT appeal_window_days FROM office_appeal_window WHERE office_code = $1', [officeCode])) as { appeal_window_days: number }[];
  return { days: inForce?.appeal_window_days ?? DEFAULT_APPEAL_WINDOW_DAYS, version: 0 };
}

/**
 * The offices' appeal windows (docs/adr/0053): every change in the append-only
 * `office_appeal_window_version`, the one in force in `office_appeal_window` (what a rating reads).
 * The head of office sets it through the gateway; the same request again answers as the first time.
 */
@Injectable()
export class AppealWindows {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly clock: Clock,
  ) {}

  get(officeCode: string): Promise<AppealWindow> {
    return windowOf(this.runtime.dataSource.manager, officeCode);
  }

  async set(request: AppealWindowChangeRequest): Promise<{ window: AppealWindow; changed: boolean; previous: AppealWindow }> {
    checked(request);
    const { officeCode, requestKey, days } = request;
    const changedBy = actorLabel({ kind: 'user', userId: request.actor.userId, role: APPEAL_WINDOW_ADMINISTRATOR });
    return this.runtime.dataSource.transaction(async (tx) => {
      // One change at a time per office: the key's lookup and the version's check see every earlier change.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`office_appeal_window:${officeCode}`]);
      const [earlier] = (await tx.query(`SELECT version, appeal_window_days, changed_at FROM office_appeal_window_version WHERE office_code = $1 AND request_key = $2`, [
        officeCode,
        requestKey,
      ])) as VersionRow[];
      if (earlier) {
        if (earlier.appeal_window_days !== days) throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this request key was used for another change');
        return { window: { days, version: earlier.version, changedAt: earlier.changed_at }, changed: false, previous: await windowOf(tx, officeCode, earlier.version - 1) };
      }
      const current = await windowOf(tx, officeCode);
      if (request.expectedVersion !== undefined && request.expectedVersion !== current.version) {
        throw new ServiceError('conflict', 'APPEAL_WINDOW.VERSION_CONFLICT', `the appeal window is at version ${current.version}, not ${request.expectedVersion}`, { version: current.version });
      }
      if (current.days === days) return { window: current, changed: false, previous: current };
      const now = this.clock.now();
      const version = current.version + 1;
      await tx.query(
        `INSERT INTO office_appeal_window_version (id, office_code, version, appeal_window_days, changed_by, changed_at, request_key) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [uuidv7(), officeCode, version, days, changedBy, now, requestKey],
      );
      await tx.query(
        `INSERT INTO office_appeal_window (office_code, appeal_window_days, changed_by, changed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (office_code) DO UPDATE SET appeal_window_days = EXCLUDED.appeal_window_days, changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at`,
        [officeCode, days, changedBy, now],
      );
      return { window: { days, version, changedAt: now }, changed: true, previous: current };
    });
  }
}

/** 403 unless the office's head of office; 400 naming `days` outside 0..365 or a blank request key. */
function checked(request: AppealWindowChangeRequest): void {
  const { actor } = request;
  if (actor.role !== APPEAL_WINDOW_ADMINISTRATOR || actor.officeCode !== request.officeCode) {
    throw new ServiceError('forbidden', 'APPEAL_WINDOW.FORBIDDEN_ROLE', `only the ${APPEAL_WINDOW_ADMINISTRATOR} of office ${request.officeCode} sets its appeal window`);
  }
  const violations = [];
  if (!Number.isInteger(request.days) || request.days < 0 || request.days > APPEAL_WINDOW_MAX_DAYS) violations.push({ field: 'days', description: `must be a whole number of days from 0 to ${APPEAL_WINDOW_MAX_DAYS}` });
  if (request.requestKey.trim() === '') violations.push({ field: 'request_key', description: 'is required: the same on every retry of the change' });
  if (violations.length > 0) throwInvalid(violations, 'the appeal window cannot be set');
}
