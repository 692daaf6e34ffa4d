import type { MessageInitShape } from '@bufbuild/protobuf';
import type { AppendMessageRequest, AppendMessageResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import { AppendMessageHandler } from './append-message.handler';

/** `IntakeService.AppendMessage`: maps the gRPC request to the command and back; no rules here. */
@Injectable()
export class AppendMessageGrpcController {
  constructor(private readonly handler: AppendMessageHandler) {}

  async appendMessage(request: AppendMessageRequest, correlationId: string): Promise<MessageInitShape<typeof AppendMessageResponseSchema>> {
    const outcome = await this.handler.execute({ ...checkCommandContext(request.context), correlationId, text: request.text });
    return { outcome: outcomeMessage(outcome), messageId: outcome.result.messageId };
  }
}
