import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ScreenOfficerTextRequest, ScreenOfficerTextResponseSchema } from '@pengaduan/contracts';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ScreenOfficerTextHandler } from './screen-officer-text.handler';

/** `IntakeService.ScreenOfficerText`: maps the request; no rules here. */
@Controller()
export class ScreenOfficerTextGrpcController {
  constructor(private readonly handler: ScreenOfficerTextHandler) {}

  @GrpcMethod('IntakeService', 'ScreenOfficerText')
  async screenOfficerText(@Payload() request: ScreenOfficerTextRequest): Promise<MessageInitShape<typeof ScreenOfficerTextResponseSchema>> {
    await this.handler.execute({
      complaintId: request.complaintId,
      officeCode: request.officeCode,
      texts: request.texts.map((t) => ({ field: t.field, text: t.text })),
    });
    return {};
  }
}
