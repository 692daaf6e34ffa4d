import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.guard';
import { API_PREFIX } from '../http/configure-http';
import { PublicOfficesDto } from './public-offices.dto';
import { OfficeNames } from './office-names';

/** The offices the public web form is open for (WEB_FORM_OFFICES), as the gateway was started with them. */
export class WebFormOffices {
  constructor(readonly codes: readonly string[]) {}
}

/** `GET /api/v1/public/offices`: no login; for the complainants' web form. */
@ApiTags('public')
@Controller(`${API_PREFIX}/public`)
export class PublicOfficesHttpController {
  constructor(
    private readonly offices: WebFormOffices,
    private readonly names: OfficeNames,
  ) {}

  @Get('offices')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'The offices whose public web form takes complaints (no login)' })
  @ApiOkResponse({ type: PublicOfficesDto })
  list(): PublicOfficesDto {
    return { offices: this.offices.codes.map((code) => ({ code, name: this.names.nameOf(code) })) };
  }
}
