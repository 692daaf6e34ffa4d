import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { CallAttemptOutcome, NotificationPurpose, type RecordCallAttemptRequest, type RecordCallAttemptResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext } from '@pengaduan/messaging';
import { CorrelationId } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RecordCallAttemptHandler } from './record-call-attempt.handler';

/** `NotificationService.RecordCallAttempt`: maps the gRPC request to the command and back; no rules here. */
@Controller()
export class RecordCallAttemptGrpcController {
  constructor(private readonly handler: RecordCallAttemptHandler) {}

  @GrpcMethod('NotificationService', 'RecordCallAttempt')
  async recordCallAttempt(@Payload() request: RecordCallAttemptRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof RecordCallAttemptResponseSchema>> {
    const ctx = checkCommandContext(request.context, correlationId);
    const outcome = await this.handler.execute({
      ...ctx,
      // Enum names without their prefix are libs/sop's names; the handler checks them.
      outcome: CallAttemptOutcome[request.outcome] ?? String(request.outcome),
      ...(request.purpose === undefined ? {} : { purpose: NotificationPurpose[request.purpose] ?? String(request.purpose) }),
      retryAt: request.retryAt ? timestampDate(request.retryAt) : undefined,
      reason: request.reason,
      correlationId,
    });
    return { outcome };
  }
}
