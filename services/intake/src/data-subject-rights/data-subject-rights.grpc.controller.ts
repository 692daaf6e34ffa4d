import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import type {
  Actor,
  ChangeContactRequest,
  ChangeContactResponseSchema,
  DataRequestSchema,
  ExportDataRequestRequest,
  ExportDataRequestResponseSchema,
  HandOverDataRequestRequest,
  HandOverDataRequestResponseSchema,
  DataRequestTimelineEntry,
  ListDataRequestComplaintsRequest,
  ListDataRequestComplaintsResponseSchema,
  ListDataRequestsRequest,
  ListDataRequestsResponseSchema,
  RegisterDataRequestRequest,
  RegisterDataRequestResponseSchema,
} from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { isRole } from '@pengaduan/sop';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { AccessRequestsHandler, IDENTITY_DOCUMENT_KINDS, type AccessRequestView, type IdentityDocumentKind, type OfficerContext } from './access-requests.handler';
import { ContactRightsHandler } from './contact-rights.handler';
import type { PersonTimelineEntry } from './person-data';
import { EXPORT_FORMATS, type ExportFormat } from './person-data-export';

/** The data subject's rights (docs/adr/0056) on `IntakeService`: maps requests and answers; no rules here. */
@Controller()
export class DataSubjectRightsGrpcController {
  constructor(
    private readonly requests: AccessRequestsHandler,
    private readonly rights: ContactRightsHandler,
  ) {}

  @GrpcMethod('IntakeService', 'RegisterDataRequest')
  async registerDataRequest(@Payload() r: RegisterDataRequestRequest): Promise<MessageInitShape<typeof RegisterDataRequestResponseSchema>> {
    if (r.verification !== 'CHANNEL' && r.verification !== 'IN_PERSON') throw invalid('verification', 'CHANNEL or IN_PERSON');
    const kind = r.identityDocumentKind;
    if (kind !== undefined && !(IDENTITY_DOCUMENT_KINDS as readonly string[]).includes(kind)) throw invalid('identityDocumentKind', `one of ${IDENTITY_DOCUMENT_KINDS.join(', ')}`);
    const view = await this.requests.register({
      ...officerOf(r.actor),
      requestId: r.requestId,
      trackingNumber: r.trackingNumber,
      verification: r.verification,
      ...(r.verifier !== undefined ? { verifier: r.verifier } : {}),
      ...(kind !== undefined ? { identityDocumentKind: kind as IdentityDocumentKind } : {}),
    });
    return { request: toMessage(view) };
  }

  @GrpcMethod('IntakeService', 'ListDataRequests')
  async listDataRequests(@Payload() r: ListDataRequestsRequest): Promise<MessageInitShape<typeof ListDataRequestsResponseSchema>> {
    return { requests: (await this.requests.list(officerOf(r.actor))).map(toMessage) };
  }

  @GrpcMethod('IntakeService', 'ExportDataRequest')
  async exportDataRequest(@Payload() r: ExportDataRequestRequest): Promise<MessageInitShape<typeof ExportDataRequestResponseSchema>> {
    if (!(EXPORT_FORMATS as readonly string[]).includes(r.format)) throw invalid('format', EXPORT_FORMATS.join(', '));
    const file = await this.requests.export({ ...officerOf(r.actor), id: r.id, format: r.format as ExportFormat, timelines: timelinesOf(r.timeline) });
    return { fileName: file.fileName, mediaType: file.mediaType, content: file.content };
  }

  @GrpcMethod('IntakeService', 'ListDataRequestComplaints')
  async listDataRequestComplaints(@Payload() r: ListDataRequestComplaintsRequest): Promise<MessageInitShape<typeof ListDataRequestComplaintsResponseSchema>> {
    return { complaintIds: await this.requests.complaints({ ...officerOf(r.actor), id: r.id }) };
  }

  @GrpcMethod('IntakeService', 'HandOverDataRequest')
  async handOverDataRequest(@Payload() r: HandOverDataRequestRequest): Promise<MessageInitShape<typeof HandOverDataRequestResponseSchema>> {
    return { request: toMessage(await this.requests.handOver({ ...officerOf(r.actor), requestId: r.requestId, id: r.id, how: r.how })) };
  }

  @GrpcMethod('IntakeService', 'ChangeContact')
  async changeContact(@Payload() r: ChangeContactRequest): Promise<MessageInitShape<typeof ChangeContactResponseSchema>> {
    const command = { ...officerOf(r.actor), requestId: r.requestId, complaintId: r.complaintId, reason: r.reason };
    if (r.action === 'RESTRICT') return { restricted: (await this.rights.restrict(command)).restricted, changedFields: [] };
    if (r.action === 'LIFT') return { restricted: (await this.rights.lift(command)).restricted, changedFields: [] };
    if (r.action !== 'CORRECT') throw invalid('action', 'CORRECT, RESTRICT or LIFT');
    const contact = { ...(r.name ? { name: r.name } : {}), ...(r.phone ? { phone: r.phone } : {}), ...(r.email ? { email: r.email } : {}), ...(r.handle ? { handle: r.handle } : {}) };
    const { fields } = await this.rights.correct({ ...command, contact });
    return { restricted: await this.rights.restricted(command), changedFields: fields };
  }
}

function invalid(field: string, description: string): ServiceError {
  return new ServiceError('invalid', 'REQUEST.INVALID', `${field} is not valid`, { fieldViolations: [{ field, description }] });
}

function officerOf(actor: Actor | undefined): OfficerContext {
  if (!actor?.userId || !isRole(actor.role) || !actor.officeCode) {
    throw new ServiceError('unauthenticated', 'AUTH.NO_ACTOR', 'the request names no valid acting officer with an office');
  }
  return { actor: { kind: 'user', userId: actor.userId, role: actor.role }, actorOffice: actor.officeCode };
}

function toMessage(v: AccessRequestView): MessageInitShape<typeof DataRequestSchema> {
  return {
    id: v.id,
    officeCode: v.officeCode,
    trackingNumber: v.trackingNumber,
    verification: v.verification,
    ...(v.identityDocumentKind ? { identityDocumentKind: v.identityDocumentKind } : {}),
    registeredBy: v.registeredBy,
    registeredAt: timestampFromDate(v.registeredAt),
    dueAt: timestampFromDate(v.dueAt),
    ...(v.handedOverAt ? { handedOverAt: timestampFromDate(v.handedOverAt) } : {}),
    ...(v.handedOverBy ? { handedOverBy: v.handedOverBy } : {}),
    ...(v.handedOverHow ? { handedOverHow: v.handedOverHow } : {}),
  };
}

/** The gateway's timelines by complaint, in the order given. */
function timelinesOf(entries: readonly DataRequestTimelineEntry[]): Map<string, PersonTimelineEntry[]> {
  const byComplaint = new Map<string, PersonTimelineEntry[]>();
  for (const e of entries) {
    const entry = { at: (e.at ? timestampDate(e.at) : new Date(0)).toISOString(), type: e.type, status: e.status, actorRole: e.actorRole ?? null, actorService: e.actorService ?? null, summary: e.summary };
    byComplaint.set(e.complaintId, [...(byComplaint.get(e.complaintId) ?? []), entry]);
  }
  return byComplaint;
}
