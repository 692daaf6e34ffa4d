import type { Channel } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
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
export const OFFICER_ENTRY_CHANNELS = ['PHONE', 'WEB', 'WALK_IN'] as const satisfies readonly Channel[];
export type OfficerEntryChannel = (typeof OFFICER_ENTRY_CHANNELS)[number];

export const MAX_TEXT_LENGTH = 20_000;

/** How to reach the reporter: every part optional. Sent to intake, which keeps it encrypted. */
export class ReporterContactDto {
  @ApiPropertyOptional({ example: 'Siti Rahma', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: '+6281234567890', description: 'Phone number, preferably E.164' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a phone number (digits, spaces, ()-, an optional leading +)' })
  phone?: string;

  @ApiPropertyOptional({ example: 'siti@example.id' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: '@sitirahma', maxLength: 200, description: 'Handle on a channel (WhatsApp, Instagram, Telegram …)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  handle?: string;
}

/** `POST /complaints`: an officer registers a complaint received by phone, on paper or in person. */
export class RegisterComplaintBody {
  @ApiPropertyOptional({
    example: 'BLP',
    pattern: '^[A-Z]{2,6}$',
    description: "The office the complaint is addressed to. An officer registers complaints for their own office only: leave it out (the officer's office is taken) or send that office's code; another office's code answers 403.",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{2,6}$/, { message: 'officeCode must be 2-6 capital letters' })
  officeCode?: string;

  @ApiProperty({ enum: OFFICER_ENTRY_CHANNELS, example: 'PHONE' })
  @IsIn(OFFICER_ENTRY_CHANNELS)
  channel!: OfficerEntryChannel;

  @ApiProperty({ minLength: 1, maxLength: MAX_TEXT_LENGTH, description: 'The complaint as the reporter told it' })
  @IsString()
  @Length(1, MAX_TEXT_LENGTH)
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
