import { ApiProperty } from '@nestjs/swagger';
import { COMPLAINT_STATUSES } from '@pengaduan/sop';

/** What a command on a complaint did. The views follow within moments. */
export class CommandResultDto {
  @ApiProperty({ format: 'uuid', description: 'The complaint' })
  id!: string;

  @ApiProperty({ enum: COMPLAINT_STATUSES, example: 'CONFIRMED', description: "The complaint's libs/sop status afterwards" })
  status!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'The events the command recorded, in order (the same ones on a retry)' })
  eventIds!: string[];

  @ApiProperty({
    required: false,
    example: 4,
    description: "The complaint's version afterwards (also the ETag): send it as If-Match, or as minVersion to a view, to act on this answer (absent for a complaint recorded before versions)",
  })
  version?: number;
}

export class DispositionResultDto extends CommandResultDto {
  @ApiProperty({ example: 'LD/BLP/2026/000012', description: 'Number of the disposition sheet (Lembar Disposisi)' })
  sheetNumber!: string;
}

export class TeamDecreeResultDto extends CommandResultDto {
  @ApiProperty({ example: 'SK/BLP/2026/000003', description: 'Number of the team decree (SK Tim Penanganan Aduan)' })
  decreeNumber!: string;
}
