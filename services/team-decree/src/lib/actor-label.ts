import { formatActor } from '@pengaduan/contracts';
import type { Actor } from '@pengaduan/sop';

/** An actor as the events name it (`ADMIN_TIKKIM:u-17`, `system:intake`), for the records kept beside them. */
export function actorLabel(actor: Actor): string {
  return formatActor(actor.kind === 'user' ? { kind: 'user', userId: actor.userId, role: actor.role } : { kind: 'system', service: actor.service });
}
