import { DISPOSITION_INSTRUCTIONS, FIELD_RULES, type DispositionInstruction } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';

/** One line of the disposition sheet: a section and what the head of office tells it to do. */
export class DispositionLineDto {
  @ApiProperty({ example: FIELD_RULES.sectionCode.example, pattern: FIELD_RULES.sectionCode.pattern.source, description: "A section of the office's list (GET /api/v1/sections)" })
  @IsString()
  @Matches(FIELD_RULES.sectionCode.pattern, { message: `sectionCode must be ${FIELD_RULES.sectionCode.description}` })
  sectionCode!: string;

  @ApiProperty({ enum: DISPOSITION_INSTRUCTIONS, isArray: true, example: ['TINDAK_LANJUTI'], description: 'At least one, none twice' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DISPOSITION_INSTRUCTIONS.length)
  @IsIn(DISPOSITION_INSTRUCTIONS, { each: true })
  instructions!: DispositionInstruction[];

  @ApiPropertyOptional({ maxLength: FIELD_RULES.note.maxLength, description: 'The head of office\'s note to the section' })
  @IsOptional()
  @IsString()
  @Length(FIELD_RULES.note.minLength, FIELD_RULES.note.maxLength)
  note?: string;
}

/** SOP step 3: the head of office dispositions a confirmed complaint to sections (Lembar Disposisi). */
export class DisposeComplaintBody {
  @ApiProperty({ type: [DispositionLineDto], description: 'At least one section, each at most once' })
  @IsArray()
  @ArrayMinSize(FIELD_RULES.dispositionLines.minItems)
  @ArrayMaxSize(FIELD_RULES.dispositionLines.maxItems)
  @ValidateNested({ each: true })
  @Type(() => DispositionLineDto)
  lines!: DispositionLineDto[];

  @ApiPropertyOptional({ maxLength: FIELD_RULES.note.maxLength, description: 'A note on the whole sheet' })
  @IsOptional()
  @IsString()
  @Length(FIELD_RULES.note.minLength, FIELD_RULES.note.maxLength)
  note?: string;
}
