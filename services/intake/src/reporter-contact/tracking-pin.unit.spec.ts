import { contactOnly, TRACKING_PINS_KEPT, needsTrackingPin, newTrackingPin, TRACKING_PIN_DIGITS, trackingPinHash, trackingPinMatches, withTrackingPin } from './tracking-pin';

describe('a tracking PIN', () => {
  it('is eight random digits, leading zeros kept', () => {
    const pins = Array.from({ length: 200 }, () => newTrackingPin());
    expect(pins.every((p) => new RegExp(`^\\d{${TRACKING_PIN_DIGITS}}$`).test(p))).toBe(true);
    expect(new Set(pins).size).toBeGreaterThan(195);
  });

  it('is kept as a salted hash that holds nothing of it, different each time', () => {
    const a = trackingPinHash('04715932');
    const b = trackingPinHash('04715932');
    expect(a).not.toBe(b);
    expect(a).not.toContain('04715932');
    expect(trackingPinMatches([a], '04715932')).toBe(true);
    expect(trackingPinMatches([b], '04715932')).toBe(true);
  });

  it('matches only a PIN of eight digits behind one of the hashes', () => {
    const hashes = [trackingPinHash('04715932')];
    for (const wrong of ['04715933', '4715932', '047159320', 'O4715932', '', 'x'.repeat(254)]) expect(trackingPinMatches(hashes, wrong)).toBe(false);
    expect(trackingPinMatches([], '04715932')).toBe(false);
    expect(trackingPinMatches(['broken', '.', ''], '04715932')).toBe(false);
  });

  it('is issued only to a reporter with neither phone nor e-mail', () => {
    expect(needsTrackingPin({ name: 'Siti', handle: '558812' })).toBe(true);
    expect(needsTrackingPin({})).toBe(true);
    expect(needsTrackingPin({ handle: '558812', phone: '+6281234567890' })).toBe(false);
    expect(needsTrackingPin({ email: 'siti@example.id' })).toBe(false);
  });

  it('keeps the newest five hashes, and none of them in the contact officers read', () => {
    let reporter = { name: 'Siti', handle: '558812' } as Parameters<typeof withTrackingPin>[0];
    const pins = Array.from({ length: TRACKING_PINS_KEPT + 2 }, (_, i) => `0000000${i}`);
    for (const pin of pins) reporter = withTrackingPin(reporter, trackingPinHash(pin));
    expect(reporter.trackingPinHashes).toHaveLength(TRACKING_PINS_KEPT);
    expect(trackingPinMatches(reporter.trackingPinHashes ?? [], pins[0] ?? '')).toBe(false);
    expect(trackingPinMatches(reporter.trackingPinHashes ?? [], pins[pins.length - 1] ?? '')).toBe(true);
    expect(contactOnly(reporter)).toEqual({ name: 'Siti', handle: '558812' });
  });
});
