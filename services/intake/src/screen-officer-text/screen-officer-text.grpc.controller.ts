import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ScreenOfficerTextRequest, ScreenOfficerTextResponseSchema } from '@pengaduan/contracts';
import { Injectable } from '@nestjs/common';
import { ScreenOfficerTextHandler } from './screen-officer-text.handler';

/** `IntakeService.ScreenOfficerText`: maps the request; no rules here. */
@Injectable()
export class ScreenOfficerTextGrpcController {
  constructor(private readonly handler: ScreenOfficerTextHandler) {}

  async screenOfficerText(request: ScreenOfficerTextRequest, _correlationId: string): Promise<MessageInitShape<typeof ScreenOfficerTextResponseSchema>> {
    await this.handler.execute({
      complaintId: request.complaintId,
      officeCode: request.officeCode,
      texts: request.texts.map((t) => ({ field: t.field, text: t.text })),
    });
    return {};
  }
}
