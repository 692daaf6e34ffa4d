import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { Channel, channelMapping, dismissalReasonMapping, publicApi } from '@pengaduan/contracts';
import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { COMPLAINT_STATUSES, FIELD_RULES } from '@pengaduan/sop';
import { createHash } from 'node:crypto';
import { validate as isUuid } from 'uuid';
import { requestIdOf } from '../complaint-commands/request-id';
import { TRACKING_NUMBER } from '../read-model/tracking-number';
import type { IntakeClient } from '../upstream/clients';
import { OFFICE_CODE } from '../users/user-accounts';
import { OFFICE_CLIENT_ROLE, type OfficeClient } from './office-clients';
import type { PublicApiQueries, PublicComplaintRow, PublicEventRow } from './public-api.queries';

type ComplaintInit = MessageInitShape<typeof publicApi.ComplaintSchema>;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
const MAX_TEXT = FIELD_RULES.reporterText.maxLength;
const MAX_REQUEST_ID = FIELD_RULES.requestId.maxLength;
const MAX_TRANSFER_NOTE = FIELD_RULES.transferNote.maxLength;
/** A timestamptz as Postgres prints it (DateStyle ISO): the page cursor, exact to the microsecond. */
const PG_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

function invalid(violations: FieldViolation[], message = 'the request is not valid'): never {
  throw new ServiceError('invalid', 'REQUEST.INVALID', message, { fieldViolations: violations });
}

function requestIdViolations(requestId: string): FieldViolation[] {
  return requestId.length === 0 || requestId.length > MAX_REQUEST_ID ? [{ field: 'request_id', description: `required, 1-${MAX_REQUEST_ID} characters` }] : [];
}

/** The office a list or subscription is for: the caller's own, or PERMISSION_DENIED. */
function ownOffice(caller: OfficeClient, officeCode: string): string {
  if (officeCode === '' || officeCode === caller.officeCode) return caller.officeCode;
  throw new ServiceError('forbidden', 'AUTH.OUT_OF_OFFICE_SCOPE', `this client is office ${caller.officeCode}'s: it reads only that office's complaints`);
}

/** The office client as the internal APIs name the actor: acting as its office's complaint desk. */
function actorOf(caller: OfficeClient) {
  return { userId: caller.id, role: OFFICE_CLIENT_ROLE, officeCode: caller.officeCode };
}

const NOT_FOUND = (what: string) => new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `complaint ${what} not found`);

/**
 * `pengaduan.v1.OfficeComplaintsService` for one authenticated office client: submit and
 * transfer through intake (which decides with libs/sop), read from the gateway's read model.
 */
export class OfficeComplaintsApi {
  constructor(
    private readonly intake: IntakeClient,
    private readonly queries: PublicApiQueries,
  ) {}

  async submitComplaint(caller: OfficeClient, r: publicApi.SubmitComplaintRequest, correlationId: string): Promise<MessageInitShape<typeof publicApi.SubmitComplaintResponseSchema>> {
    const v = requestIdViolations(r.requestId);
    if (!OFFICE_CODE.test(r.officeCode)) v.push({ field: 'office_code', description: `required: ${FIELD_RULES.officeCode.description}, e.g. ${FIELD_RULES.officeCode.example}` });
    if (r.channel !== Channel.UNSPECIFIED && r.channel !== Channel.REGIONAL_OFFICE) v.push({ field: 'channel', description: 'must be CHANNEL_REGIONAL_OFFICE (or left unset)' });
    if (r.text.trim().length === 0) v.push({ field: 'text', description: 'required' });
    else if (r.text.length > MAX_TEXT) v.push({ field: 'text', description: `at most ${MAX_TEXT} characters` });
    if (v.length > 0) invalid(v, 'the complaint cannot be submitted as sent');
    const registered = await this.intake.call(
      'registerComplaint',
      {
        requestId: requestIdOf({ id: caller.id }, r.requestId),
        officeCode: r.officeCode,
        channel: Channel.REGIONAL_OFFICE,
        text: r.text,
        contact: r.contact ? { name: r.contact.name, phone: r.contact.phone, email: r.contact.email, handle: r.contact.handle } : undefined,
        anonymous: r.anonymous,
        confidential: r.confidential,
        receivedAt: r.receivedAt,
        actor: actorOf(caller),
        forwardedByOfficeCode: caller.officeCode,
      },
      correlationId,
    );
    return { complaintId: registered.complaintId, trackingNumber: registered.trackingNumber, status: registered.status, officeCode: r.officeCode };
  }

  async getComplaint(caller: OfficeClient, r: publicApi.GetComplaintRequest): Promise<MessageInitShape<typeof publicApi.GetComplaintResponseSchema>> {
    let row: PublicComplaintRow | undefined;
    switch (r.key.case) {
      case 'complaintId':
        if (!isUuid(r.key.value)) invalid([{ field: 'complaint_id', description: 'must be a complaint id (UUID)' }]);
        row = await this.queries.complaintById(caller.officeCode, r.key.value);
        break;
      case 'trackingNumber':
        if (!TRACKING_NUMBER.test(r.key.value)) invalid([{ field: 'tracking_number', description: 'must look like BLP-2026-000123' }]);
        row = await this.queries.complaintByTrackingNumber(caller.officeCode, r.key.value);
        break;
      default:
        invalid([{ field: 'key', description: 'name the complaint: complaint_id or tracking_number' }]);
    }
    // Another office's complaint is as absent as one that does not exist.
    if (!row) throw NOT_FOUND(r.key.value);
    return { complaint: complaintOf(row) };
  }

  async listComplaints(caller: OfficeClient, r: publicApi.ListComplaintsRequest): Promise<MessageInitShape<typeof publicApi.ListComplaintsResponseSchema>> {
    const officeCode = ownOffice(caller, r.officeCode);
    const v: FieldViolation[] = [];
    r.statuses.forEach((s, i) => {
      if (!(COMPLAINT_STATUSES as readonly string[]).includes(s)) v.push({ field: `statuses[${i}]`, description: `must be one of ${COMPLAINT_STATUSES.join(', ')}` });
    });
    if (r.pageSize < 0 || r.pageSize > MAX_PAGE_SIZE) v.push({ field: 'page_size', description: `must be 0-${MAX_PAGE_SIZE} (0 means ${DEFAULT_PAGE_SIZE})` });
    const from = r.receivedFrom ? timestampDate(r.receivedFrom) : undefined;
    const to = r.receivedTo ? timestampDate(r.receivedTo) : undefined;
    if (from && to && from >= to) v.push({ field: 'received_to', description: 'must be after received_from' });
    const filterKey = filterKeyOf(officeCode, r.statuses, r.receivedFrom, r.receivedTo);
    const after = r.pageToken ? parsePageToken(r.pageToken, filterKey) : undefined;
    if (after === null) v.push({ field: 'page_token', description: 'not a page token of this list (with these filters)' });
    if (v.length > 0) invalid(v);

    const limit = r.pageSize || DEFAULT_PAGE_SIZE;
    const rows = await this.queries.list({ officeCode, statuses: r.statuses, receivedFrom: from, receivedTo: to, limit: limit + 1, after: after ?? undefined });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      complaints: page.map(complaintOf),
      nextPageToken: rows.length > limit && last ? pageToken({ receivedAt: last.received_at_text, id: last.id }, filterKey) : '',
    };
  }

  async transferComplaint(caller: OfficeClient, r: publicApi.TransferComplaintRequest, correlationId: string): Promise<MessageInitShape<typeof publicApi.TransferComplaintResponseSchema>> {
    const v = requestIdViolations(r.requestId);
    if (!isUuid(r.complaintId)) v.push({ field: 'complaint_id', description: 'must be a complaint id (UUID)' });
    if (!OFFICE_CODE.test(r.targetOfficeCode)) v.push({ field: 'target_office_code', description: `required: ${FIELD_RULES.officeCode.description}` });
    else if (r.targetOfficeCode === caller.officeCode) v.push({ field: 'target_office_code', description: "must be another office than the complaint's own" });
    if (r.note !== undefined && r.note.length > MAX_TRANSFER_NOTE) v.push({ field: 'note', description: `at most ${MAX_TRANSFER_NOTE} characters` });
    if (v.length > 0) invalid(v, 'the complaint cannot be transferred as sent');
    // Scoped as every REST command is (ADR 0011): another office's complaint is not revealed to
    // exist, and intake is not asked at all.
    const known = await this.queries.complaintById(caller.officeCode, r.complaintId);
    if (!known) throw NOT_FOUND(r.complaintId);
    const answer = await this.intake.call(
      'transferComplaint',
      {
        // Intake catches up with what the caller read, and with the gateway's view (docs/adr/0033).
        context: {
          requestId: requestIdOf({ id: caller.id }, `transfer\n${r.requestId}`),
          complaintId: r.complaintId,
          actor: actorOf(caller),
          ...(r.expectedVersion !== undefined ? { expectedVersion: r.expectedVersion } : {}),
          ...(known.version !== null ? { minVersion: known.version } : {}),
        },
        targetOfficeCode: r.targetOfficeCode,
        note: r.note,
      },
      correlationId,
    );
    return {
      complaintId: answer.outcome?.complaintId ?? r.complaintId,
      status: answer.outcome?.status ?? '',
      newComplaintId: answer.newComplaintId,
      newTrackingNumber: answer.newTrackingNumber,
      targetOfficeCode: answer.targetOfficeCode,
      ...(answer.outcome?.version !== undefined ? { version: answer.outcome.version } : {}),
    };
  }

  /** Checks a subscription: the office (the caller's) and the position; answers where to start. */
  subscription(caller: OfficeClient, r: publicApi.SubscribeComplaintEventsRequest): { officeCode: string; fromPosition: bigint } {
    const officeCode = ownOffice(caller, r.officeCode);
    if (r.fromPosition < 0n) invalid([{ field: 'from_position', description: 'must be 0 or a position received before' }]);
    return { officeCode, fromPosition: r.fromPosition };
  }
}

export function complaintOf(row: PublicComplaintRow): ComplaintInit {
  const d = row.dismissal;
  return {
    complaintId: row.id,
    officeCode: row.office_code,
    trackingNumber: row.tracking_number,
    channel: channelMapping.toProto(row.channel as Parameters<typeof channelMapping.toProto>[0], 'channel'),
    status: row.status,
    anonymous: row.anonymous,
    confidential: row.confidential,
    receivedAt: timestampFromDate(row.received_at),
    updatedAt: timestampFromDate(row.updated_at),
    currentStepId: row.current_step_id ?? undefined,
    currentStepDueAt: row.current_step_due_at ? timestampFromDate(row.current_step_due_at) : undefined,
    classificationCode: row.classification_code ?? undefined,
    summary: row.summary ?? undefined,
    forwardedByOfficeCode: row.forwarded_by_office_code ?? undefined,
    transferredFromComplaintId: row.transferred_from_complaint_id ?? undefined,
    transferredToComplaintId: row.transferred_to_complaint_id ?? undefined,
    dismissal: d
      ? {
          reason: dismissalReasonMapping.toProto(d.reason as Parameters<typeof dismissalReasonMapping.toProto>[0], 'dismissal.reason'),
          belongsTo: d.belongsTo,
          duplicateOf: d.duplicateOf,
          dismissedAt: timestampFromDate(new Date(d.at)),
        }
      : undefined,
    eventCount: row.event_count,
    ...(row.version !== null ? { version: row.version } : {}),
  };
}

export function complaintEventOf(row: PublicEventRow): MessageInitShape<typeof publicApi.ComplaintEventSchema> {
  return {
    position: BigInt(row.stream_position),
    eventId: row.event_id,
    type: row.type,
    complaintId: row.complaint_id,
    officeCode: row.office_code,
    trackingNumber: row.tracking_number,
    sequence: row.position,
    occurredAt: timestampFromDate(row.occurred_at),
    actor: {
      kind: row.actor_kind,
      role: row.actor_role ?? undefined,
      userId: row.actor_user_id ?? undefined,
      service: row.actor_service ?? undefined,
    },
    summary: row.summary,
    statusAfter: row.status_after,
  };
}

/** Ties a page token to the list it was given for: another filter cannot reuse it. */
function filterKeyOf(officeCode: string, statuses: readonly string[], from?: Timestamp, to?: Timestamp): string {
  const stamp = (t?: Timestamp) => (t ? `${t.seconds}.${t.nanos}` : '');
  return createHash('sha256')
    .update(JSON.stringify([officeCode, [...statuses].sort(), stamp(from), stamp(to)]))
    .digest('base64url')
    .slice(0, 16);
}

function pageToken(after: { receivedAt: string; id: string }, filterKey: string): string {
  return Buffer.from(JSON.stringify({ r: after.receivedAt, i: after.id, f: filterKey })).toString('base64url');
}

/** The cursor of a page token, or null when it is not one of this list's. */
function parsePageToken(token: string, filterKey: string): { receivedAt: string; id: string } | null {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { r?: unknown; i?: unknown; f?: unknown };
    if (parsed.f !== filterKey || typeof parsed.r !== 'string' || typeof parsed.i !== 'string' || !isUuid(parsed.i)) return null;
    if (!PG_TIMESTAMPTZ.test(parsed.r)) return null;
    return { receivedAt: parsed.r, id: parsed.i };
  } catch {
    return null;
  }
}
