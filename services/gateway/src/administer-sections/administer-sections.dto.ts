import { FIELD_RULES } from '@pengaduan/sop';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

/** `POST /sections`. */
export class AddSectionBody {
  @ApiProperty({ example: FIELD_RULES.sectionCode.example, pattern: FIELD_RULES.sectionCode.pattern.source, description: 'Unique in the office; never changes (a disposition line names it)' })
  @IsString()
  @Matches(FIELD_RULES.sectionCode.pattern, { message: `code must be ${FIELD_RULES.sectionCode.description}` })
  code!: string;

  @ApiProperty({ example: 'Seksi Inteldakim', maxLength: FIELD_RULES.sectionName.maxLength })
  @IsString()
  @Length(1, FIELD_RULES.sectionName.maxLength)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;
}

/** `PATCH /sections/{code}`. */
export class RenameSectionBody {
  @ApiProperty({ example: 'Seksi Intelijen dan Penindakan Keimigrasian', maxLength: FIELD_RULES.sectionName.maxLength })
  @IsString()
  @Length(1, FIELD_RULES.sectionName.maxLength)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;
}
