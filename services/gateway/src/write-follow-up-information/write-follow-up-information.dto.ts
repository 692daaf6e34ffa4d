import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { MAX_OUTPUT_TEXT } from '../confirm-complaint/confirm-complaint.dto';

/** SOP step 7: Admin Tikkim writes the follow-up information (Informasi Tindak Lanjut). */
export class WriteFollowUpInformationBody {
  @ApiProperty({ maxLength: MAX_OUTPUT_TEXT, description: 'What the reporter is told, sent over the channel the complaint came in by; kept by notification, never in an event' })
  @IsString()
  @Length(1, MAX_OUTPUT_TEXT)
  text!: string;
}
