import { sopEventToEnvelope } from '@pengaduan/contracts';
import { lockComplaintState, recordDecision } from '@pengaduan/messaging';
import type { Logger } from '@pengaduan/runtime';
import { decide, type SopCommand, type SopEvent } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';

/** The `source` of notification's events. */
export const NOTIFICATION_SOURCE = 'pengaduan/notification';

/**
 * Decides a command notification gives itself (acknowledged, notification-failed, delivered) in
 * the caller's transaction and records its events, as the executor does for a request. A command
 * libs/sop refuses (the complaint moved on: closed by an officer meanwhile) is logged and
 * recorded as nothing; answers whether it was recorded.
 */
export async function recordSystemDecision(
  tx: EntityManager,
  args: {
    complaintId: string;
    command: SopCommand;
    /** The wire-only fields of each event (see sopEventToEnvelope). */
    extras: (event: SopEvent) => object;
    stateConsumerGroup: string;
    correlationId: string;
    causationId: string;
    now: Date;
    logger: Logger;
  },
): Promise<boolean> {
  const locked = await lockComplaintState(tx, args.complaintId);
  if (!locked) throw new Error(`complaint ${args.complaintId} has no state in this schema`);
  const decision = decide(args.command, locked.state, args.now);
  if (!decision.ok) {
    args.logger.warn({ complaintId: args.complaintId, command: args.command.type, code: decision.error.code, state: decision.error.status }, 'not recorded: libs/sop refuses it now');
    return false;
  }
  await recordDecision(tx, locked, decision.events, {
    stateConsumerGroup: args.stateConsumerGroup,
    context: { source: NOTIFICATION_SOURCE, correlationId: args.correlationId, causationId: args.causationId },
    toEnvelope: (e, ctx) => sopEventToEnvelope(e, ctx, args.extras(e) as never),
  });
  return true;
}
