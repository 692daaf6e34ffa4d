import type { ErasePersonalDataCommand } from '../commands';
import { ERASURE_REASONS } from '../reference-data';
import { requireOneOf } from '../validation';
import type { Outcome } from './step-outcome';

/** The record of an erasure of the complainant's personal data (docs/adr/0057): why, never what. */
export function erasePersonalData(c: ErasePersonalDataCommand, at: string): Outcome {
  const problem = requireOneOf(c.reason, ERASURE_REASONS, 'reason');
  if (problem) return { problem };
  return { events: [{ type: 'complaint.personal-data-erased', at, actor: c.actor, data: { reason: c.reason } }] };
}
