import type { Provider, Type } from '@nestjs/common';
import { LaporPostingsHttpController } from './lapor-postings.http.controller';
import { LaporPostingsQuery } from './lapor-postings.query';

/** The answers to post on SP4N-LAPOR! in the gateway (docs/adr/0055); GatewayModule registers these. */
export const LAPOR_POSTINGS: { controllers: Type[]; providers: Provider[] } = {
  controllers: [LaporPostingsHttpController],
  providers: [LaporPostingsQuery],
};
