import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
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
}
