import type { Provider, Type } from '@nestjs/common';
import { RetentionPolicyHandler } from './retention-policy.handler';
import { RetentionPolicyHttpController } from './retention-policy.http.controller';

/** The office's retention periods per kind of record (docs/adr/0057); GatewayModule registers these. */
export const RETENTION_POLICY: { controllers: Type[]; providers: Provider[] } = {
  controllers: [RetentionPolicyHttpController],
  providers: [RetentionPolicyHandler],
};
