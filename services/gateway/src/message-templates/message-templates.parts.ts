import type { Provider, Type } from '@nestjs/common';
import { MessageTemplatesHandler } from './message-templates.handler';
import { MessageTemplatesHttpController } from './message-templates.http.controller';

/** The office's texts of the messages to reporters in the gateway (docs/adr/0050); GatewayModule registers these. */
export const MESSAGE_TEMPLATES: { controllers: Type[]; providers: Provider[] } = {
  controllers: [MessageTemplatesHttpController],
  providers: [MessageTemplatesHandler],
};
