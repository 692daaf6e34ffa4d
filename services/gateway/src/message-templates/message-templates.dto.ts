import { MESSAGE_CHANNELS, MESSAGE_PLACEHOLDERS, MESSAGE_TEMPLATE_VARIANTS, NOTIFICATION_PURPOSES } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';

/** One text of the office's messages to reporters, as it is in force (docs/adr/0050). */
export class MessageTemplateDto {
  @ApiProperty({ enum: NOTIFICATION_PURPOSES, example: 'ACKNOWLEDGEMENT' })
  purpose!: string;

  @ApiProperty({ enum: MESSAGE_TEMPLATE_VARIANTS, example: 'STANDARD', description: 'TRACKING_PIN: the acknowledgement for a reporter with neither phone nor e-mail, with their tracking PIN (docs/adr/0041)' })
  variant!: string;

  @ApiProperty({ enum: MESSAGE_CHANNELS, example: 'SMS' })
  channel!: string;

  @ApiProperty({ example: 'Terima kasih, pengaduan Anda telah kami terima dengan nomor {nomor}.', description: 'The text in force, with its placeholders' })
  body!: string;

  @ApiProperty({ description: 'The text in force is the built-in one (never worded by the office, or reset)' })
  builtIn!: boolean;

  @ApiProperty({ example: 0, description: 'Versions the office recorded (a reset is one), 0 when never; send it as If-Match to change the text' })
  version!: number;

  @ApiProperty({ enum: MESSAGE_PLACEHOLDERS, isArray: true, example: ['nomor'], description: 'Placeholders the text must name' })
  requiredPlaceholders!: string[];

  @ApiProperty({ enum: MESSAGE_PLACEHOLDERS, isArray: true, example: [], description: 'Placeholders it may name besides' })
  optionalPlaceholders!: string[];

  @ApiProperty({ description: 'The built-in text, to compare with and to reset to' })
  builtInBody!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the newest version was recorded' })
  changedAt?: string;
}

/** `GET /message-templates`. */
export class MessageTemplateListDto {
  @ApiProperty({ type: [MessageTemplateDto], description: 'Every purpose, variant and channel' })
  items!: MessageTemplateDto[];
}

/** The text a change is about, as its path names it (libs/sop's check names an unknown one). */
export class MessageTemplatePath {
  @IsString()
  purpose!: string;

  @IsString()
  channel!: string;
}

/** `PUT /message-templates/{purpose}/{channel}`. */
export class SetMessageTemplateBody {
  @ApiPropertyOptional({ enum: MESSAGE_TEMPLATE_VARIANTS, default: 'STANDARD' })
  @IsOptional()
  @IsIn(MESSAGE_TEMPLATE_VARIANTS)
  variant?: string;

  @ApiProperty({
    example: 'Terima kasih, aduan Anda tercatat dengan nomor {nomor}.',
    description: "The text with its placeholders; checked by libs/sop checkMessageTemplate (each message's placeholders, the channel's length, no control characters, no phone number or e-mail)",
  })
  @IsString()
  body!: string;
}

/** `POST /message-templates/{purpose}/{channel}/reset`. */
export class ResetMessageTemplateBody {
  @ApiPropertyOptional({ enum: MESSAGE_TEMPLATE_VARIANTS, default: 'STANDARD' })
  @IsOptional()
  @IsIn(MESSAGE_TEMPLATE_VARIANTS)
  variant?: string;
}
