import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { channelMapping, type GetComplaintRequest, type GetComplaintResponseSchema } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { isRole } from '@pengaduan/sop';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { GetComplaintHandler } from './get-complaint.handler';

/** `IntakeService.GetComplaint`: maps the gRPC request to the query and the view back; no rules here. */
@Controller()
export class GetComplaintGrpcController {
  constructor(private readonly handler: GetComplaintHandler) {}

  @GrpcMethod('IntakeService', 'GetComplaint')
  async getComplaint(@Payload() request: GetComplaintRequest): Promise<MessageInitShape<typeof GetComplaintResponseSchema>> {
    const actor = request.actor;
    if (!actor?.userId || !isRole(actor.role)) {
      throw new ServiceError('unauthenticated', 'AUTH.NO_ACTOR', 'the request names no valid acting officer');
    }
    const c = await this.handler.execute({
      complaintId: request.complaintId,
      actor: { kind: 'user', userId: actor.userId, role: actor.role, ...(actor.sectionCode ? { sectionCode: actor.sectionCode } : {}) },
      ...(actor.officeCode ? { actorOffice: actor.officeCode } : {}),
      ...(request.contactPurpose ? { contactPurpose: request.contactPurpose } : {}),
      ...(request.contactReason ? { contactReason: request.contactReason } : {}),
    });
    return {
      complaint: {
        complaintId: c.complaintId,
        officeCode: c.officeCode,
        trackingNumber: c.trackingNumber,
        channel: channelMapping.toProto(c.channel),
        status: c.status,
        receivedAt: timestampFromDate(c.receivedAt),
        text: c.text,
        messages: c.messages.map((m) => ({
          messageId: m.messageId,
          channel: channelMapping.toProto(m.channel),
          receivedAt: timestampFromDate(m.receivedAt),
          text: m.text,
          attachmentCount: m.attachmentCount,
        })),
        reporterRef: c.reporterRef,
        contact: c.contact,
        contactRedacted: c.contactRedacted,
        contactRestricted: c.contactRestricted,
        personalDataErased: c.personalDataErased,
        contactPurpose: c.contactPurpose,
        anonymous: c.anonymous,
        confidential: c.confidential,
        classificationCode: c.classificationCode,
        summary: c.summary,
      },
    };
  }
}
