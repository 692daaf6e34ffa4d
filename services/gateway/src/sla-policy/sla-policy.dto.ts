import { FIELD_RULES, HOLIDAY_CALENDARS, ISO_WEEKDAYS, OFFICE_SLA_LIMITS, OFFICE_TIME_ZONES, SOP_CLOCK_HOURS, type SlaPolicy } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsNumber, IsObject, IsOptional, IsPositive, IsString, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';

// The shape of an office's SLA policy over REST (libs/sop `SlaPolicy`, docs/adr/0049). What the
// values may be (a step no longer than the SOP's, the days off in range and once each …) is
// libs/sop's `checkOfficeSlaPolicy`, which sla-monitor applies and names each field of.

/** `workingHours`: an optional list of periods per ISO weekday `1` (Monday) … `7` (Sunday). */
export class WorkingHoursBody {
  [day: string]: string[] | undefined;
}
for (const day of ISO_WEEKDAYS) {
  const at = [WorkingHoursBody.prototype, day] as const;
  ApiPropertyOptional({ type: [String], example: day === '5' ? ['07:30-16:30'] : ['07:30-16:00'], description: `ISO weekday ${day}: periods HH:MM-HH:MM, in order` })(...at);
  IsOptional()(...at);
  IsArray()(...at);
  ArrayMaxSize(FIELD_RULES.workingPeriods.maxItems)(...at);
  Matches(FIELD_RULES.workingPeriods.pattern, { each: true, message: `${day}: each period must be HH:MM-HH:MM` })(...at);
}

/** `deadlineHours`: hours per timed clock (libs/sop `ClockId`) where the office's are shorter than the SOP's. */
export class DeadlineHoursBody {
  [clock: string]: number | undefined;
}
for (const [clock, most] of Object.entries(SOP_CLOCK_HOURS)) {
  const at = [DeadlineHoursBody.prototype, clock] as const;
  ApiPropertyOptional({ type: Number, maximum: most, description: `hours of ${clock}; the SOP's (${most}) when left out, never more` })(...at);
  IsOptional()(...at);
  IsNumber({ allowNaN: false, allowInfinity: false })(...at);
  IsPositive()(...at);
}

/** One of the office's own days off. */
export class OfficeDayOffBody {
  @ApiProperty({ example: '2026-12-18', format: 'date', description: 'YYYY-MM-DD in the office’s time zone (libs/sop checks it is a date, in range, once)' })
  @IsString()
  date!: string;

  @ApiProperty({ example: 'Hari jadi Kota Batam', maxLength: FIELD_RULES.officeDayOffName.maxLength })
  @IsString()
  @Length(FIELD_RULES.officeDayOffName.minLength, FIELD_RULES.officeDayOffName.maxLength)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;
}

/** `PUT /sla-policy`: the office's whole policy (every field; what it leaves as the SOP's is left out of `deadlineHours`). */
export class SlaPolicyBody {
  @ApiProperty({ enum: ['WALL_CLOCK', 'WORKING_CALENDAR'], description: 'WALL_CLOCK: every hour counts; WORKING_CALENDAR: only working hours' })
  @IsIn(['WALL_CLOCK', 'WORKING_CALENDAR'])
  calendar!: SlaPolicy['calendar'];

  @ApiProperty({ enum: Object.keys(OFFICE_TIME_ZONES), example: 'Asia/Jakarta' })
  @IsIn(Object.keys(OFFICE_TIME_ZONES))
  timeZone!: SlaPolicy['timeZone'];

  @ApiProperty({ type: WorkingHoursBody, description: 'Working periods per ISO weekday; a day left out is not worked' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => WorkingHoursBody)
  workingHours!: WorkingHoursBody;

  @ApiProperty({ enum: Object.keys(HOLIDAY_CALENDARS), nullable: true, description: 'The national holidays that apply (ID: the SKB), or null for none' })
  @ValidateIf((body: SlaPolicyBody) => body.holidayCalendar !== null)
  @IsIn(Object.keys(HOLIDAY_CALENDARS))
  holidayCalendar!: string | null;

  @ApiProperty({ enum: ['NON_WORKING', 'WORKING'], description: "Whether the SKB's cuti bersama are days off" })
  @IsIn(['NON_WORKING', 'WORKING'])
  cutiBersama!: SlaPolicy['cutiBersama'];

  @ApiProperty({ type: [OfficeDayOffBody], description: `The office's own days off, each once, from ${OFFICE_SLA_LIMITS.earliestDayOff} to ${OFFICE_SLA_LIMITS.yearsAhead} years ahead` })
  @IsArray()
  @ArrayMaxSize(FIELD_RULES.officeDaysOff.maxItems)
  @ValidateNested({ each: true })
  @Type(() => OfficeDayOffBody)
  extraNonWorkingDays!: OfficeDayOffBody[];

  @ApiProperty({ type: DeadlineHoursBody, description: "Hours per clock where the office's are shorter than the SOP's" })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => DeadlineHoursBody)
  deadlineHours!: DeadlineHoursBody;

  @ApiProperty({ example: 0.75, description: 'Share of a deadline after which the warning is raised, between 0 and 1 (exclusive)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  warningShare!: number;
}

/** The office's policy in force, as `GET /sla-policy` answers it (with `ETag: "<version>"`). */
export class SlaPolicyViewDto {
  @ApiProperty({ example: 'BLP' })
  officeCode!: string;

  @ApiProperty({ example: 3, description: 'How many times the office set its policy; 0 while it has the default. Send it back in If-Match to change it' })
  version!: number;

  @ApiProperty({ description: 'The office has set no policy: this is the default (wall clock, the SOP’s hours)' })
  isDefault!: boolean;

  @ApiPropertyOptional({ example: '2026-12-07T02:00:00.000Z', description: 'When it was set' })
  changedAt?: string;

  @ApiProperty({ type: SlaPolicyBody })
  policy!: SlaPolicyBody;

  @ApiProperty({ example: { CONFIRM: 12, SOP_TARGET: 72 }, description: "The SOP's hours of each timed clock: the most the office may give it" })
  sopHours!: Record<string, number>;
}

/** What `PUT /sla-policy` answers: the policy in force now, and whether this request changed it. */
export class SlaPolicyChangeDto extends SlaPolicyViewDto {
  @ApiProperty({ description: 'False when the policy already was the one sent (nothing recorded)' })
  changed!: boolean;
}
