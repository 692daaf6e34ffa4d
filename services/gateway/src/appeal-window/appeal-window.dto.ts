import { APPEAL_WINDOW_MAX_DAYS } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** The office's appeal window (docs/adr/0053): `GET /appeal-window`, and the answer of `PUT`. */
export class AppealWindowDto {
  @ApiProperty({ example: 14, minimum: 0, maximum: APPEAL_WINDOW_MAX_DAYS, description: 'Days after closing within which a poor rating opens an appeal and an appeal is taken' })
  days!: number;

  @ApiProperty({ example: 0, description: 'Changes the office recorded, 0 when never (the default window); send it as If-Match to change it' })
  version!: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the newest change was recorded' })
  changedAt?: string;
}

/** `PUT /appeal-window`: the new number of days. */
export class SetAppealWindowBody {
  @ApiProperty({ example: 14, minimum: 0, maximum: 365 })
  @IsInt()
  @Min(0)
  @Max(APPEAL_WINDOW_MAX_DAYS)
  days!: number;
}
