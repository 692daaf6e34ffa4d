import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { MAX_OUTPUT_TEXT } from '../confirm-complaint/confirm-complaint.dto';

/** SOP step 3: a dispositioned section reports back. The section is the officer's own. */
export class RespondAsSectionBody {
  @ApiProperty({ maxLength: MAX_OUTPUT_TEXT, description: 'What the section found or did' })
  @IsString()
  @Length(1, MAX_OUTPUT_TEXT)
  response!: string;
}
