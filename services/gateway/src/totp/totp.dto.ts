import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { MAX_PASSWORD_LENGTH } from '../auth/password-hasher';
import { LoginResultDto } from '../login/login.dto';
import { RECOVERY_CODE_COUNT, TOTP_PARAMETERS } from './totp';

/** `GET /auth/totp`. */
export class TotpStatusDto {
  @ApiProperty({ description: 'A second factor is active: the login asks for a code' })
  enabled!: boolean;

  @ApiProperty({ description: 'An enrolment was started and awaits its first code' })
  pending!: boolean;

  @ApiProperty({ description: "The office policy requires a second factor of the officer's role (then it cannot be turned off)" })
  requiredByPolicy!: boolean;

  @ApiProperty({ example: 10, description: 'Recovery codes not used yet (0 without an active second factor)' })
  recoveryCodesLeft!: number;
}

/** `POST /auth/totp/enrolment`: the new secret, answered this once. */
export class TotpEnrolmentDto {
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', description: 'The secret in base32 (what an authenticator app takes typed in); never answered again' })
  secret!: string;

  @ApiProperty({ example: 'otpauth://totp/Pengaduan%20BLP:admin.tikkim?issuer=Pengaduan%20BLP&secret=…&algorithm=SHA1&digits=6&period=30', description: 'The same as an otpauth:// URI (what a QR code holds)' })
  otpauthUri!: string;

  @ApiProperty({ enum: [TOTP_PARAMETERS.algorithm] })
  algorithm!: string;

  @ApiProperty({ example: TOTP_PARAMETERS.digits })
  digits!: number;

  @ApiProperty({ example: TOTP_PARAMETERS.period, description: 'Seconds per code' })
  period!: number;
}

/** `POST /auth/totp/enrolment/confirm`. */
export class ConfirmTotpBody {
  @ApiProperty({ example: '123456', description: "The code the authenticator app shows now for the new secret" })
  @IsString()
  @Length(1, 16)
  code!: string;
}

/** The answer to a confirmation: a fresh token (every earlier one is revoked) and the recovery codes, this once. */
export class TotpActivatedDto extends LoginResultDto {
  @ApiProperty({
    type: [String],
    example: ['7K3M-Q9TX-2HBD-RW4N'],
    description: `${RECOVERY_CODE_COUNT} one-time recovery codes, each instead of a code at one login; shown this once (only their hashes are kept)`,
  })
  recoveryCodes!: string[];
}

/** `DELETE /auth/totp`: the current password and exactly one of `code` and `recoveryCode`. */
export class DisableTotpBody {
  @ApiProperty({ format: 'password', maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  password!: string;

  @ApiPropertyOptional({ example: '123456' })
  @IsOptional()
  @IsString()
  @Length(1, 16)
  code?: string;

  @ApiPropertyOptional({ example: '7K3M-Q9TX-2HBD-RW4N' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  recoveryCode?: string;
}
