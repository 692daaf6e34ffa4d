import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

/** `POST /auth/logout` (the body may be left out). */
export class LogoutBody {
  @ApiPropertyOptional({ default: false, description: "Also revoke every other token of the account (log out on every device)" })
  @IsOptional()
  @IsBoolean()
  everywhere?: boolean;
}
