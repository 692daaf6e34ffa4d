import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.guard';
import { API_PREFIX } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { LoginBody, LoginResultDto } from './login.dto';
import { LoginHandler } from './login.handler';

/** `POST /api/v1/auth/login`: the one route that needs no token. */
@ApiTags('auth')
@Controller(`${API_PREFIX}/auth`)
export class LoginHttpController {
  constructor(private readonly handler: LoginHandler) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Log in with username and password; answers an access token for the other routes' })
  @ApiOkResponse({ type: LoginResultDto })
  @ApiProblemResponses([400, 'username or password missing or too long'], [401, 'The username or the password is wrong (the same answer for both)'], [503, 'The database is not reachable'])
  login(@Body() body: LoginBody): Promise<LoginResultDto> {
    return this.handler.execute(body);
  }
}
