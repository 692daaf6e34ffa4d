import { DELIVERY_METHODS, FIELD_RULES, type DeliveryMethod } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsDateTime } from '../http/is-date-time';

/** SOP step 8: the officer records that the follow-up information reached the reporter. */
export class ConfirmDeliveryBody {
  @ApiProperty({ enum: DELIVERY_METHODS, example: 'PHONE_CALL', description: 'How it is known the reporter got it' })
  @IsIn(DELIVERY_METHODS)
  method!: DeliveryMethod;

  @ApiProperty({ format: 'date-time', example: '2026-03-17T10:15:00+07:00', description: 'When the reporter got it (not in the future)' })
  @IsDateTime()
  deliveredAt!: string;

  @ApiPropertyOptional({ maxLength: FIELD_RULES.note.maxLength, description: "The officer's note, e.g. on the phone call" })
  @IsOptional()
  @IsString()
  @Length(FIELD_RULES.note.minLength, FIELD_RULES.note.maxLength)
  note?: string;
}
