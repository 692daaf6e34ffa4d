import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/password-hasher';

/** `POST /users/{username}/password-reset` (the body may be left out). */
export class ResetPasswordBody {
  @ApiPropertyOptional({
    format: 'password',
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    description: 'The password to set; left out, a random one-time password is generated and answered once',
  })
  @IsOptional()
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  password?: string;

  @ApiPropertyOptional({
    default: false,
    description: "Also removes the officer's second factor (TOTP and recovery codes), for an officer who lost both: they log in with the password alone and enrol again (where office policy requires it, before anything else)",
  })
  @IsOptional()
  @IsBoolean()
  resetSecondFactor?: boolean;
}

export class ResetPasswordResultDto {
  @ApiProperty({ example: 'seksi.inteldakim' })
  username!: string;

  @ApiPropertyOptional({
    example: 'q3M1c0y4Zt9GZm8s4qKf2x7B',
    description: 'The generated one-time password, answered only here and only when none was given: hand it to the officer, who changes it',
  })
  oneTimePassword?: string;

  @ApiProperty({ format: 'date-time', description: "Every token of the account issued before this time is refused" })
  tokensRevokedAt!: string;
}
