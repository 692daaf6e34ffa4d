import type { Provider, Type } from '@nestjs/common';
import { PublicFeedbackHandler } from '../public-feedback/public-feedback.handler';
import { PublicFeedbackHttpController } from '../public-feedback/public-feedback.http.controller';
import { ComplaintFeedbackForwarder } from './complaint-feedback.forwarder';
import { ComplaintFeedbackHttpController } from './complaint-feedback.http.controller';

/** After closing (docs/adr/0053): the officers' routes and the tracking page's; GatewayModule registers these. */
export const RATING_AND_APPEAL: { controllers: Type[]; providers: Provider[] } = {
  controllers: [ComplaintFeedbackHttpController, PublicFeedbackHttpController],
  providers: [ComplaintFeedbackForwarder, PublicFeedbackHandler],
};
