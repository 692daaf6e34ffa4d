import type { MessageInitShape } from '@bufbuild/protobuf';
import type { SearchComplaintTextsRequest, SearchComplaintTextsResponseSchema } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { isRole } from '@pengaduan/sop';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { SearchComplaintTextsHandler } from './search-complaint-texts.handler';

/** `IntakeService.SearchComplaintTexts`: maps the request and the ids; no rules here. */
@Controller()
export class SearchComplaintTextsGrpcController {
  constructor(private readonly handler: SearchComplaintTextsHandler) {}

  @GrpcMethod('IntakeService', 'SearchComplaintTexts')
  async searchComplaintTexts(@Payload() request: SearchComplaintTextsRequest): Promise<MessageInitShape<typeof SearchComplaintTextsResponseSchema>> {
    const actor = request.actor;
    if (!actor?.userId || !isRole(actor.role) || !actor.officeCode) {
      throw new ServiceError('unauthenticated', 'AUTH.NO_ACTOR', 'the request names no valid acting officer with an office');
    }
    return this.handler.execute({ role: actor.role, officeCode: actor.officeCode, query: request.query, limit: request.limit });
  }
}
