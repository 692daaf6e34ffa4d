import type { MessageInitShape } from '@bufbuild/protobuf';
import type { AddSectionRequest, AddSectionResponseSchema, RenameSectionRequest, RenameSectionResponseSchema, RetireSectionRequest, RetireSectionResponseSchema } from '@pengaduan/contracts';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { AdministerSectionsHandler } from './administer-sections.handler';

/** `DispositionService.AddSection|RenameSection|RetireSection`: maps the requests to the handler and back; no rules here. */
@Controller()
export class AdministerSectionsGrpcController {
  constructor(private readonly handler: AdministerSectionsHandler) {}

  @GrpcMethod('DispositionService', 'AddSection')
  addSection(@Payload() request: AddSectionRequest): Promise<MessageInitShape<typeof AddSectionResponseSchema>> {
    return this.handler.add(request.officeCode, request.code, request.name);
  }

  @GrpcMethod('DispositionService', 'RenameSection')
  async renameSection(@Payload() request: RenameSectionRequest): Promise<MessageInitShape<typeof RenameSectionResponseSchema>> {
    const { section, changed, previousName } = await this.handler.rename(request.officeCode, request.code, request.name);
    return { section, changed, previousName: previousName ?? section.name };
  }

  @GrpcMethod('DispositionService', 'RetireSection')
  retireSection(@Payload() request: RetireSectionRequest): Promise<MessageInitShape<typeof RetireSectionResponseSchema>> {
    return this.handler.retire(request.officeCode, request.code);
  }
}
