import type { MessageInitShape } from '@bufbuild/protobuf';
import type { RespondAsSectionRequest, RespondAsSectionResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import { RespondAsSectionHandler } from './respond-as-section.handler';

/** `DispositionService.RespondAsSection`: maps the gRPC request to the command and back; no rules here. */
@Injectable()
export class RespondAsSectionGrpcController {
  constructor(private readonly handler: RespondAsSectionHandler) {}

  async respondAsSection(request: RespondAsSectionRequest, correlationId: string): Promise<MessageInitShape<typeof RespondAsSectionResponseSchema>> {
    const result = await this.handler.execute({
      context: checkCommandContext(request.context),
      sectionCode: request.sectionCode,
      response: request.response,
      correlationId,
    });
    return { outcome: result.outcome };
  }
}
