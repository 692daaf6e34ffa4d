import type { ComplaintCommandExecutor } from '@pengaduan/messaging';
import type { RecordContactCorrectionCommand, RecordContactRestrictionCommand, RecordDataAccessAnswerCommand, RecordDataAccessRequestCommand, UserActor } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';

type Recorded = RecordDataAccessRequestCommand | RecordDataAccessAnswerCommand | RecordContactCorrectionCommand | RecordContactRestrictionCommand;

/** What a data-subject command records on a complaint: its libs/sop command without the actor. */
export type DataSubjectRecord = Recorded extends infer C ? (C extends Recorded ? Omit<C, 'actor'> : never) : never;

/** Where and by whom: the complaint the officer named, the officer, and what caused it (the request's key). */
export interface DataSubjectEventContext {
  complaintId: string;
  actor: UserActor;
  actorOffice: string;
  /** The Idempotency-Key of the command, or the record's id: the events' causation and correlation id. */
  causedBy: string;
}

/**
 * Records a data-subject command (docs/adr/0061) as its event on the complaint, inside the
 * command's own transaction: libs/sop decides it (Admin Tikkim alone, any status after receipt,
 * no step, no version) and intake's outbox carries it, so the record and its event commit together
 * or not at all. The events carry no personal data (ids, times, how verified, field names).
 */
export async function recordDataSubjectEvent(executor: ComplaintCommandExecutor, tx: EntityManager, context: DataSubjectEventContext, record: DataSubjectRecord): Promise<void> {
  await executor.within(tx).execute({
    context: { requestId: context.causedBy, correlationId: context.causedBy, complaintId: context.complaintId, actor: context.actor, actorOffice: context.actorOffice },
    command: () => ({ ...record, actor: context.actor }) as Recorded,
  });
}
