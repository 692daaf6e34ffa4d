import { FIELD_RULES } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';

const R = FIELD_RULES;
const line = (rule: { description: string }) => ({ message: `$property must be ${rule.description}: not blank, no control characters or line breaks` });

/**
 * `PUT /office-profile` (docs/adr/0048): every field of the office's profile the head of office
 * edits, as it is to be; a phone, e-mail or website left out (or null) is none. Limits and
 * formats from FIELD_RULES; intake checks them again.
 */
export class OfficeProfileBody {
  @ApiProperty({ example: 'Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia', maxLength: R.officeMinistry.maxLength, description: 'The letterhead’s first line' })
  @IsString()
  @Length(R.officeMinistry.minLength, R.officeMinistry.maxLength)
  @Matches(R.officeMinistry.pattern, line(R.officeMinistry))
  ministry!: string;

  @ApiProperty({
    type: [String],
    example: ['Direktorat Jenderal Imigrasi', 'Kantor Wilayah Direktorat Jenderal Imigrasi Kepulauan Riau'],
    maxItems: R.officeParentUnits.maxItems,
    description: `The units between ministry and office, top down; each ${R.officeParentUnits.minLength}-${R.officeParentUnits.maxLength} characters`,
  })
  @IsArray()
  @ArrayMaxSize(R.officeParentUnits.maxItems)
  @IsString({ each: true })
  @Length(R.officeParentUnits.minLength, R.officeParentUnits.maxLength, { each: true })
  @Matches(R.officeParentUnits.pattern, { each: true, ...line(R.officeParentUnits) })
  parentUnits!: string[];

  @ApiProperty({ example: 'Kantor Imigrasi Kelas II TPI Belakang Padang', maxLength: R.officeName.maxLength })
  @IsString()
  @Length(R.officeName.minLength, R.officeName.maxLength)
  @Matches(R.officeName.pattern, line(R.officeName))
  name!: string;

  @ApiProperty({ example: 'Jl. Hang Tuah No. 1, Belakang Padang, Kota Batam', maxLength: R.officeAddress.maxLength })
  @IsString()
  @Length(R.officeAddress.minLength, R.officeAddress.maxLength)
  @Matches(R.officeAddress.pattern, line(R.officeAddress))
  address!: string;

  @ApiProperty({ example: 'Belakang Padang', maxLength: R.officeCity.maxLength, description: "The place of the documents' place-and-date line" })
  @IsString()
  @Length(R.officeCity.minLength, R.officeCity.maxLength)
  @Matches(R.officeCity.pattern, line(R.officeCity))
  city!: string;

  @ApiPropertyOptional({ example: R.officePhone.example, pattern: R.officePhone.pattern.source, nullable: true })
  @IsOptional()
  @IsString()
  @Matches(R.officePhone.pattern, { message: `phone must be ${R.officePhone.description}` })
  phone?: string | null;

  @ApiPropertyOptional({ example: R.officeEmail.example, nullable: true })
  @IsOptional()
  @IsString()
  @Matches(R.officeEmail.pattern, { message: `email must be ${R.officeEmail.description}` })
  email?: string | null;

  @ApiPropertyOptional({ example: R.officeWebsite.example, nullable: true })
  @IsOptional()
  @IsString()
  @Matches(R.officeWebsite.pattern, { message: `website must be ${R.officeWebsite.description}` })
  website?: string | null;
}

/** The office's profile in force, as its documents' letterhead prints it. */
export class OfficeProfileDto {
  @ApiProperty({ example: 'BLP' })
  officeCode!: string;

  @ApiProperty({ example: 2, description: 'Versions the head of office saved, 0 when never (the file’s profile); also the ETag: send it as If-Match to change it' })
  version!: number;

  @ApiProperty({ enum: ['file', 'office'], description: "`file`: the platform's default (OFFICE_PROFILES_FILE); `office`: as the head of office saved it" })
  source!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the version in force was saved' })
  changedAt?: string;

  @ApiProperty({ example: 'Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia' })
  ministry!: string;

  @ApiProperty({ type: [String], example: ['Direktorat Jenderal Imigrasi'] })
  parentUnits!: string[];

  @ApiProperty({ example: 'Kantor Imigrasi Kelas II TPI Belakang Padang' })
  name!: string;

  @ApiProperty({ example: 'Jl. Hang Tuah No. 1, Belakang Padang, Kota Batam' })
  address!: string;

  @ApiProperty({ example: 'Belakang Padang' })
  city!: string;

  @ApiPropertyOptional({ example: R.officePhone.example })
  phone?: string;

  @ApiPropertyOptional({ example: R.officeEmail.example })
  email?: string;

  @ApiPropertyOptional({ example: R.officeWebsite.example })
  website?: string;
}
