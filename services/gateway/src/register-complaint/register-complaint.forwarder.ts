import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { channelMapping } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { grpcActorOf } from '../auth/authenticated-user';
import { requestIdOf } from '../complaint-commands/request-id';
import { ComplaintViewQueries } from '../complaint-views/complaint-views.queries';
import { IntakeClient } from '../upstream/clients';
import type { RegisterComplaintCommand } from './register-complaint.command';
import type { ComplaintRegisteredDto } from './register-complaint.dto';

/** A complaint's version once registered: its `complaint.received`. */
const REGISTERED_VERSION = 1;

/**
 * Registers a complaint with its owner, intake, over gRPC, on behalf of the officer: intake
 * checks with libs/sop that the officer may register it (ADMIN_TIKKIM), issues the tracking
 * number and deduplicates by the request id. The office is the officer's own.
 */
@Injectable()
export class RegisterComplaintForwarder {
  constructor(
    private readonly intake: IntakeClient,
    private readonly views: ComplaintViewQueries,
  ) {}

  async execute(command: RegisterComplaintCommand): Promise<ComplaintRegisteredDto> {
    const { body, user } = command;
    if (body.officeCode !== undefined && body.officeCode !== user.officeCode) {
      throw new ServiceError('forbidden', 'AUTH.OUT_OF_OFFICE_SCOPE', `an officer of office ${user.officeCode} registers complaints for that office only`);
    }
    const registered = await this.intake.call(
      'registerComplaint',
      {
        // Without a key every request is a new one.
        requestId: command.idempotencyKey === undefined ? randomUUID() : requestIdOf(user, command.idempotencyKey),
        officeCode: user.officeCode,
        channel: channelMapping.toProto(body.channel, 'channel'),
        text: body.text,
        contact: body.contact ? { name: body.contact.name, phone: body.contact.phone, email: body.contact.email, handle: body.contact.handle } : undefined,
        anonymous: body.anonymous ?? false,
        confidential: body.confidential ?? false,
        receivedAt: body.receivedAt ? timestampFromDate(new Date(body.receivedAt)) : undefined,
        laporReportNumber: body.laporReportNumber,
        actor: grpcActorOf(user),
      },
      command.correlationId,
    );
    // Registered = version 1 (complaint.received, docs/adr/0033): the officer's next command needs no view of it to go.
    await this.views.rememberAnswered(registered.complaintId, user.officeCode, REGISTERED_VERSION);
    return { id: registered.complaintId, trackingNumber: registered.trackingNumber, status: registered.status, version: REGISTERED_VERSION };
  }
}
