import { ComplaintCommandExecutor, isSopRefusal, type ServiceRuntime } from '@pengaduan/messaging';
import type { Clock, Logger } from '@pengaduan/runtime';
import type { SopCommand, SopEvent } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { NOTIFICATION_ACTOR } from '../acknowledge/acknowledge-reporter';

/** The `source` of notification's events. */
export const NOTIFICATION_SOURCE = 'pengaduan/notification';

/**
 * The executor of the commands notification gives itself (acknowledged, notification-failed,
 * delivered), inside the transaction of the delivery or receipt that causes them.
 */
export function systemCommandExecutor(runtime: ServiceRuntime, clock: Clock, stateConsumerGroup: string): ComplaintCommandExecutor {
  return new ComplaintCommandExecutor({ runtime, source: NOTIFICATION_SOURCE, stateConsumerGroup, now: () => clock.now() });
}

/**
 * Runs a command notification gives itself through the executor, in the caller's transaction
 * (whose delivery or receipt row makes it idempotent). A command libs/sop refuses (the complaint
 * moved on: closed by an officer meanwhile) is logged and recorded as nothing; answers whether
 * it was recorded.
 */
export async function recordSystemDecision(
  tx: EntityManager,
  executor: ComplaintCommandExecutor,
  args: {
    complaintId: string;
    command: SopCommand;
    /** The wire-only fields of each event (see sopEventToEnvelope). */
    extras: (event: SopEvent) => Record<string, unknown>;
    correlationId: string;
    /** The delivery attempt or receipt that caused it. */
    causationId: string;
    logger: Logger;
  },
): Promise<boolean> {
  try {
    await executor.within(tx).execute({
      context: { requestId: args.causationId, complaintId: args.complaintId, actor: NOTIFICATION_ACTOR, correlationId: args.correlationId },
      command: () => args.command,
      outputs: async () => ({ extras: args.extras }),
    });
    return true;
  } catch (err) {
    if (!isSopRefusal(err)) throw err;
    args.logger.warn({ complaintId: args.complaintId, command: args.command.type, code: err.code, state: err.details.state }, 'not recorded: libs/sop refuses it now');
    return false;
  }
}
