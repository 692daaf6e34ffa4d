import { sopEventToEnvelope } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { decide, evolve, initialState, type ComplaintState, type NewState, type SopCommand, type SopEvent } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import type { CommandContext } from '../command-context';
import type { ServiceRuntime } from '../service-runtime';
import { checkExpectedVersion, waitForComplaint } from './catch-up';
import { answerRequest, claimRequest, requestHash } from './idempotency';
import { toServiceError } from './sop-errors';
import { lockComplaintState, recordDecision, type LockedComplaintState } from './state-repository';

/** The result every command answers: the state afterwards and the events recorded. */
export interface CommandOutcome {
  complaintId: string;
  status: string;
  eventIds: string[];
  /** The complaint's version afterwards (docs/adr/0033); absent for a complaint recorded before versions. */
  version?: number;
}

/** The outcome as the gRPC `CommandOutcome` carries it. */
export function outcomeMessage(outcome: CommandOutcome): { complaintId: string; status: string; eventIds: string[]; version?: number } {
  return { complaintId: outcome.complaintId, status: outcome.status, eventIds: outcome.eventIds, ...(outcome.version !== undefined ? { version: outcome.version } : {}) };
}

/** What libs/sop decided for a command it accepted: the events, and the state before and after them. */
export interface Decided {
  readonly events: readonly SopEvent[];
  readonly stateBefore: ComplaintState;
  readonly stateAfter: ComplaintState;
}

/** What a command's outputs stage made. */
export interface CommandOutputs<R> {
  /** The wire-only fields of each event (sopEventToEnvelope's extras): a number issued, a document's hash. */
  extras?: (event: SopEvent) => Record<string, unknown>;
  /** What the caller gets back besides the outcome (kept in the idempotent answer). */
  result?: R;
  /**
   * The command again, completed with what only this stage could know (a number it issued
   * under lock that differs from the one expected, the tracking number of a complaint it
   * opened). libs/sop decides it too, and its events are the ones recorded.
   */
  completed?: SopCommand;
}

/**
 * One command on one complaint, as every service states it. The executor runs its stages in a
 * fixed order (see {@link ComplaintCommandExecutor}); the service never asks libs/sop itself.
 */
export interface ComplaintCommand<R extends object = object> {
  context: CommandContext;
  /** The libs/sop command for the complaint's current state. Reads only: a refused command leaves nothing behind. */
  command: (state: ComplaintState, tx: EntityManager, now: Date) => SopCommand | Promise<SopCommand>;
  /**
   * Runs only once libs/sop has accepted the command, inside its transaction, before the events
   * are recorded: issues numbers, writes the service's own rows, renders and stores documents,
   * and makes the checks only the service can make (which may still refuse: everything rolls
   * back). So libs/sop's refusals (403, 409, 400) always come first.
   */
  outputs?: (decided: Decided, tx: EntityManager, now: Date) => Promise<CommandOutputs<R>>;
}

/** A command a client sent: idempotent by its request id. */
export interface ComplaintRequest<R extends object = object> extends ComplaintCommand<R> {
  /** Names the command for idempotency: the same request id with another operation is refused. */
  operation: string;
  /** Everything that identifies the request, hashed to detect a reused idempotency key. */
  request: unknown;
}

/** The outcome, with what the outputs stage gave the caller. */
export type Executed<R> = CommandOutcome & { result?: R };

/** The executor's stages inside a transaction the caller owns. */
export interface CommandsWithin {
  /** On a complaint the service holds. */
  execute<R extends object>(cmd: ComplaintCommand<R>): Promise<Executed<R>>;
  /** On a complaint that does not exist yet (see {@link ComplaintCommandExecutor.register}). */
  register<R extends object>(cmd: ComplaintCommand<R>): Promise<Executed<R>>;
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

type Target = 'existing' | 'new';

/**
 * Runs every command on a complaint, in one order: the request id claimed (idempotency), the
 * complaint's state locked, the libs/sop command built from it (reads only), `decide` from
 * libs/sop, then, only when libs/sop accepted, the command's outputs (numbers, rows,
 * documents), then the new state, the outbox events and the service's own inbox marks
 * recorded, and the answer kept for a retry. All in one transaction. libs/sop's refusals
 * become ServiceErrors with the current state and the actions this actor could take instead
 * (a transient database failure is answered UNAVAILABLE by toGrpcError).
 */
export class ComplaintCommandExecutor {
  constructor(private readonly options: CommandExecutorOptions) {}

  /** A client's command on a complaint the service holds (waiting, bounded, for one it has not consumed yet). */
  async execute<R extends object>(cmd: ComplaintRequest<R>): Promise<Executed<R>> {
    const { runtime, catchUpMs, knowsEveryComplaint } = this.options;
    await waitForComplaint({ dataSource: runtime.dataSource, catchUpMs, knowsEveryComplaint }, cmd.context.complaintId, cmd.context.versions);
    return this.asRequest(cmd, 'existing');
  }

  /**
   * A client's command on a complaint that does not exist yet (registration): its state starts
   * at libs/sop's `initialState()`, and `context.complaintId` is the id it will have.
   */
  register<R extends object>(cmd: ComplaintRequest<R>): Promise<Executed<R>> {
    return this.asRequest(cmd, 'new');
  }

  /**
   * The same stages inside the caller's transaction, for a command that is part of a unit of
   * work idempotent by its own record (a channel message, a delivery receipt, the complaint a
   * transfer opens): no request id is claimed and nothing is waited for.
   */
  within(tx: EntityManager): CommandsWithin {
    return {
      execute: (cmd) => this.run(tx, cmd, 'existing'),
      register: (cmd) => this.run(tx, cmd, 'new'),
    };
  }

  private asRequest<R extends object>(cmd: ComplaintRequest<R>, target: Target): Promise<Executed<R>> {
    const hash = requestHash(cmd.request);
    return this.options.runtime.dataSource.transaction(async (tx) => {
      const previous = await claimRequest(tx, cmd.operation, cmd.context.requestId, hash);
      if (previous) return previous as Executed<R>;
      const outcome = await this.run(tx, cmd, target);
      await answerRequest(tx, cmd.context.requestId, outcome);
      return outcome;
    });
  }

  private async run<R extends object>(tx: EntityManager, cmd: ComplaintCommand<R>, target: Target): Promise<Executed<R>> {
    const { context } = cmd;
    const locked = target === 'new' ? unborn(context.complaintId) : await this.lock(tx, context);
    const now = this.options.now();
    const decided = this.decide(await cmd.command(locked.state, tx, now), locked.state, now);
    const { extras, result, completed } = (await cmd.outputs?.(decided, tx, now)) ?? {};
    const recorded = completed ? this.decide(completed, locked.state, now) : decided;
    const owner = target === 'new' ? { ...locked, officeCode: officeOf(recorded.stateAfter) } : locked;

    const { state, version, envelopes } = await recordDecision(tx, owner, recorded.events, {
      stateConsumerGroup: this.options.stateConsumerGroup,
      context: { source: this.options.source, correlationId: context.correlationId, causationId: context.requestId },
      // The extras' type depends on the event's type; createEnvelope validates the payload they make.
      toEnvelope: (event, envelopeContext) => sopEventToEnvelope(event, envelopeContext, (extras?.(event) ?? {}) as never),
    });
    return {
      complaintId: context.complaintId,
      status: state.status,
      eventIds: envelopes.map((e) => e.id),
      ...(version !== null ? { version } : {}),
      ...(result ? { result } : {}),
    };
  }

  /** The complaint's state, locked; another office's complaint is not found; the version the client named checked. */
  private async lock(tx: EntityManager, context: CommandContext): Promise<LockedComplaintState> {
    const locked = await lockComplaintState(tx, context.complaintId);
    if (!locked || (context.actorOffice && locked.officeCode !== context.actorOffice)) {
      throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `complaint ${context.complaintId} not found`);
    }
    checkExpectedVersion(locked, context.versions);
    return locked;
  }

  private decide(command: SopCommand, stateBefore: ComplaintState, now: Date): Decided {
    const decision = decide(command, stateBefore, now);
    if (!decision.ok) throw toServiceError(decision.error, stateBefore, command);
    return { events: decision.events, stateBefore, stateAfter: decision.events.reduce(evolve, stateBefore) };
  }
}

/**
 * The state of a complaint that has been received, for a stage that reads its facts (office,
 * channel, tracking number). Only the state before a registration is libs/sop's initial one:
 * a complaint not received yet is not found.
 */
export function receivedState(state: ComplaintState): Exclude<ComplaintState, NewState> {
  if (state.status === 'NEW') throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', 'the complaint has not been received');
  return state;
}

/** A complaint about to be registered: no row yet, libs/sop's initial state, no events. */
function unborn(complaintId: string): LockedComplaintState {
  return { complaintId, officeCode: '', state: initialState(), version: 0 };
}

function officeOf(state: ComplaintState): string {
  return receivedState(state).officeCode;
}
