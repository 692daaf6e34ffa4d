import type { Provider, Type } from '@nestjs/common';
import { DestructionRecordsHttpController } from './destruction-records.http.controller';
import { PersonalDataErasureForwarder } from './personal-data-erasure.forwarder';
import { PersonalDataErasureHttpController } from './personal-data-erasure.http.controller';

/** Erasure by key destruction and the berita acara pemusnahan (docs/adr/0057); GatewayModule registers these. */
export const PERSONAL_DATA_ERASURE: { controllers: Type[]; providers: Provider[] } = {
  controllers: [PersonalDataErasureHttpController, DestructionRecordsHttpController],
  providers: [PersonalDataErasureForwarder],
};
