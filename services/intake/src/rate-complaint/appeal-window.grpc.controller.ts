import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { AppealWindowSchema, GetAppealWindowRequest, GetAppealWindowResponseSchema, SetAppealWindowRequest, SetAppealWindowResponseSchema } from '@pengaduan/contracts';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { AppealWindows, type AppealWindow } from './appeal-window';

/** `IntakeService.GetAppealWindow`, `SetAppealWindow` (docs/adr/0053): maps the gRPC messages; no rules here. */
@Controller()
export class AppealWindowGrpcController {
  constructor(private readonly windows: AppealWindows) {}

  @GrpcMethod('IntakeService', 'GetAppealWindow')
  async get(@Payload() request: GetAppealWindowRequest): Promise<MessageInitShape<typeof GetAppealWindowResponseSchema>> {
    return { window: windowMessage(await this.windows.get(request.officeCode)) };
  }

  @GrpcMethod('IntakeService', 'SetAppealWindow')
  async set(@Payload() request: SetAppealWindowRequest): Promise<MessageInitShape<typeof SetAppealWindowResponseSchema>> {
    const change = await this.windows.set({
      officeCode: request.officeCode,
      ...(request.expectedVersion === undefined ? {} : { expectedVersion: request.expectedVersion }),
      days: request.days,
      actor: { userId: request.actor?.userId ?? '', role: request.actor?.role ?? '', ...(request.actor?.officeCode ? { officeCode: request.actor.officeCode } : {}) },
      requestKey: request.requestKey,
    });
    return { window: windowMessage(change.window), changed: change.changed, previous: windowMessage(change.previous) };
  }
}

function windowMessage(w: AppealWindow): MessageInitShape<typeof AppealWindowSchema> {
  return { days: w.days, version: w.version, ...(w.changedAt ? { changedAt: timestampFromDate(w.changedAt) } : {}) };
}
