import type { Type } from '@nestjs/common';
import { ContactRightsHttpController } from './contact-rights.http.controller';
import { DataRequestsHttpController } from './data-requests.http.controller';

/** A complainant's rights of access, correction and restriction in the gateway (docs/adr/0056); GatewayModule registers these. */
export const DATA_SUBJECT_RIGHTS: { controllers: Type[] } = {
  controllers: [DataRequestsHttpController, ContactRightsHttpController],
};
