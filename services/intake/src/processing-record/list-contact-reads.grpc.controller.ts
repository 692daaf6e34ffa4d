import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { ListContactReadsRequest, ListContactReadsResponseSchema } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { isRole } from '@pengaduan/sop';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ListContactReadsHandler } from './list-contact-reads.handler';

/** `IntakeService.ListContactReads`: maps the request and the page; no rules here. */
@Controller()
export class ListContactReadsGrpcController {
  constructor(private readonly handler: ListContactReadsHandler) {}

  @GrpcMethod('IntakeService', 'ListContactReads')
  async listContactReads(@Payload() request: ListContactReadsRequest): Promise<MessageInitShape<typeof ListContactReadsResponseSchema>> {
    const actor = request.actor;
    if (!actor?.userId || !isRole(actor.role) || !actor.officeCode) {
      throw new ServiceError('unauthenticated', 'AUTH.NO_ACTOR', 'the request names no valid acting officer with an office');
    }
    const page = await this.handler.execute({
      role: actor.role,
      officeCode: actor.officeCode,
      ...(request.from ? { from: timestampDate(request.from) } : {}),
      ...(request.to ? { to: timestampDate(request.to) } : {}),
      ...(request.complaintId ? { complaintId: request.complaintId } : {}),
      pageSize: request.pageSize,
      ...(request.pageToken ? { pageToken: request.pageToken } : {}),
    });
    return { reads: page.reads.map((r) => ({ ...r, at: timestampFromDate(r.at) })), ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
  }
}
