import type { Provider, Type } from '@nestjs/common';
import { StatusMessagesHandler } from './status-messages.handler';
import { StatusMessagesHttpController } from './status-messages.http.controller';

/** Which status messages the office sends (docs/adr/0054); GatewayModule registers these. */
export const STATUS_MESSAGES: { controllers: Type[]; providers: Provider[] } = {
  controllers: [StatusMessagesHttpController],
  providers: [StatusMessagesHandler],
};
