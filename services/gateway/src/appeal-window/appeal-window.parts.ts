import type { Provider, Type } from '@nestjs/common';
import { AppealWindowHandler } from './appeal-window.handler';
import { AppealWindowHttpController } from './appeal-window.http.controller';

/** The office's appeal window (docs/adr/0053); GatewayModule registers these. */
export const APPEAL_WINDOW: { controllers: Type[]; providers: Provider[] } = {
  controllers: [AppealWindowHttpController],
  providers: [AppealWindowHandler],
};
