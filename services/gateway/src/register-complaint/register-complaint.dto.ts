import { FIELD_RULES, type Channel } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsDateTime } from '../http/is-date-time';

/** Channels an officer types a complaint in for; the others arrive through their webhooks. */
export const OFFICER_ENTRY_CHANNELS = ['PHONE', 'WEB', 'WALK_IN', 'LAPOR'] as const satisfies readonly Channel[];
export type OfficerEntryChannel = (typeof OFFICER_ENTRY_CHANNELS)[number];

/** How to reach the reporter: every part optional. Sent to intake, which keeps it encrypted. */
export class ReporterContactDto {
  @ApiPropertyOptional({ example: 'Siti Rahma', maxLength: FIELD_RULES.reporterName.maxLength })
  @IsOptional()
  @IsString()
  @Length(FIELD_RULES.reporterName.minLength, FIELD_RULES.reporterName.maxLength)
  name?: string;

  @ApiPropertyOptional({ example: FIELD_RULES.reporterPhone.example, pattern: FIELD_RULES.reporterPhone.pattern.source, description: 'Phone number, preferably E.164' })
  @IsOptional()
  @IsString()
  @Matches(FIELD_RULES.reporterPhone.pattern, { message: `phone must be ${FIELD_RULES.reporterPhone.description}` })
  phone?: string;

  @ApiPropertyOptional({ example: FIELD_RULES.reporterEmail.example, format: 'email', pattern: FIELD_RULES.reporterEmail.pattern.source })
  @IsOptional()
  @IsString()
  @Matches(FIELD_RULES.reporterEmail.pattern, { message: `email must be ${FIELD_RULES.reporterEmail.description}` })
  email?: string;

  @ApiPropertyOptional({ example: '@sitirahma', maxLength: FIELD_RULES.reporterHandle.maxLength, description: 'Handle on a channel (WhatsApp, Instagram, Telegram …)' })
  @IsOptional()
  @IsString()
  @Length(FIELD_RULES.reporterHandle.minLength, FIELD_RULES.reporterHandle.maxLength)
  handle?: string;
}

/** `POST /complaints`: an officer registers a complaint received by phone, on paper or in person. */
export class RegisterComplaintBody {
  @ApiPropertyOptional({
    example: FIELD_RULES.officeCode.example,
    pattern: FIELD_RULES.officeCode.pattern.source,
    description: "The office the complaint is addressed to. An officer registers complaints for their own office only: leave it out (the officer's office is taken) or send that office's code; another office's code answers 403.",
  })
  @IsOptional()
  @IsString()
  @Matches(FIELD_RULES.officeCode.pattern, { message: `officeCode must be ${FIELD_RULES.officeCode.description}` })
  officeCode?: string;

  @ApiProperty({ enum: OFFICER_ENTRY_CHANNELS, example: 'PHONE' })
  @IsIn(OFFICER_ENTRY_CHANNELS)
  channel!: OfficerEntryChannel;

  @ApiProperty({ minLength: FIELD_RULES.reporterText.minLength, maxLength: FIELD_RULES.reporterText.maxLength, description: 'The complaint as the reporter told it' })
  @IsString()
  @Length(FIELD_RULES.reporterText.minLength, FIELD_RULES.reporterText.maxLength)
  text!: string;

  @ApiPropertyOptional({ type: ReporterContactDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReporterContactDto)
  contact?: ReporterContactDto;

  @ApiPropertyOptional({ default: false, description: "Hide the reporter's identity from every officer but the intake admin" })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({ default: false, description: 'The report must never be made public' })
  @IsOptional()
  @IsBoolean()
  confidential?: boolean;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-14T09:05:00+07:00', description: 'When the complaint was received, if earlier than now' })
  @IsOptional()
  @IsDateTime()
  receivedAt?: string;

  @ApiPropertyOptional({
    example: FIELD_RULES.laporReportNumber.example,
    pattern: FIELD_RULES.laporReportNumber.pattern.source,
    description:
      "The complaint's report number on SP4N-LAPOR! (docs/adr/0055): required with channel LAPOR, refused with any other (400 naming laporReportNumber). Unique per office: a number already registered answers 409 COMPLAINT.LAPOR_NUMBER_TAKEN",
  })
  @IsOptional()
  @IsString()
  @Matches(FIELD_RULES.laporReportNumber.pattern, { message: `laporReportNumber must be ${FIELD_RULES.laporReportNumber.description}` })
  laporReportNumber?: string;
}

/** The complaint registered (or, for a repeated Idempotency-Key, the one registered before). */
export class ComplaintRegisteredDto {
  @ApiProperty({ format: 'uuid', example: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f' })
  id!: string;

  @ApiProperty({ example: 'BLP-2026-000123', description: 'The number the reporter quotes' })
  trackingNumber!: string;

  @ApiProperty({ example: 'RECEIVED', description: 'SOP status (libs/sop)' })
  status!: string;

  @ApiProperty({ example: 1, description: "The complaint's version (docs/adr/0033; also the ETag): a command sent at once with it as If-Match, or without one, waits until the complaint is in every view it needs" })
  version!: number;
}
