import { accessRequestDueAt, dataRequestStanding } from './data-subject-requests';

const registeredAt = new Date('2026-12-01T00:00:00.000Z');
const dueAt = accessRequestDueAt(registeredAt);
const at = (hours: number) => new Date(registeredAt.getTime() + hours * 3600_000);

describe('an access request under UU PDP (3 × 24 hours)', () => {
  it('is due 72 hours after it was registered', () => {
    expect(dueAt.toISOString()).toBe('2026-12-04T00:00:00.000Z');
  });

  it('is open, then due soon at the SOP clocks’ warning share, then overdue after 72 hours', () => {
    expect(dataRequestStanding({ registeredAt, dueAt, handedOverAt: null }, at(1))).toBe('OPEN');
    expect(dataRequestStanding({ registeredAt, dueAt, handedOverAt: null }, at(54))).toBe('DUE_SOON');
    expect(dataRequestStanding({ registeredAt, dueAt, handedOverAt: null }, at(72))).toBe('DUE_SOON');
    expect(dataRequestStanding({ registeredAt, dueAt, handedOverAt: null }, at(72.01))).toBe('OVERDUE');
  });

  it('is answered in time or late by when it was handed over, whatever the time now', () => {
    expect(dataRequestStanding({ registeredAt, dueAt, handedOverAt: at(70) }, at(500))).toBe('ANSWERED');
    expect(dataRequestStanding({ registeredAt, dueAt, handedOverAt: at(73) }, at(74))).toBe('ANSWERED_LATE');
  });
});
