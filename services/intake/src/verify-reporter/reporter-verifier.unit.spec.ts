import { trackingPinHash } from '../reporter-contact/tracking-pin';
import { verifierMatches } from './reporter-verifier';

describe('the verifier of a reporter', () => {
  it('is the last four digits of their phone, or their e-mail without case and spaces', () => {
    const contact = { name: 'Siti', phone: '+62 812 3456 7890', email: ' Siti@Example.id ' };
    expect(verifierMatches(contact, '7890')).toBe(true);
    expect(verifierMatches(contact, '\t7890\n')).toBe(true);
    expect(verifierMatches(contact, 'siti@example.ID')).toBe(true);
  });

  it.each(['789O', '7 890', '67890', '890', 'Siti', 'siti@example.id.', ''])('refuses %j', (verifier) => {
    expect(verifierMatches({ name: 'Siti', phone: '+6281234567890', email: 'siti@example.id' }, verifier)).toBe(false);
  });

  it('never matches a contact with neither phone nor e-mail, nor a phone of fewer than four digits', () => {
    expect(verifierMatches({}, '')).toBe(false);
    expect(verifierMatches({ name: 'Siti', handle: '@siti' }, 'Siti')).toBe(false);
    expect(verifierMatches({ phone: '123' }, '123')).toBe(false);
    expect(verifierMatches({ email: '  ' }, '')).toBe(false);
  });

  it('is a tracking PIN issued to a reporter who gave only a handle, any of the newest kept', () => {
    const reporter = { name: 'Siti', handle: '558812', trackingPinHashes: [trackingPinHash('04715932'), trackingPinHash('99120034')] };
    expect(verifierMatches(reporter, '04715932')).toBe(true);
    expect(verifierMatches(reporter, ' 99120034 ')).toBe(true);
    for (const wrong of ['04715933', '4715932', '0471593', '558812', 'Siti', '']) expect(verifierMatches(reporter, wrong)).toBe(false);
  });
});
