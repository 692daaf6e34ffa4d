import type { MessageInitShape } from '@bufbuild/protobuf';
import { DispositionInstruction as InstructionPb, type DisposeComplaintRequest, type DisposeComplaintResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext } from '@pengaduan/messaging';
import { CorrelationId } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { DisposeComplaintHandler } from './dispose-complaint.handler';

/** `DispositionService.DisposeComplaint`: maps the gRPC request to the command and back; no rules here. */
@Controller()
export class DisposeComplaintGrpcController {
  constructor(private readonly handler: DisposeComplaintHandler) {}

  @GrpcMethod('DispositionService', 'DisposeComplaint')
  async disposeComplaint(@Payload() request: DisposeComplaintRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof DisposeComplaintResponseSchema>> {
    const result = await this.handler.execute({
      ...checkCommandContext(request.context, correlationId),
      lines: request.lines.map((line) => ({
        sectionCode: line.sectionCode,
        // The enum's name without its prefix (`TINDAK_LANJUTI`); UNSPECIFIED or an unknown number
        // passes through as such, and libs/sop refuses it naming the field.
        instructions: line.instructions.map((i) => InstructionPb[i] ?? String(i)),
        ...(line.note === undefined ? {} : { note: line.note }),
      })),
      ...(request.note === undefined ? {} : { note: request.note }),
      correlationId,
    });
    return { outcome: result.outcome, sheetNumber: result.sheetNumber };
  }
}
