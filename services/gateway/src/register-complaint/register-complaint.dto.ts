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
  registerDecorator,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';

/** Channels an officer types a complaint in for; the others arrive through their webhooks. */
export const OFFICER_ENTRY_CHANNELS = ['PHONE', 'WEB', 'WALK_IN'] as const satisfies readonly Channel[];
export type OfficerEntryChannel = (typeof OFFICER_ENTRY_CHANNELS)[number];

export const MAX_TEXT_LENGTH = 20_000;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** An ISO 8601 date-time with an offset (RFC 3339) on a real calendar day (no 30 February). */
function IsDateTime(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDateTime',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be an ISO 8601 date-time with an offset, e.g. 2026-03-14T09:05:00+07:00`, ...options },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string') return false;
          const m = RFC3339.exec(value);
          if (!m) return false;
          const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
          const date = new Date(Date.UTC(year, month - 1, day));
          return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
        },
      },
    });
}

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
  @ApiProperty({ example: 'BLP', pattern: '^[A-Z]{2,6}$', description: 'Code of the office the complaint is addressed to' })
  @IsString()
  @Matches(/^[A-Z]{2,6}$/, { message: 'officeCode must be 2-6 capital letters' })
  officeCode!: string;

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
}
