import { actorLabel } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import { Clock, ServiceError } from '@pengaduan/runtime';
import { RETENTION_KINDS, RETENTION_MAX_DAYS, RETENTION_MIN_DAYS, type RetentionKind } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { throwInvalid } from '../complaint-state/command-support';

/** The one role that sets the office's retention periods (docs/adr/0057). */
const RETENTION_ADMINISTRATOR = 'KEPALA_KANTOR';
/** Who reads them besides: the auditor (the office's own, as the destruction records). */
const RETENTION_READERS = new Set([RETENTION_ADMINISTRATOR, 'AUDITOR']);

/** An office's retention periods as in force: one per kind, the default where never set. */
export interface RetentionPolicy {
  policies: { kind: RetentionKind; days: number }[];
  /** Changes recorded through the editor; 0 when never set. */
  version: number;
  changedAt?: Date;
}

/** A change as the gRPC controller hands it over, unchecked. */
export interface RetentionPolicyChangeRequest {
  officeCode: string;
  expectedVersion?: number;
  policies: { kind: string; days: number }[];
  actor: Actor;
  requestKey: string;
}

interface Actor {
  userId: string;
  role: string;
  officeCode?: string;
}

interface Row {
  kind: RetentionKind;
  days: number;
  version: number;
  changed_at: Date;
}

/**
 * The offices' retention periods per kind of record (docs/adr/0057), in the append-only
 * `office_retention_policy`: each change adds one row per kind under the office's next version.
 * The retention job reads the latest row per kind; the head of office sets them through the
 * gateway; the same request again answers as the first time.
 */
export class RetentionPolicies {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly clock: Clock,
    /** PERSONAL_DATA_RETENTION_DAYS: every kind of an office that set none. */
    private readonly defaultDays: number,
  ) {}

  async get(officeCode: string, actor: Actor): Promise<RetentionPolicy> {
    if (!RETENTION_READERS.has(actor.role) || actor.officeCode !== officeCode) forbidden(officeCode);
    return this.policyOf(this.runtime.dataSource.manager, officeCode);
  }

  async set(request: RetentionPolicyChangeRequest): Promise<{ policy: RetentionPolicy; changed: boolean }> {
    const wanted = checked(request);
    const { officeCode, requestKey } = request;
    const changedBy = actorLabel({ kind: 'user', userId: request.actor.userId, role: RETENTION_ADMINISTRATOR });
    return this.runtime.dataSource.transaction(async (tx) => {
      // One change at a time per office: the key's lookup and the version's check see every earlier change.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`office_retention_policy:${officeCode}`]);
      const earlier = (await tx.query('SELECT kind, days, version, changed_at FROM office_retention_policy WHERE office_code = $1 AND request_key = $2', [officeCode, requestKey])) as Row[];
      if (earlier.length > 0) {
        const same = wanted.every((w) => earlier.some((e) => e.kind === w.kind && e.days === w.days));
        if (!same) throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this request key was used for another change');
        return { policy: await this.policyOf(tx, officeCode, earlier[0].version), changed: false };
      }
      const current = await this.policyOf(tx, officeCode);
      if (request.expectedVersion !== undefined && request.expectedVersion !== current.version) {
        throw new ServiceError('conflict', 'RETENTION_POLICY.VERSION_CONFLICT', `the retention policy is at version ${current.version}, not ${request.expectedVersion}`, { version: current.version });
      }
      const changes = wanted.filter((w) => current.policies.find((p) => p.kind === w.kind)?.days !== w.days);
      if (changes.length === 0) return { policy: current, changed: false };
      const now = this.clock.now();
      const version = current.version + 1;
      for (const c of changes) {
        await tx.query(`INSERT INTO office_retention_policy (office_code, kind, days, version, changed_by, changed_at, request_key) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
          officeCode,
          c.kind,
          c.days,
          version,
          changedBy,
          now,
          requestKey,
        ]);
      }
      return { policy: await this.policyOf(tx, officeCode), changed: true };
    });
  }

  /** The periods in force at `version` (the latest when absent): each kind's latest row up to it, else the default. */
  private async policyOf(manager: EntityManager, officeCode: string, version?: number): Promise<RetentionPolicy> {
    const rows = (await manager.query(
      `SELECT DISTINCT ON (kind) kind, days, version, changed_at FROM office_retention_policy
        WHERE office_code = $1 AND ($2::int IS NULL OR version <= $2) ORDER BY kind, version DESC`,
      [officeCode, version ?? null],
    )) as Row[];
    const latest = rows.reduce<Row | undefined>((a, r) => (!a || r.version > a.version ? r : a), undefined);
    return {
      policies: RETENTION_KINDS.map((kind) => ({ kind, days: rows.find((r) => r.kind === kind)?.days ?? this.defaultDays })),
      version: latest?.version ?? 0,
      ...(latest ? { changedAt: latest.changed_at } : {}),
    };
  }
}

function forbidden(officeCode: string): never {
  throw new ServiceError('forbidden', 'RETENTION_POLICY.FORBIDDEN_ROLE', `only the ${RETENTION_ADMINISTRATOR} of office ${officeCode} sets its retention periods`);
}

/** 403 unless the office's head of office; 400 naming the field of a kind unknown or twice, days outside 30..3650, a blank request key. */
function checked(request: RetentionPolicyChangeRequest): { kind: RetentionKind; days: number }[] {
  if (request.actor.role !== RETENTION_ADMINISTRATOR || request.actor.officeCode !== request.officeCode) forbidden(request.officeCode);
  const violations: { field: string; description: string }[] = [];
  if (request.policies.length === 0) violations.push({ field: 'policies', description: 'must name at least one kind' });
  request.policies.forEach((p, i) => {
    if (!(RETENTION_KINDS as readonly string[]).includes(p.kind)) violations.push({ field: `policies[${i}].kind`, description: `must be one of ${RETENTION_KINDS.join(', ')}` });
    else if (request.policies.findIndex((o) => o.kind === p.kind) !== i) violations.push({ field: `policies[${i}].kind`, description: 'is named twice' });
    if (!Number.isInteger(p.days) || p.days < RETENTION_MIN_DAYS || p.days > RETENTION_MAX_DAYS) {
      violations.push({ field: `policies[${i}].days`, description: `must be a whole number of days from ${RETENTION_MIN_DAYS} to ${RETENTION_MAX_DAYS}` });
    }
  });
  if (request.requestKey.trim() === '') violations.push({ field: 'request_key', description: 'is required: the same on every retry of the change' });
  if (violations.length > 0) throwInvalid(violations, 'the retention policy cannot be set');
  return request.policies as { kind: RetentionKind; days: number }[];
}
