import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Channel as ChannelPb, RegisterComplaintRequestSchema } from '@pengaduan/contracts';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IntakeClient } from '../intake/intake.client';
import type { RegisterComplaintCommand } from './register-complaint.command';
import type { ComplaintRegisteredDto } from './register-complaint.dto';

/**
 * Registers a complaint with its owner, intake, over gRPC. intake checks the request against
 * libs/sop, issues the tracking number and deduplicates by the idempotency key.
 */
@Injectable()
export class RegisterComplaintHandler {
  constructor(private readonly intake: IntakeClient) {}

  async execute(command: RegisterComplaintCommand): Promise<ComplaintRegisteredDto> {
    const { body } = command;
    const request = create(RegisterComplaintRequestSchema, {
      // Without a key every request is a new one.
      requestId: command.idempotencyKey ?? randomUUID(),
      officeCode: body.officeCode,
      channel: ChannelPb[body.channel],
      text: body.text,
      contact: body.contact ? { name: body.contact.name, phone: body.contact.phone, email: body.contact.email, handle: body.contact.handle } : undefined,
      anonymous: body.anonymous ?? false,
      confidential: body.confidential ?? false,
      receivedAt: body.receivedAt ? timestampFromDate(new Date(body.receivedAt)) : undefined,
      // No actor: intake records the system actor `gateway`. The JWT issue replaces this with the authenticated officer.
    });
    const registered = await this.intake.registerComplaint(request, command.correlationId);
    return { id: registered.complaintId, trackingNumber: registered.trackingNumber, status: registered.status };
  }
}
