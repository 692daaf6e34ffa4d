import { STATUS_MESSAGE_PURPOSES } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, ValidateNested } from 'class-validator';

/** Whether one status message goes out (docs/adr/0054). */
export class StatusMessageSwitchDto {
  @ApiProperty({ enum: STATUS_MESSAGE_PURPOSES, example: 'STATUS_CONFIRMED', description: 'STATUS_CONFIRMED (step 2), STATUS_DISPOSED (step 3), STATUS_DECIDED (step 5), RATING_REQUEST (after closing, docs/adr/0053)' })
  @IsIn(STATUS_MESSAGE_PURPOSES)
  purpose!: string;

  @ApiProperty({ description: 'Whether the office sends it' })
  @IsBoolean()
  enabled!: boolean;
}

/** `GET /status-messages`, and the answer of `PUT`. */
export class StatusMessagesDto {
  @ApiProperty({ type: [StatusMessageSwitchDto], description: 'Every status message, in the order of the SOP' })
  items!: StatusMessageSwitchDto[];

  @ApiProperty({ example: 0, description: 'Versions the office recorded, 0 when never (all on); send it as If-Match to change them' })
  version!: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the newest version was recorded' })
  changedAt?: string;
}

/** `PUT /status-messages`: the switches to set; a status message not named keeps its setting. */
export class SetStatusMessagesBody {
  @ApiProperty({ type: [StatusMessageSwitchDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(STATUS_MESSAGE_PURPOSES.length)
  @ValidateNested({ each: true })
  @Type(() => StatusMessageSwitchDto)
  items!: StatusMessageSwitchDto[];
}
