import { isMessage } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { channelMapping, ComplaintReceivedSchema, parseActor, type ParsedEvent } from '@pengaduan/contracts';
import type { ConsumedEvent, EventHandler } from '@pengaduan/messaging';
import { pendingSections, type ComplaintState } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import { currentStepOf } from '../read-model/current-step';
import { ProjectionError } from './projection-error';
import { applySlaEvent, isSlaEvent } from './sla-deadlines.projection';
import { recordFeedbackRound } from './feedback-rounds';
import { OUTPUT_COLUMN, outputChangeOf } from './sop-outputs';
import { timelineSummary } from './timeline-summary';
import { documentRefOf } from './document-refs';
import { noticePurposeOf, recordCallAttempt, recordDeliveryFailure } from './delivery-failures.projection';
import { recordFeedbackFact } from './feedback-facts.projection';

export { ProjectionError };

/**
 * Builds the read model from the complaint stream. It runs as the `extra` handler of
 * `complaintStateConsumer`, so the event is already folded into `complaint_state` (libs/sop
 * `evolve`) in the same transaction, which also commits the event's inbox row: a redelivered
 * event is a no-op, and every write goes through `tx`. Per event it
 * - keeps `complaint_view` in step with the state: status, current step and due time, flags,
 *   classification, sections;
 * - appends the event to `complaint_timeline` at the complaint's next position (events of one
 *   complaint share a key, hence a partition, so positions follow the topic's order), with the
 *   step an `sla.*` event is about;
 * - records the SOP output the event carries in `complaint_output`;
 * - records a failed attempt to reach the reporter in `delivery_failure` (the call tasks);
 * - records every rating, appeal and appeal review in `complaint_feedback_fact` (the dashboard);
 * - keeps the SLA monitor's deadlines in `sla_deadline` (`sla.*` events), before the view, so
 *   that the current step's due time is the monitor's once its deadline started.
 */
export const projectReadModel: EventHandler = async (event, tx) => {
  const { envelope } = event;
  if (!isUuid(envelope.subject)) {
    throw new ProjectionError('PROJECTION.UNKNOWN_COMPLAINT', `${envelope.type} ${envelope.id} names no complaint id (subject ${JSON.stringify(envelope.subject)})`);
  }
  const state = await stateOf(tx, envelope.subject);
  if (!state) {
    throw new ProjectionError('PROJECTION.UNKNOWN_COMPLAINT', `${envelope.type} ${envelope.id} is about complaint ${envelope.subject}, which was never received`);
  }
  if (event.type === 'complaint.received') await addReceivedComplaint(event, tx);
  if (isSlaEvent(event)) await applySlaEvent(event, tx);
  if (event.type === 'complaint.notification-failed') await recordDeliveryFailure(event, tx);
  if (event.type === 'complaint.call-attempted') await recordCallAttempt(event, tx);
  const position = await updateView(event, state, tx);
  await appendToTimeline(event, state, position, tx);
  await recordOutput(event, tx);
  await recordDocument(event, tx);
  await recordFeedbackFact(event, tx);
};

async function stateOf(tx: EntityManager, complaintId: string): Promise<ComplaintState | undefined> {
  const rows = (await tx.query('SELECT state FROM complaint_state WHERE complaint_id = $1', [complaintId])) as { state: ComplaintState }[];
  return rows[0]?.state;
}

async function addReceivedComplaint(event: ConsumedEvent & { type: 'complaint.received' }, tx: EntityManager): Promise<void> {
  const { envelope, payload } = event;
  if (!isMessage(payload, ComplaintReceivedSchema)) {
    throw new ProjectionError('PROJECTION.UNSUPPORTED_PAYLOAD', `complaint.received dataversion ${envelope.dataversion} is not projected`);
  }
  if (payload.complaintId !== envelope.subject) {
    throw new ProjectionError('PROJECTION.SUBJECT_MISMATCH', `complaint.received ${envelope.id} is about ${payload.complaintId} but its subject is ${envelope.subject}`);
  }
  if (!payload.receivedAt) throw new ProjectionError('PROJECTION.UNSUPPORTED_PAYLOAD', `complaint.received ${envelope.id} has no receivedAt`);
  // event_count 0: updateView counts this event like any other.
  await tx.query(
    `INSERT INTO complaint_view (id, office_code, tracking_number, channel, status, anonymous, confidential,
       reporter_ref, received_at, updated_at, last_event_type, last_event_id, event_count)
     VALUES ($1, $2, $3, $4, 'RECEIVED', $5, $6, $7, $8, $9, $10, $11, 0)`,
    [
      payload.complaintId,
      payload.officeCode,
      payload.trackingNumber,
      channelMapping.fromProto(payload.channel, 'data.channel'),
      payload.anonymous,
      payload.confidential,
      payload.reporterRef,
      timestampDate(payload.receivedAt),
      new Date(envelope.time),
      envelope.type,
      envelope.id,
    ],
  );
  await tx.query(`INSERT INTO complaint_output (complaint_id, updated_at) VALUES ($1, $2)`, [payload.complaintId, new Date(envelope.time)]);
  await linkTransfer(payload.complaintId, payload.forwardedByOfficeCode, payload.transferredFromComplaintId, tx);
  if (payload.laporReportNumber !== undefined) await tx.query('UPDATE complaint_view SET lapor_report_number = $2 WHERE id = $1', [payload.complaintId, payload.laporReportNumber]);
}

/** A forwarded or transferred complaint shows where it came from; the original of a transfer, where it went. */
async function linkTransfer(complaintId: string, forwardedBy: string | undefined, transferredFrom: string | undefined, tx: EntityManager): Promise<void> {
  if (forwardedBy === undefined && transferredFrom === undefined) return;
  await tx.query('UPDATE complaint_view SET forwarded_by_office_code = $2, transferred_from_complaint_id = $3 WHERE id = $1', [
    complaintId,
    forwardedBy ?? null,
    transferredFrom && isUuid(transferredFrom) ? transferredFrom : null,
  ]);
  if (transferredFrom && isUuid(transferredFrom)) {
    await tx.query('UPDATE complaint_view SET transferred_to_complaint_id = $2 WHERE id = $1', [transferredFrom, complaintId]);
  }
}

/**
 * The SLA monitor's due time of the current step ($6; for SECTION_RESPONSE the earliest of the
 * sections still awaited, $14), once its deadline started: under the office's policy it may
 * differ from the wall-clock estimate `currentStepOf` gives ($8), which stands until then.
 * The same rule as `withMonitoredDue` for the views.
 */
const MONITORED_DUE_OF_CURRENT_STEP = `
  SELECT min(d.due_at) FROM sla_deadline d
   WHERE d.complaint_id = $1 AND d.stopped_at IS NULL AND d.step_id = $6
     AND (d.section_code IS NULL OR d.section_code = ANY($14::text[]))`;

/** Brings the view in step with the state; answers the event's position in the complaint's record. */
async function updateView(event: ParsedEvent, state: ComplaintState, tx: EntityManager): Promise<number> {
  const { envelope } = event;
  const step = currentStepOf(state);
  const flags = 'anonymous' in state ? { anonymous: state.anonymous, confidential: state.confidential } : undefined;
  const classification = 'classification' in state ? state.classification : null;
  // Selected from a CTE so the driver answers rows (TypeORM answers [rows, count] to a bare UPDATE).
  const rows = (await tx.query(
    `WITH updated AS (
       UPDATE complaint_view SET
         status = $2,
         last_event_type = $3, last_event_id = $4, updated_at = $5, event_count = event_count + 1,
         current_step_id = $6, current_step_started_at = $7,
         current_step_due_at = COALESCE((${MONITORED_DUE_OF_CURRENT_STEP}), $8),
         anonymous = COALESCE($9, anonymous), confidential = COALESCE($10, confidential),
         classification_code = $11,
         summary = COALESCE($12, summary),
         sections = COALESCE($13, sections),
         pending_sections = $14
       WHERE id = $1
       RETURNING event_count)
     SELECT event_count FROM updated`,
    [
      envelope.subject,
      state.status,
      envelope.type,
      envelope.id,
      new Date(envelope.time),
      step?.stepId ?? null,
      step ? new Date(step.startedAt) : null,
      step ? new Date(step.dueAt) : null,
      flags?.anonymous ?? null,
      flags?.confidential ?? null,
      classification,
      event.type === 'complaint.confirmed' ? event.payload.summary : null,
      state.status === 'DISPOSED' ? [...state.sections] : null,
      [...pendingSections(state)],
    ],
  )) as { event_count: number }[];
  if (rows.length === 0) {
    // A state without a view: the complaint's `complaint.received` never reached the read model.
    throw new ProjectionError('PROJECTION.UNKNOWN_COMPLAINT', `${envelope.type} ${envelope.id} is about complaint ${envelope.subject}, which the read model never received`);
  }
  return rows[0].event_count;
}

async function appendToTimeline(event: ParsedEvent, state: ComplaintState, position: number, tx: EntityManager): Promise<void> {
  const { envelope } = event;
  const actor = parseActor(envelope.actor);
  // stream_position (the public API's subscriptions follow it) is allocated under a lock held
  // until commit, so positions become visible in increasing order across partitions: a reader
  // that saw position n never sees a smaller one appear later.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.complaint_timeline.stream_position'))`);
  await tx.query(
    `INSERT INTO complaint_timeline (event_id, complaint_id, position, type, occurred_at, actor_kind, actor_role, actor_user_id, actor_service, summary, status_after, step_id, purpose)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      envelope.id,
      envelope.subject,
      position,
      envelope.type,
      new Date(envelope.time),
      actor?.kind ?? 'system',
      actor?.kind === 'user' ? actor.role : null,
      actor?.kind === 'user' ? actor.userId : null,
      actor?.kind === 'system' ? actor.service : null,
      timelineSummary(event),
      state.status,
      // The step (or target) an SLA line is about, so the web app folds it under that step.
      isSlaEvent(event) ? event.payload.stepId : null,
      // The notice a line about a message to the reporter names (docs/adr/0051).
      noticePurposeOf(event) ?? null,
    ],
  );
}

async function recordOutput(event: ParsedEvent, tx: EntityManager): Promise<void> {
  await recordFeedbackRound(event, tx);
  const change = outputChangeOf(event);
  if (!change) return;
  const at = new Date(event.envelope.time);
  if (change.kind === 'append-section-response') {
    await tx.query(`UPDATE complaint_output SET section_responses = section_responses || $2::jsonb, updated_at = $3 WHERE complaint_id = $1`, [
      event.envelope.subject,
      JSON.stringify([change.value]),
      at,
    ]);
    return;
  }
  // The column comes from a fixed table, never from the event.
  await tx.query(`UPDATE complaint_output SET ${OUTPUT_COLUMN[change.output]} = $2::jsonb, updated_at = $3 WHERE complaint_id = $1`, [
    event.envelope.subject,
    JSON.stringify(change.value),
    at,
  ]);
}

/** The document an output event records: its number and the hash an auditor checks a printed copy against. */
async function recordDocument(event: ParsedEvent, tx: EntityManager): Promise<void> {
  const [view] = (await tx.query('SELECT tracking_number FROM complaint_view WHERE id = $1', [event.envelope.subject])) as { tracking_number: string }[];
  const ref = view ? documentRefOf(event, view.tracking_number) : undefined;
  if (!ref) return;
  await tx.query(
    `INSERT INTO complaint_document_ref (complaint_id, kind, number, sha256, event_id, event_type, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (complaint_id, kind) DO UPDATE SET number = EXCLUDED.number, sha256 = EXCLUDED.sha256, event_id = EXCLUDED.event_id, event_type = EXCLUDED.event_type, recorded_at = EXCLUDED.recorded_at
       WHERE complaint_document_ref.recorded_at < EXCLUDED.recorded_at`,
    [event.envelope.subject, ref.kind, ref.number, ref.sha256, event.envelope.id, event.type, new Date(event.envelope.time)],
  );
}
