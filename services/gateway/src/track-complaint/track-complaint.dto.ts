import { COMPLAINT_STATUSES, SOP_STEP_IDS } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches } from 'class-validator';
import { TRACKING_NUMBER } from '../read-model/tracking-number';
import { STEP_STATES, type StepState } from './tracking-steps';

/** The shortest and longest verifier: four digits; the longest e-mail address (RFC 5321 path). A tracking PIN (8 digits) lies between. */
export const MIN_VERIFIER = 4;
export const MAX_VERIFIER = 254;

/** `POST /api/v1/public/tracking`. */
export class TrackComplaintBody {
  @ApiProperty({ example: 'BLP-2026-000123', pattern: TRACKING_NUMBER.source, description: 'As the reporter was given it; spaces around it and lowercase letters are forgiven' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(TRACKING_NUMBER, { message: 'trackingNumber must look like BLP-2026-000123' })
  trackingNumber!: string;

  @ApiProperty({
    example: '7890',
    minLength: MIN_VERIFIER,
    maxLength: MAX_VERIFIER,
    format: 'password',
    description:
      'Proof that the complaint is yours: the last four digits of the phone number you gave with it, the e-mail address you gave, ' +
      'or the tracking PIN your acknowledgement told you when you gave neither (8 digits)',
  })
  @IsString()
  @Length(MIN_VERIFIER, MAX_VERIFIER)
  verifier!: string;
}

/** One of the SOP's eight steps and where the complaint stands in it. */
export class TrackedStepDto {
  @ApiProperty({ enum: SOP_STEP_IDS, example: 'CONFIRM', description: 'libs/sop step id' })
  stepId!: string;

  @ApiProperty({ example: 2, description: 'The step number in the SOP (1-8)' })
  number!: number;

  @ApiProperty({ example: 'Pengaduan diterima dan dikonfirmasi oleh Admin Tikkim' })
  nameId!: string;

  @ApiProperty({ example: 'Complaint received and confirmed by Admin Tikkim' })
  nameEn!: string;

  @ApiProperty({
    enum: STEP_STATES,
    example: 'CURRENT',
    description: 'DONE; CURRENT (being worked on now); PENDING (still to come); SKIPPED (not needed on the way the complaint went, e.g. steps 3-6 of a dismissed complaint)',
  })
  state!: StepState;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the step started (DONE and CURRENT steps)' })
  startedAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the step was completed (DONE steps)' })
  completedAt?: string;
}

/** What a reporter may see of their complaint: where it stands, never its content or who handles it. */
export class TrackedComplaintDto {
  @ApiProperty({ example: 'BLP-2026-000123' })
  trackingNumber!: string;

  @ApiProperty({ example: 'BLP' })
  officeCode!: string;

  @ApiProperty({ example: 'Kantor Imigrasi Kelas II TPI Belakang Padang' })
  officeName!: string;

  @ApiProperty({ example: 'WHATSAPP', description: 'The channel the complaint came in over (libs/sop)' })
  channel!: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ enum: COMPLAINT_STATUSES, example: 'CONFIRMED', description: 'libs/sop status' })
  status!: string;

  @ApiProperty({ description: 'The complaint is settled: the follow-up has reached the reporter' })
  closed!: boolean;

  @ApiProperty({ type: [TrackedStepDto], description: 'The eight steps of the SOP, in order' })
  steps!: TrackedStepDto[];
}
