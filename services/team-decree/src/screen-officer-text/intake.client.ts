import type { IntakeService } from '@pengaduan/contracts';
import { UpstreamClient, type MethodsOf } from '@pengaduan/runtime';

/** intake's API, as team-decree calls it: intake alone holds the reporter's contact and screens officers' texts for it (docs/adr/0023). */
export class IntakeClient extends UpstreamClient<MethodsOf<typeof IntakeService>> {}
