import { FIELD_RULES } from '@pengaduan/sop';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** SOP step 3: a dispositioned section reports back. The section is the officer's own. */
export class RespondAsSectionBody {
  @ApiProperty({ maxLength: FIELD_RULES.sectionResponse.maxLength, description: 'What the section found or did' })
  @IsString()
  @Length(FIELD_RULES.sectionResponse.minLength, FIELD_RULES.sectionResponse.maxLength)
  response!: string;
}
