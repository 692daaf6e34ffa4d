import type { MessageInitShape } from '@bufbuild/protobuf';
import type { RespondAsSectionRequest, RespondAsSectionResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext } from '@pengaduan/messaging';
import { CorrelationId } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RespondAsSectionHandler } from './respond-as-section.handler';

/** `DispositionService.RespondAsSection`: maps the gRPC request to the command and back; no rules here. */
@Controller()
export class RespondAsSectionGrpcController {
  constructor(private readonly handler: RespondAsSectionHandler) {}

  @GrpcMethod('DispositionService', 'RespondAsSection')
  async respondAsSection(@Payload() request: RespondAsSectionRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof RespondAsSectionResponseSchema>> {
    const result = await this.handler.execute({
      ...checkCommandContext(request.context, correlationId),
      sectionCode: request.sectionCode,
      response: request.response,
      correlationId,
    });
    return { outcome: result.outcome };
  }
}
