import { DISPOSITION_INSTRUCTIONS, type DispositionInstruction } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';

/** One line of the disposition sheet: a section and what the head of office tells it to do. */
export class DispositionLineDto {
  @ApiProperty({ example: 'INTELDAKIM', description: "A section of the office's list (GET /api/v1/sections)" })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'sectionCode must be a section code, e.g. INTELDAKIM' })
  sectionCode!: string;

  @ApiProperty({ enum: DISPOSITION_INSTRUCTIONS, isArray: true, example: ['TINDAK_LANJUTI'], description: 'At least one, none twice' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DISPOSITION_INSTRUCTIONS.length)
  @IsIn(DISPOSITION_INSTRUCTIONS, { each: true })
  instructions!: DispositionInstruction[];

  @ApiPropertyOptional({ maxLength: 2_000, description: 'The head of office\'s note to the section' })
  @IsOptional()
  @IsString()
  @Length(1, 2_000)
  note?: string;
}

/** SOP step 3: the head of office dispositions a confirmed complaint to sections (Lembar Disposisi). */
export class DisposeComplaintBody {
  @ApiProperty({ type: [DispositionLineDto], description: 'At least one section, each at most once' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => DispositionLineDto)
  lines!: DispositionLineDto[];

  @ApiPropertyOptional({ maxLength: 2_000, description: 'A note on the whole sheet' })
  @IsOptional()
  @IsString()
  @Length(1, 2_000)
  note?: string;
}
