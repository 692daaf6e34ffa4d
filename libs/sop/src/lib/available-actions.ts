import type { CommandType } from './commands';
import { COMMAND_TYPES } from './commands';
import type { Actor } from './roles';
import { isLegalIn, mayFire } from './rules';
import type { ComplaintState } from './state';
import { pendingSections } from './state';

/** The data subject's requests are recorded by their own pages, never offered as a complaint's work (docs/adr/0061). */
const DATA_SUBJECT_RECORDS: readonly CommandType[] = ['recordDataAccessRequest', 'recordDataAccessAnswer', 'recordContactCorrection', 'recordContactRestriction'];

/**
 * The command types this actor may fire now, in SOP order: what the gateway offers a user.
 * A section officer gets `respondAsSection` only while their own section is dispositioned
 * and has not responded. `PELAPOR`, `AUDITOR` and `TIM_PENANGANAN` always get none.
 * `erasePersonalData` (docs/adr/0057) and the data subject's records (docs/adr/0061) are never offered. Data checks are not applied: {@link decide} may still refuse bad command data.
 */
export function availableActions(state: ComplaintState, actor: Actor): readonly CommandType[] {
  return COMMAND_TYPES.filter((type) => {
    if (!mayFire(actor, type) || !isLegalIn(type, state)) return false;
    // An erasure is no SOP work to offer: it is asked for on its own page (docs/adr/0057).
    if (type === 'erasePersonalData' || DATA_SUBJECT_RECORDS.includes(type)) return false;
    if (type === 'respondAsSection') {
      return actor.kind === 'user' && actor.sectionCode !== undefined && pendingSections(state).includes(actor.sectionCode);
    }
    return true;
  });
}
