import { FIELD_RULES } from '@pengaduan/sop';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** SOP step 7: Admin Tikkim writes the follow-up information (Informasi Tindak Lanjut). */
export class WriteFollowUpInformationBody {
  @ApiProperty({ maxLength: FIELD_RULES.followUpInformation.maxLength, description: 'What the reporter is told, sent over the channel the complaint came in by; kept by notification, never in an event' })
  @IsString()
  @Length(FIELD_RULES.followUpInformation.minLength, FIELD_RULES.followUpInformation.maxLength)
  text!: string;
}
