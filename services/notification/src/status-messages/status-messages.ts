import { actorLabel } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import { Clock, ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { isRole, isStatusMessagePurpose, STATUS_MESSAGE_PURPOSES, type StatusMessagePurpose } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** The one role that turns the office's status messages on or off (as it words the texts, docs/adr/0050). */
const STATUS_MESSAGE_ADMINISTRATOR = 'KEPALA_KANTOR';

/** An office's status messages as in force (docs/adr/0054). */
export interface StatusMessageSettings {
  /** Every status message, in libs/sop's order. */
  switches: { purpose: StatusMessagePurpose; enabled: boolean }[];
  /** Versions recorded; 0 when never set (all on). */
  version: number;
  changedAt?: Date;
}

/** A change as the gRPC controller hands it over: purposes as libs/sop spells them, unchecked. */
export interface StatusMessagesChangeRequest {
  officeCode: string;
  expectedVersion?: number;
  switches: { purpose: string; enabled: boolean }[];
  actor: { userId: string; role: string; officeCode?: string };
  requestKey: string;
}

/** What a change did. */
export interface StatusMessagesChange {
  settings: StatusMessageSettings;
  changed: boolean;
  previous: StatusMessageSettings;
}

interface VersionRow {
  version: number;
  disabled: string[];
  changed_at: Date;
}

function settingsOf(row: VersionRow | undefined): StatusMessageSettings {
  const off = new Set(row?.disabled ?? []);
  return {
    switches: STATUS_MESSAGE_PURPOSES.map((purpose) => ({ purpose, enabled: !off.has(purpose) })),
    version: row?.version ?? 0,
    ...(row ? { changedAt: row.changed_at } : {}),
  };
}

async function versionOf(manager: EntityManager, officeCode: string, version?: number): Promise<VersionRow | undefined> {
  const [row] = (await manager.query(
    `SELECT version, disabled, changed_at FROM status_message_setting_version
      WHERE office_code = $1 AND ($2::int IS NULL OR version = $2) ORDER BY version DESC LIMIT 1`,
    [officeCode, version ?? null],
  )) as VersionRow[];
  return row;
}

/** Whether the office sends a status message now (the consumer asks in the event's transaction). */
export async function statusMessageEnabled(manager: EntityManager, officeCode: string, purpose: StatusMessagePurpose): Promise<boolean> {
  return !(await versionOf(manager, officeCode))?.disabled.includes(purpose);
}

/**
 * The offices' settings of their status messages (docs/adr/0054), in the append-only
 * `status_message_setting_version`: the newest version is in force, none means every status
 * message is on. The head of office changes them through the gateway; the consumer reads them
 * when it decides to queue a status message.
 */
@Injectable()
export class StatusMessages {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly clock: Clock,
  ) {}

  async get(officeCode: string): Promise<StatusMessageSettings> {
    return settingsOf(await versionOf(this.runtime.dataSource.manager, officeCode));
  }

  /** The head of office turns status messages on or off; the same request again answers as the first time. */
  async set(request: StatusMessagesChangeRequest): Promise<StatusMessagesChange> {
    const asked = checked(request);
    const { officeCode, requestKey } = request;
    const changedBy = actorLabel({ kind: 'user', userId: request.actor.userId, role: STATUS_MESSAGE_ADMINISTRATOR });
    return this.runtime.dataSource.transaction(async (tx) => {
      // One request at a time per key, then one change at a time per office (always in this order).
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`status_message_request:${officeCode}:${requestKey}`]);
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`status_message_setting:${officeCode}`]);
      const [earlier] = (await tx.query(`SELECT version, disabled, changed_at FROM status_message_setting_version WHERE office_code = $1 AND request_key = $2`, [
        officeCode,
        requestKey,
      ])) as VersionRow[];
      if (earlier) return this.replayed(tx, officeCode, earlier, asked);
      const current = await versionOf(tx, officeCode);
      const currentVersion = current?.version ?? 0;
      if (request.expectedVersion !== undefined && request.expectedVersion !== currentVersion) {
        throw new ServiceError('conflict', 'STATUS_MESSAGES.VERSION_CONFLICT', `the settings are at version ${currentVersion}, not ${request.expectedVersion}`, { version: currentVersion });
      }
      const before = settingsOf(current);
      const disabled = disabledAfter(before, asked);
      if (sameSet(disabled, current?.disabled ?? [])) return { settings: before, changed: false, previous: before };
      const now = this.clock.now();
      await tx.query(
        `INSERT INTO status_message_setting_version (id, office_code, version, disabled, changed_by, changed_at, request_key) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [uuidv7(), officeCode, currentVersion + 1, disabled, changedBy, now, requestKey],
      );
      return { settings: settingsOf({ version: currentVersion + 1, disabled, changed_at: now }), changed: true, previous: before };
    });
  }

  /** The same request again: the answer it had, nothing recorded; the key with another change: 422. */
  private async replayed(tx: EntityManager, officeCode: string, earlier: VersionRow, asked: Map<StatusMessagePurpose, boolean>): Promise<StatusMessagesChange> {
    const previous = settingsOf(await versionOf(tx, officeCode, earlier.version - 1));
    if (!sameSet(disabledAfter(previous, asked), earlier.disabled)) {
      throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this request key was used for another change');
    }
    return { settings: settingsOf(earlier), changed: false, previous };
  }
}

function disabledAfter(before: StatusMessageSettings, asked: Map<StatusMessagePurpose, boolean>): StatusMessagePurpose[] {
  return before.switches.filter((s) => !(asked.get(s.purpose) ?? s.enabled)).map((s) => s.purpose);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** 403 unless the office's head of office; 400 naming each switch that is no status message, or named twice. */
function checked(request: StatusMessagesChangeRequest): Map<StatusMessagePurpose, boolean> {
  const { actor } = request;
  if (!isRole(actor.role) || actor.role !== STATUS_MESSAGE_ADMINISTRATOR || actor.officeCode !== request.officeCode) {
    throw new ServiceError('forbidden', 'STATUS_MESSAGES.FORBIDDEN_ROLE', `only the ${STATUS_MESSAGE_ADMINISTRATOR} of office ${request.officeCode} turns its status messages on or off`);
  }
  const violations: FieldViolation[] = [];
  const asked = new Map<StatusMessagePurpose, boolean>();
  request.switches.forEach((s, i) => {
    if (!isStatusMessagePurpose(s.purpose)) violations.push({ field: `switches[${i}].purpose`, description: `must be one of ${STATUS_MESSAGE_PURPOSES.join(', ')}` });
    else if (asked.has(s.purpose)) violations.push({ field: `switches[${i}].purpose`, description: 'is named twice' });
    else asked.set(s.purpose, s.enabled);
  });
  if (request.switches.length === 0) violations.push({ field: 'switches', description: 'must name at least one status message' });
  if (request.requestKey.trim() === '') violations.push({ field: 'request_key', description: 'is required: the same on every retry of the change' });
  if (violations.length > 0) {
    throw new ServiceError('invalid', 'REQUEST.INVALID', `the change cannot be made: ${violations.map((v) => `${v.field} ${v.description}`).join('; ')}`, { fieldViolations: violations });
  }
  return asked;
}
