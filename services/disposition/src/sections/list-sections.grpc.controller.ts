import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ListSectionsRequest, ListSectionsResponseSchema } from '@pengaduan/contracts';
import { Injectable } from '@nestjs/common';
import { ListSectionsHandler } from './list-sections.handler';

/** `DispositionService.ListSections`: maps the request to the query and back; no rules here. */
@Injectable()
export class ListSectionsGrpcController {
  constructor(private readonly handler: ListSectionsHandler) {}

  async listSections(request: ListSectionsRequest): Promise<MessageInitShape<typeof ListSectionsResponseSchema>> {
    return { sections: await this.handler.execute(request.officeCode) };
  }
}
