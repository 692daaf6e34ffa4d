import { DATA_REQUEST_STANDINGS, FIELD_RULES, type DataRequestStanding } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ReporterContactDto } from '../register-complaint/register-complaint.dto';

/** What Admin Tikkim saw of a person who came in person (intake's IDENTITY_DOCUMENT_KINDS); its number is never kept. */
export const IDENTITY_DOCUMENT_KINDS = ['KTP', 'PASPOR', 'SIM', 'KITAS', 'LAINNYA'] as const;
const VERIFICATIONS = ['CHANNEL', 'IN_PERSON'] as const;

/** `POST /data-requests`: a person asks for their personal data (UU 27/2022, docs/adr/0056). */
export class RegisterDataRequestBody {
  @ApiProperty({ example: FIELD_RULES.trackingNumber.example, pattern: FIELD_RULES.trackingNumber.pattern.source, description: 'A complaint of the person, in the officer’s office' })
  @IsString()
  @Matches(FIELD_RULES.trackingNumber.pattern, { message: `trackingNumber must be ${FIELD_RULES.trackingNumber.description}` })
  trackingNumber!: string;

  @ApiProperty({ enum: VERIFICATIONS, description: 'CHANNEL: the person read back what their channel gave them; IN_PERSON: an identity document was seen' })
  @IsIn(VERIFICATIONS)
  verification!: (typeof VERIFICATIONS)[number];

  @ApiPropertyOptional({ minLength: 4, maxLength: 254, description: 'CHANNEL: the tracking PIN, the last four digits of the phone, or the e-mail. Compared, never kept' })
  @IsOptional()
  @IsString()
  @Length(4, 254)
  verifier?: string;

  @ApiPropertyOptional({ enum: IDENTITY_DOCUMENT_KINDS, description: 'IN_PERSON: the kind of identity document seen (never its number)' })
  @IsOptional()
  @IsIn(IDENTITY_DOCUMENT_KINDS)
  identityDocumentKind?: (typeof IDENTITY_DOCUMENT_KINDS)[number];
}

/** One access request and how far it got. */
export class DataRequestDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'BLP-2026-000123' })
  trackingNumber!: string;

  @ApiProperty({ enum: VERIFICATIONS })
  verification!: string;

  @ApiPropertyOptional({ enum: IDENTITY_DOCUMENT_KINDS, nullable: true })
  identityDocumentKind!: string | null;

  @ApiProperty({ description: 'The officer who registered it' })
  registeredBy!: string;

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;

  @ApiProperty({ format: 'date-time', description: '3 × 24 hours after the registration (UU 27/2022)' })
  dueAt!: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  handedOverAt!: string | null;

  @ApiPropertyOptional({ nullable: true })
  handedOverBy!: string | null;

  @ApiPropertyOptional({ nullable: true })
  handedOverHow!: string | null;

  @ApiProperty({ enum: DATA_REQUEST_STANDINGS, description: 'Where it stands against its due time, now (DUE_SOON: past the share of the time at which the SOP’s clocks warn)' })
  standing!: DataRequestStanding;
}

export class DataRequestListDto {
  @ApiProperty({ type: [DataRequestDto], description: 'Open ones first by due time, then answered ones newest first; at most 500' })
  items!: DataRequestDto[];

  @ApiProperty({ description: 'How many are open (not handed over yet): the work queue’s count' })
  total!: number;
}

/** `POST /data-requests/{id}/handed-over`. */
export class HandOverDataRequestBody {
  @ApiProperty({ minLength: FIELD_RULES.dataRequestHandOver.minLength, maxLength: FIELD_RULES.dataRequestHandOver.maxLength, example: 'Diserahkan langsung di loket' })
  @IsString()
  @Length(FIELD_RULES.dataRequestHandOver.minLength, FIELD_RULES.dataRequestHandOver.maxLength)
  how!: string;
}

/** `POST /complaints/{id}/contact-restriction` and `/contact-restriction/lift`. */
export class ContactRestrictionBody {
  @ApiProperty({ minLength: FIELD_RULES.contactRightsReason.minLength, maxLength: FIELD_RULES.contactRightsReason.maxLength, description: 'Why (kept in intake; never the complainant’s data)' })
  @IsString()
  @Length(FIELD_RULES.contactRightsReason.minLength, FIELD_RULES.contactRightsReason.maxLength)
  reason!: string;
}

/** `POST /complaints/{id}/contact-correction`: the whole contact as it is to be from now on. */
export class ContactCorrectionBody extends ContactRestrictionBody {
  @ApiProperty({ type: ReporterContactDto })
  @ValidateNested()
  @Type(() => ReporterContactDto)
  contact!: ReporterContactDto;
}

export class ContactChangeDto {
  @ApiProperty({ description: 'Whether the contact is restricted after the change' })
  restricted!: boolean;

  @ApiProperty({ type: [String], example: ['phone'], description: 'A correction: the fields that changed (never their values)' })
  changedFields!: string[];
}
