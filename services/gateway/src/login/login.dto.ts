import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { OFFICER_ROLES } from '../auth/authenticated-user';
import { MAX_PASSWORD_LENGTH } from '../auth/password-hasher';

/** `POST /auth/login`. */
export class LoginBody {
  @ApiProperty({ example: 'admin.tikkim', maxLength: 64 })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ format: 'password', maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  password!: string;
}

/** The officer a token was issued to. */
export class LoggedInUserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'admin.tikkim' })
  username!: string;

  @ApiProperty({ example: 'Rina Kartika' })
  displayName!: string;

  @ApiProperty({ enum: OFFICER_ROLES, example: 'ADMIN_TIKKIM', description: 'libs/sop role' })
  role!: string;

  @ApiProperty({ example: 'BLP', description: 'Every query and command is limited to this office' })
  officeCode!: string;

  @ApiPropertyOptional({ example: 'INTELDAKIM', description: 'For a SEKSI_TERKAIT officer: their section' })
  sectionCode?: string;

  @ApiPropertyOptional({ example: '199001152015032001', description: "The officer's NIP, printed in the signature blocks of the documents their commands produce" })
  nip?: string;
}

export class LoginResultDto {
  @ApiProperty({ description: 'JWT (HS256); send it as Authorization: Bearer <accessToken>' })
  accessToken!: string;

  @ApiProperty({ example: 'Bearer', enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ example: 28800, description: 'Seconds the token is valid' })
  expiresIn!: number;

  @ApiProperty({ type: LoggedInUserDto })
  user!: LoggedInUserDto;

  @ApiPropertyOptional({
    example: true,
    description:
      'Present (true) when the office policy requires a second factor of this role and the account has none: the token only enrols one (GET /auth/totp, POST /auth/totp/enrolment[/confirm], POST /auth/logout); every other route answers 403 AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED',
  })
  secondFactorEnrolmentRequired?: true;
}

/** The answer to a right password of an account with a second factor: no token yet, a challenge for `POST /auth/login/totp`. */
export class SecondFactorChallengeDto {
  @ApiProperty({ enum: [true], description: 'Always true: send the challenge with a code to POST /api/v1/auth/login/totp' })
  secondFactorRequired!: true;

  @ApiProperty({ description: 'Signed, short-lived token naming the account whose password was right; not an access token' })
  challenge!: string;

  @ApiProperty({ example: 300, description: 'Seconds the challenge is valid' })
  expiresIn!: number;
}

/** `POST /auth/login/totp`: the challenge of the login and exactly one of `code` and `recoveryCode`. */
export class LoginSecondFactorBody {
  @ApiProperty({ description: 'The challenge the login answered' })
  @IsString()
  @Length(1, 2048)
  challenge!: string;

  @ApiPropertyOptional({ example: '123456', description: "The 6-digit code the officer's authenticator app shows now" })
  @IsOptional()
  @IsString()
  @Length(1, 16)
  code?: string;

  @ApiPropertyOptional({ example: '7K3M-Q9TX-2HBD-RW4N', description: 'One of the recovery codes answered at activation (each works once)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  recoveryCode?: string;
}
