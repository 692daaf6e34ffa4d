import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ListSectionsRequest, ListSectionsResponseSchema } from '@pengaduan/contracts';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ListSectionsHandler } from './list-sections.handler';

/** `DispositionService.ListSections`: maps the request to the query and back; no rules here. */
@Controller()
export class ListSectionsGrpcController {
  constructor(private readonly handler: ListSectionsHandler) {}

  @GrpcMethod('DispositionService', 'ListSections')
  async listSections(@Payload() request: ListSectionsRequest): Promise<MessageInitShape<typeof ListSectionsResponseSchema>> {
    return { sections: await this.handler.execute(request.officeCode, request.includeRetired) };
  }
}
