import type { MessageInitShape } from '@bufbuild/protobuf';
import type { AppendMessageRequest, AppendMessageResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import { CorrelationId } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { AppendMessageHandler } from './append-message.handler';

/** `IntakeService.AppendMessage`: maps the gRPC request to the command and back; no rules here. */
@Controller()
export class AppendMessageGrpcController {
  constructor(private readonly handler: AppendMessageHandler) {}

  @GrpcMethod('IntakeService', 'AppendMessage')
  async appendMessage(@Payload() request: AppendMessageRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof AppendMessageResponseSchema>> {
    const outcome = await this.handler.execute({ ...checkCommandContext(request.context, correlationId), correlationId, text: request.text });
    return { outcome: outcomeMessage(outcome), messageId: outcome.result.messageId, sequence: outcome.result.sequence };
  }
}
