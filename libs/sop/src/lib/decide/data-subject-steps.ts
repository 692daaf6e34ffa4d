import type { RecordContactCorrectionCommand, RecordContactRestrictionCommand, RecordDataAccessAnswerCommand, RecordDataAccessRequestCommand, SopCommand } from '../commands';
import { CONTACT_FIELD_NAMES, DATA_ACCESS_VERIFICATIONS } from '../reference-data';
import { firstDuplicate, firstProblem, requireBoolean, requireNonEmptyArray, requireOneOf, requireText, requireTimestamp } from '../validation';
import type { Outcome } from './step-outcome';

/*
 * The data subject's requests (UU 27/2022; docs/adr/0056, 0061), recorded on a complaint as
 * events without personal data: the request's id, how the person was verified, times, the
 * names of the fields corrected. Intake keeps the requests and the contact.
 */

/** An access request registered: due 3 × 24 hours after registration (the time intake stored). */
export function recordDataAccessRequest(c: RecordDataAccessRequestCommand, at: string): Outcome {
  const problem = firstProblem(
    () => requireText(c.requestId, 'requestId'),
    () => requireOneOf(c.verifiedBy, DATA_ACCESS_VERIFICATIONS, 'verifiedBy'),
    () => requireTimestamp(c.dueAt, 'dueAt'),
  );
  if (problem) return { problem };
  return { events: [{ type: 'complaint.data-access-requested', at, actor: c.actor, data: { requestId: c.requestId, verifiedBy: c.verifiedBy, dueAt: new Date(c.dueAt).toISOString() } }] };
}

/** An access request answered: late when handed over after its due time. */
export function recordDataAccessAnswer(c: RecordDataAccessAnswerCommand, at: string): Outcome {
  const problem = firstProblem(
    () => requireText(c.requestId, 'requestId'),
    () => requireTimestamp(c.dueAt, 'dueAt'),
    () => requireTimestamp(c.answeredAt, 'answeredAt'),
  );
  if (problem) return { problem };
  const answeredAt = new Date(c.answeredAt);
  const late = answeredAt.getTime() > Date.parse(c.dueAt);
  return { events: [{ type: 'complaint.data-access-answered', at, actor: c.actor, data: { requestId: c.requestId, answeredAt: answeredAt.toISOString(), late } }] };
}

/** A correction of the contact: at least one field, each a contact field's name, once. */
export function recordContactCorrection(c: RecordContactCorrectionCommand, at: string): Outcome {
  const problem = firstProblem(
    () => requireNonEmptyArray(c.fields, 'fields'),
    () => c.fields.map((f, i) => requireOneOf(f, CONTACT_FIELD_NAMES, `fields[${i}]`)).find((p) => p !== null) ?? null,
    () => (firstDuplicate(c.fields) === undefined ? null : { field: 'fields', message: 'fields must name each field once' }),
  );
  if (problem) return { problem };
  return { events: [{ type: 'complaint.contact-corrected', at, actor: c.actor, data: { fields: [...c.fields] } }] };
}

/** A restriction of the contact's processing, or its lift. */
export function recordContactRestriction(c: RecordContactRestrictionCommand, at: string): Outcome {
  const problem = requireBoolean(c.restricted, 'restricted');
  if (problem) return { problem };
  return { events: [{ type: c.restricted ? 'complaint.contact-restricted' : 'complaint.contact-restriction-lifted', at, actor: c.actor, data: {} }] };
}

/** A data subject's request recorded on a complaint (one of the four commands above). */
export type DataSubjectRecordCommand = RecordDataAccessRequestCommand | RecordDataAccessAnswerCommand | RecordContactCorrectionCommand | RecordContactRestrictionCommand;

/** Whether the command is one of the {@link DataSubjectRecordCommand}s. */
export function isDataSubjectRecord(command: SopCommand): command is DataSubjectRecordCommand {
  return command.type === 'recordDataAccessRequest' || command.type === 'recordDataAccessAnswer' || command.type === 'recordContactCorrection' || command.type === 'recordContactRestriction';
}

/** Decides a data subject's request recorded on a complaint. */
export function recordDataSubjectRequest(command: DataSubjectRecordCommand, at: string): Outcome {
  switch (command.type) {
    case 'recordDataAccessRequest':
      return recordDataAccessRequest(command, at);
    case 'recordDataAccessAnswer':
      return recordDataAccessAnswer(command, at);
    case 'recordContactCorrection':
      return recordContactCorrection(command, at);
    case 'recordContactRestriction':
      return recordContactRestriction(command, at);
  }
}
