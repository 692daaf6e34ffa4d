import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type {
  DiscardProblemMessageRequest,
  DiscardProblemMessageResponseSchema,
  ListProblemMessagesRequest,
  ListProblemMessagesResponseSchema,
  ProblemMessageSchema,
  ReprocessProblemMessageRequest,
  ReprocessProblemMessageResponseSchema,
} from '@pengaduan/contracts';
import type { Actor } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { isRole, type Role } from '@pengaduan/sop';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ListProblemMessagesHandler } from './list-problem-messages.handler';
import type { ProblemMessageItem } from './problem-message';
import { ProblemMessageActionsHandler } from './problem-message-actions.handler';

/** `IntakeService.ListProblemMessages`, `ReprocessProblemMessage`, `DiscardProblemMessage`: maps requests and answers; no rules here. */
@Controller()
export class ProblemMessagesGrpcController {
  constructor(
    private readonly list: ListProblemMessagesHandler,
    private readonly actions: ProblemMessageActionsHandler,
  ) {}

  @GrpcMethod('IntakeService', 'ListProblemMessages')
  async listProblemMessages(@Payload() request: ListProblemMessagesRequest): Promise<MessageInitShape<typeof ListProblemMessagesResponseSchema>> {
    const actor = officerOf(request.actor);
    const page = await this.list.execute({ role: actor.role, officeCode: actor.officeCode, limit: request.limit, offset: request.offset });
    return { items: page.items.map(toMessage), total: page.total };
  }

  @GrpcMethod('IntakeService', 'ReprocessProblemMessage')
  async reprocessProblemMessage(@Payload() request: ReprocessProblemMessageRequest): Promise<MessageInitShape<typeof ReprocessProblemMessageResponseSchema>> {
    const answer = await this.actions.reprocess({ ...officerOf(request.actor), requestId: request.requestId, id: request.id });
    return { outcome: answer.outcome, item: toMessage(answer.item) };
  }

  @GrpcMethod('IntakeService', 'DiscardProblemMessage')
  async discardProblemMessage(@Payload() request: DiscardProblemMessageRequest): Promise<MessageInitShape<typeof DiscardProblemMessageResponseSchema>> {
    const answer = await this.actions.discard({ ...officerOf(request.actor), requestId: request.requestId, id: request.id, reason: request.reason });
    return { item: toMessage(answer.item) };
  }
}

function officerOf(actor: Actor | undefined): { userId: string; role: Role; officeCode: string } {
  if (!actor?.userId || !isRole(actor.role) || !actor.officeCode) {
    throw new ServiceError('unauthenticated', 'AUTH.NO_ACTOR', 'the request names no valid acting officer with an office');
  }
  return { userId: actor.userId, role: actor.role, officeCode: actor.officeCode };
}

function toMessage(item: ProblemMessageItem): MessageInitShape<typeof ProblemMessageSchema> {
  return { ...item, receivedAt: timestampFromDate(item.receivedAt) };
}
