import { ServiceRuntime } from '@pengaduan/messaging';
import type { Provider, Type } from '@nestjs/common';
import { AdminLog } from '../admin-log/admin-log';
import { AdminLogHttpController } from '../admin-log/admin-log.http.controller';
import { AdministerSectionsHandler } from '../administer-sections/administer-sections.handler';
import { AdministerSectionsHttpController } from '../administer-sections/administer-sections.http.controller';
import { AddOfficerHandler } from './add-officer.handler';
import { AdministerOfficersHttpController } from './administer-officers.http.controller';
import { ChangeOfficerHandler } from './change-officer.handler';

/**
 * The office's administration in the gateway (docs/adr/0042): officers, sections, the
 * administration log. GatewayModule registers these after the routes they sit beside (after
 * `GET /users` and `GET /sections`).
 */
export const OFFICE_ADMINISTRATION: { controllers: Type[]; providers: Provider[] } = {
  controllers: [AdministerOfficersHttpController, AdministerSectionsHttpController, AdminLogHttpController],
  providers: [
    AddOfficerHandler,
    ChangeOfficerHandler,
    AdministerSectionsHandler,
    { provide: AdminLog, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => new AdminLog(() => rt.dataSource) },
  ],
};
