import { DELIVERY_METHODS, FIELD_RULES, NOTIFICATION_PURPOSES, type DeliveryMethod, type NotificationPurpose } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsDateTime } from '../http/is-date-time';

/** The officer records that a notice reached the reporter: step 8's information, or the acknowledgement (docs/adr/0051). */
export class ConfirmDeliveryBody {
  @ApiPropertyOptional({
    enum: NOTIFICATION_PURPOSES,
    example: 'ACKNOWLEDGEMENT',
    description:
      "The notice told (a call task's purpose). Absent: step 8's information, which closes the complaint. ACKNOWLEDGEMENT: the tracking number told after no channel could give it (complaint.acknowledged; no note kept, the complaint goes on)",
  })
  @IsOptional()
  @IsIn(NOTIFICATION_PURPOSES)
  purpose?: NotificationPurpose;

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
