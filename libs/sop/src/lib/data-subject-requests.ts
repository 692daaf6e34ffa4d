import { DATA_ACCESS_HOURS } from './sla/sla-clocks';
import { DEFAULT_SLA_POLICY } from './sla/sla-policy';

/** UU 27/2022 Pasal 32: the controller answers an access request within 3 × 24 hours (docs/adr/0056, 0061). */
export const ACCESS_REQUEST_DUE_MS = DATA_ACCESS_HOURS * 3600_000;

/** Where an access request stands against its due time (docs/adr/0056). */
export const DATA_REQUEST_STANDINGS = ['OPEN', 'DUE_SOON', 'OVERDUE', 'ANSWERED', 'ANSWERED_LATE'] as const;

/** See {@link DATA_REQUEST_STANDINGS}. */
export type DataRequestStanding = (typeof DATA_REQUEST_STANDINGS)[number];

/** When an access request registered at `registeredAt` is due. */
export function accessRequestDueAt(registeredAt: Date): Date {
  return new Date(registeredAt.getTime() + ACCESS_REQUEST_DUE_MS);
}

/**
 * Where a request stands at `now`: handed over in time or late, or still open, and then warned
 * (`DUE_SOON`) past the same share of its time as the SOP's clocks are (`warningShare`).
 */
export function dataRequestStanding(request: { readonly registeredAt: Date; readonly dueAt: Date; readonly handedOverAt: Date | null }, now: Date): DataRequestStanding {
  const { registeredAt, dueAt, handedOverAt } = request;
  const late = (handedOverAt ?? now).getTime() > dueAt.getTime();
  if (handedOverAt) return late ? 'ANSWERED_LATE' : 'ANSWERED';
  if (late) return 'OVERDUE';
  const warnAt = registeredAt.getTime() + (dueAt.getTime() - registeredAt.getTime()) * DEFAULT_SLA_POLICY.warningShare;
  return now.getTime() >= warnAt ? 'DUE_SOON' : 'OPEN';
}
