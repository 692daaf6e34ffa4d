import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { Channel as ChannelPb, type Actor as ActorPb, type RegisterComplaintRequest, type RegisterComplaintResponseSchema } from '@pengaduan/contracts';
import { signatoryOf } from '@pengaduan/messaging';
import { CorrelationId, ServiceError } from '@pengaduan/runtime';
import { isRole, type Actor, type Channel } from '@pengaduan/sop';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RegisterComplaintHandler } from './register-complaint.handler';

/** `IntakeService.RegisterComplaint`: maps the gRPC request to the command and back; no rules here. */
@Controller()
export class RegisterComplaintGrpcController {
  constructor(private readonly handler: RegisterComplaintHandler) {}

  @GrpcMethod('IntakeService', 'RegisterComplaint')
  async registerComplaint(@Payload() request: RegisterComplaintRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof RegisterComplaintResponseSchema>> {
    const actor = toActor(request.actor);
    // A forwarded complaint is registered by the forwarding office, for the office it is addressed to.
    const actingOffice = request.forwardedByOfficeCode ?? request.officeCode;
    if (request.actor?.officeCode && request.actor.officeCode !== actingOffice) {
      throw new ServiceError('forbidden', 'AUTH.OUT_OF_OFFICE_SCOPE', 'an officer registers complaints only for their own office');
    }
    const channelName = ChannelPb[request.channel] as Channel | undefined;
    const result = await this.handler.execute({
      requestId: request.requestId,
      officeCode: request.officeCode,
      channel: (channelName ?? 'UNSPECIFIED') as Channel,
      text: request.text,
      contact: request.contact
        ? { name: request.contact.name, phone: request.contact.phone, email: request.contact.email, handle: request.contact.handle }
        : undefined,
      anonymous: request.anonymous,
      confidential: request.confidential,
      receivedAt: request.receivedAt ? timestampDate(request.receivedAt) : undefined,
      actor,
      correlationId,
      ...(request.forwardedByOfficeCode === undefined ? {} : { forwardedByOfficeCode: request.forwardedByOfficeCode }),
      ...(request.laporReportNumber === undefined ? {} : { laporReportNumber: request.laporReportNumber }),
      signatory: signatoryOf(request.actor),
    });
    return { complaintId: result.complaintId, trackingNumber: result.trackingNumber, status: result.status };
  }
}

/** The acting officer of a request: the gateway always sends the officer it authenticated. */
function toActor(actor: ActorPb | undefined): Actor {
  if (!actor?.userId || !isRole(actor.role)) {
    throw new ServiceError('unauthenticated', 'AUTH.NO_ACTOR', 'the request names no valid acting officer');
  }
  return { kind: 'user', userId: actor.userId, role: actor.role };
}
