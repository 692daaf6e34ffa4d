import type { Provider, Type } from '@nestjs/common';
import { OfficeProfileHandler } from './office-profile.handler';
import { OfficeProfileHttpController } from './office-profile.http.controller';

/** The office's profile in the gateway (docs/adr/0048); GatewayModule registers these. */
export const OFFICE_PROFILE: { controllers: Type[]; providers: Provider[] } = {
  controllers: [OfficeProfileHttpController],
  providers: [OfficeProfileHandler],
};
