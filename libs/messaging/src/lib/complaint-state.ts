import { COMPLAINT_EVENTS_TOPIC, sopEventToEnvelope, toSopEvent, type EventEnvelope, type EventType, type SopEnvelopeContext } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import {
  availableActions,
  decide,
  evolve,
  initialState,
  isComplaintEventType,
  type ComplaintState,
  type SopCommand,
  type SopError,
  type SopEvent,
  versionAfter,
} from '@pengaduan/sop';
import { createHash } from 'node:crypto';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { ConsumedEvent, EventHandler } from './consumer';
import { PermanentError } from './errors';
import { appendToOutbox } from './outbox';
import type { ServiceRuntime } from './service-runtime';

/**
 * Each service's own view of every complaint's libs/sop state, folded from the complaint
 * stream with `evolve`, and the commands it decides against that view. Events the service
 * emits itself are applied when it commits them (and marked in its inbox, so they are not
 * applied a second time when they come back from the topic).
 */
export class ComplaintStateMigration1795800000010 implements MigrationInterface {
  name = 'ComplaintStateMigration1795800000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_state (
        complaint_id uuid PRIMARY KEY,
        office_code text NOT NULL,
        status text NOT NULL,
        state jsonb NOT NULL,
        version int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE command_idempotency (
        request_id text PRIMARY KEY,
        operation text NOT NULL,
        request_hash text NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE command_idempotency');
    await q.query('DROP TABLE complaint_state');
  }
}

/**
 * `version` becomes the complaint's version (docs/adr/0033): the number of its events that
 * changed its state. Rows before it counted every event, which no service agrees on: they are
 * cleared, and a complaint recorded before versions has none.
 */
export class ComplaintVersionMigration1795801000330 implements MigrationInterface {
  name = 'ComplaintVersionMigration1795801000330';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaint_state ALTER COLUMN version DROP NOT NULL');
    await q.query('UPDATE complaint_state SET version = NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('UPDATE complaint_state SET version = 0 WHERE version IS NULL');
    await q.query('ALTER TABLE complaint_state ALTER COLUMN version SET NOT NULL');
  }
}

interface StateRow {
  office_code: string;
  state: ComplaintState;
  version: number | null;
}

/** A complaint's state as a service holds it, locked for the caller's transaction. */
export interface LockedComplaintState {
  complaintId: string;
  officeCode: string;
  state: ComplaintState;
  /** Its version (docs/adr/0033); null for a complaint recorded before versions. */
  version: number | null;
}

/** Locks a complaint's state row (`FOR UPDATE`) for a decision; undefined when the service does not know it. */
export async function lockComplaintState(tx: EntityManager, complaintId: string): Promise<LockedComplaintState | undefined> {
  const row = await loadState(tx, complaintId, true);
  return row && { complaintId, officeCode: row.office_code, state: row.state, version: row.version };
}

/**
 * Commits what `decide` returned for a locked complaint, in the caller's transaction: the
 * evolved state, the events in the outbox (built by `toEnvelope` with the envelope context)
 * and their inbox rows for the service's own state consumer, so it does not fold them twice.
 */
export async function recordDecision(
  tx: EntityManager,
  locked: LockedComplaintState,
  events: readonly SopEvent[],
  args: {
    stateConsumerGroup: string;
    context: Omit<SopEnvelopeContext, 'subject' | 'office'>;
    toEnvelope: (event: SopEvent, context: SopEnvelopeContext) => EventEnvelope;
  },
): Promise<{ state: ComplaintState; version: number | null; envelopes: EventEnvelope[] }> {
  const state = events.reduce(evolve, locked.state);
  const version = locked.version === null ? null : versionAfter(locked.version, events);
  await saveState(tx, locked.complaintId, locked.officeCode, state, version);
  const context: SopEnvelopeContext = { ...args.context, subject: locked.complaintId, office: locked.officeCode };
  const envelopes = events.map((event) => args.toEnvelope(event, context));
  await appendToOutbox(tx, envelopes);
  await markOwnEvents(tx, args.stateConsumerGroup, envelopes);
  return { state, version, envelopes };
}

async function loadState(tx: EntityManager, complaintId: string, lock: boolean): Promise<StateRow | undefined> {
  const rows = (await tx.query(
    `SELECT office_code, state, version FROM complaint_state WHERE complaint_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [complaintId],
  )) as StateRow[];
  return rows[0];
}

async function saveState(tx: EntityManager, complaintId: string, officeCode: string, state: ComplaintState, version: number | null): Promise<void> {
  await tx.query(
    `INSERT INTO complaint_state (complaint_id, office_code, status, state, version, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (complaint_id) DO UPDATE SET status = $3, state = $4, version = $5, updated_at = now()`,
    [complaintId, officeCode, state.status, JSON.stringify(state), version],
  );
}

/**
 * Folds one consumed event into the complaint's state (the consumer's handler). SLA events
 * leave it unchanged. An event that does not apply to the state it finds throws, so the
 * consumer retries and then dead-letters it: an illegal history is never silently absorbed.
 */
export async function applyComplaintEvent(event: ConsumedEvent, tx: EntityManager): Promise<SopEvent | undefined> {
  let sopEvent: SopEvent | undefined;
  try {
    sopEvent = toSopEvent(event);
  } catch (err) {
    throw new PermanentError('EVENT.UNMAPPABLE', (err as Error).message, { cause: err });
  }
  if (!sopEvent) return undefined;
  const complaintId = event.envelope.subject;
  const row = await loadState(tx, complaintId, true);
  let next: ComplaintState;
  try {
    next = evolve(row?.state ?? initialState(), sopEvent);
  } catch (err) {
    // Events of one complaint share a partition, so its history arrives whole and in order:
    // an event that does not fit is an illegal history, and retrying cannot change that.
    throw new PermanentError('EVENT.NOT_APPLICABLE', `${event.envelope.type} ${event.envelope.id} does not apply to complaint ${complaintId} in ${row?.state.status ?? 'no state'}: ${(err as Error).message}`, { cause: err });
  }
  const version = !row ? versionAfter(0, [sopEvent]) : row.version === null ? null : versionAfter(row.version, [sopEvent]);
  await saveState(tx, complaintId, row?.office_code ?? event.envelope.office, next, version);
  return sopEvent;
}

/**
 * The consumer every command service runs to keep its complaint states current. By default it
 * acts on the state machine's events only (`complaint.*`): `sla.*` events change no state, and a
 * burst of them (thousands of deadlines falling due in one minute) must not queue a transaction
 * each in front of the complaint events a command waits for. A consumer whose `extra` handler
 * wants every event (the gateway's read model) says so with `accepts`.
 */
export function complaintStateConsumer(groupId: string, extra?: EventHandler, accepts: (type: EventType) => boolean = isComplaintEventType) {
  return {
    groupId,
    topics: [COMPLAINT_EVENTS_TOPIC],
    accepts,
    handler: async (event: ConsumedEvent, tx: EntityManager) => {
      await applyComplaintEvent(event, tx);
      await extra?.(event, tx);
    },
  };
}

/** The result every command answers: the state afterwards and the events recorded. */
export interface CommandOutcome {
  complaintId: string;
  status: string;
  eventIds: string[];
  /** The complaint's version afterwards (docs/adr/0033); absent for a complaint recorded before versions. */
  version?: number;
}

/** The versions a command names (docs/adr/0033); both optional. */
export interface VersionCondition {
  /** The version the client last saw (`If-Match`): wait until applied; refused (412) when the complaint is past it. */
  expected?: number;
  /** A version to have applied before deciding; never a conflict. */
  atLeast?: number;
}

/** The outcome as the gRPC `CommandOutcome` carries it. */
export function outcomeMessage(outcome: CommandOutcome): { complaintId: string; status: string; eventIds: string[]; version?: number } {
  return { complaintId: outcome.complaintId, status: outcome.status, eventIds: outcome.eventIds, ...(outcome.version !== undefined ? { version: outcome.version } : {}) };
}

export interface ComplaintCommand<R extends object> {
  /** Names the command for idempotency: the same request id with another operation is refused. */
  operation: string;
  requestId: string;
  complaintId: string;
  /** The officer's office: a complaint of another office answers NOT_FOUND. */
  actorOffice?: string;
  correlationId: string;
  /** Everything that identifies the request, hashed to detect a reused idempotency key. */
  request: unknown;
  /** The versions the caller named (docs/adr/0033). */
  versions?: VersionCondition;
  /**
   * Builds the libs/sop command from the current state (inside the transaction, so numbers
   * such as a sheet number are issued with it), plus the wire-only extras of each event and
   * what the caller gets back besides the outcome.
   */
  build: (state: ComplaintState, tx: EntityManager, now: Date) => Promise<{
    command: SopCommand;
    extras: (event: SopEvent) => Record<string, unknown>;
    result?: R;
  }>;
  /**
   * Runs once libs/sop has accepted the command, inside the transaction and before the events
   * are recorded: where a step renders and stores its document, whose hash `extras` then puts
   * on the event that records the output. A refusal never gets here.
   */
  afterDecide?: (events: readonly SopEvent[], state: ComplaintState, tx: EntityManager, now: Date) => Promise<void>;
}

export interface CommandExecutorOptions {
  runtime: ServiceRuntime;
  /** `pengaduan/<service>`: the events' source. */
  source: string;
  /** The service's complaint-state consumer group: its own events are marked handled there. */
  stateConsumerGroup: string;
  now: () => Date;
  /** How long to wait for a complaint (or a version of it) the service has not consumed yet (default 3 s). */
  catchUpMs?: number;
  /** The service records every complaint itself (intake): one it does not know is not found at once. */
  knowsEveryComplaint?: boolean;
}

/**
 * Runs one command on a complaint: idempotency by request id, the complaint's state locked,
 * `decide` from libs/sop, then state, outbox events and idempotent response committed
 * together. libs/sop errors become ServiceErrors with the current state and the actions this
 * actor could take instead (a transient database failure is answered UNAVAILABLE by toGrpcError).
 */
export class ComplaintCommandExecutor {
  constructor(private readonly options: CommandExecutorOptions) {}

  async execute<R extends object>(cmd: ComplaintCommand<R>): Promise<CommandOutcome & { result?: R }> {
    await this.waitForComplaint(cmd.complaintId, cmd.versions);
    const requestHash = createHash('sha256').update(JSON.stringify(cmd.request)).digest('hex');
    return this.options.runtime.dataSource.transaction(async (tx) => {
      const previous = await claimRequest(tx, cmd.operation, cmd.requestId, requestHash);
      if (previous) return previous as CommandOutcome & { result?: R };

      const locked = await lockComplaintState(tx, cmd.complaintId);
      if (!locked || (cmd.actorOffice && locked.officeCode !== cmd.actorOffice)) {
        throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `complaint ${cmd.complaintId} not found`);
      }
      checkExpectedVersion(locked, cmd.versions);
      const now = this.options.now();
      const { command, extras, result } = await cmd.build(locked.state, tx, now);
      const decision = decide(command, locked.state, now);
      if (!decision.ok) throw toServiceError(decision.error, locked.state, command);
      await cmd.afterDecide?.(decision.events, locked.state, tx, now);

      const { state, version, envelopes } = await recordDecision(tx, locked, decision.events, {
        stateConsumerGroup: this.options.stateConsumerGroup,
        context: { source: this.options.source, correlationId: cmd.correlationId, causationId: cmd.requestId },
        // The extras' type depends on the event's type; createEnvelope validates the payload they make.
        toEnvelope: (event, context) => sopEventToEnvelope(event, context, extras(event) as never),
      });

      const outcome = {
        complaintId: cmd.complaintId,
        status: state.status,
        eventIds: envelopes.map((e) => e.id),
        ...(version !== null ? { version } : {}),
        ...(result ? { result } : {}),
      };
      await tx.query('UPDATE command_idempotency SET response = $2 WHERE request_id = $1', [cmd.requestId, JSON.stringify(outcome)]);
      return outcome;
    });
  }

  /**
   * The service may not have consumed the complaint, or the version the caller needs, yet: wait
   * a little (polling its own state row, quickly at first) before saying so. A complaint recorded
   * before versions has none, and nothing to wait for beyond existing. A complaint it has no row
   * for is not found, unless the caller named a version: then the caller has seen it, and the
   * service has not caught up with it yet.
   */
  private async waitForComplaint(complaintId: string, versions: VersionCondition | undefined): Promise<void> {
    const needed = Math.max(versions?.expected ?? 0, versions?.atLeast ?? 0);
    const deadline = Date.now() + (this.options.catchUpMs ?? 3_000);
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      const [row] = (await this.options.runtime.dataSource.query('SELECT status, version FROM complaint_state WHERE complaint_id = $1', [complaintId])) as {
        status: string;
        version: number | null;
      }[];
      if (row && (row.version === null || row.version >= needed)) return;
      if (Date.now() > deadline || (!row && this.options.knowsEveryComplaint)) {
        if (!row && (needed === 0 || this.options.knowsEveryComplaint)) {
          throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `complaint ${complaintId} not found (or not caught up yet)`, { retryAfterSeconds: 1 });
        }
        throw notCaughtUp(complaintId, row?.status, row?.version ?? null, needed);
      }
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** After the wait, under the lock: the complaint is exactly at the version the client named, else 412 (or not caught up). */
function checkExpectedVersion(locked: LockedComplaintState, versions: VersionCondition | undefined): void {
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

async function claimRequest(tx: EntityManager, operation: string, requestId: string, requestHash: string): Promise<object | undefined> {
  const inserted = (await tx.query(
    `INSERT INTO command_idempotency (request_id, operation, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (request_id) DO NOTHING RETURNING request_id`,
    [requestId, operation, requestHash],
  )) as unknown[];
  if (inserted.length === 1) return undefined;
  const [existing] = (await tx.query('SELECT operation, request_hash, response FROM command_idempotency WHERE request_id = $1', [requestId])) as {
    operation: string;
    request_hash: string;
    response: object | null;
  }[];
  if (existing.operation !== operation || existing.request_hash !== requestHash || !existing.response) {
    throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this idempotency key was already used for a different request');
  }
  return existing.response;
}

/** The service's own events are already applied: its state consumer must skip them. */
export async function markOwnEvents(tx: EntityManager, group: string, envelopes: readonly EventEnvelope[]): Promise<void> {
  for (const e of envelopes) {
    await tx.query(
      `INSERT INTO inbox (consumer_group, event_id, event_type, subject, topic, partition, kafka_offset, started_attempts, finished_attempts, processed_at)
       VALUES ($1, $2, $3, $4, $5, -1, -1, 0, 0, now())`,
      [group, e.id, e.type, e.subject, COMPLAINT_EVENTS_TOPIC],
    );
  }
}

/** libs/sop's refusal as a ServiceError: 403, 409 with the state and the actions possible, or 400 naming the field. */
export function toServiceError(error: SopError, state: ComplaintState, command: SopCommand): ServiceError {
  switch (error.code) {
    case 'COMPLAINT.FORBIDDEN_ROLE':
      return new ServiceError('forbidden', error.code, error.message, { state: error.status });
    case 'COMPLAINT.ILLEGAL_TRANSITION':
      return new ServiceError('conflict', error.code, error.message, { state: error.status, availableActions: [...availableActions(state, command.actor)] });
    case 'COMPLAINT.INVALID_COMMAND':
      return new ServiceError('invalid', error.code, error.message, {
        fieldViolations: [{ field: error.field ?? 'command', description: error.message }],
        state: error.status,
      });
  }
}

/** Migrations of the complaint-state view; command services list them after MESSAGING_MIGRATIONS. */
export const COMPLAINT_STATE_MIGRATIONS = [ComplaintStateMigration1795800000010, ComplaintVersionMigration1795801000330];
