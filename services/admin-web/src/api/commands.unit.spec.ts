import { COMMAND_TYPES } from '@pengaduan/sop';
import { isSameOrigin, queryString } from './client';
import { ACTION_PATHS, commandUrl, offeredActions, UI_ACTIONS } from './commands';

describe('the commands the web app offers', () => {
  it('offers exactly the gateway’s actions that have a form, in its order', () => {
    expect(offeredActions(['appendMessage', 'dismiss', 'confirm', 'recordNotificationFailure', 'somethingNew'])).toEqual(['dismiss', 'confirm']);
    expect(offeredActions([])).toEqual([]);
  });

  it('offers the call form for a notice that awaits a call outside the SOP’s steps, once (docs/adr/0051)', () => {
    expect(offeredActions(['appendMessage', 'confirm', 'dismiss'], ['ACKNOWLEDGEMENT'])).toEqual(['confirm', 'dismiss', 'recordCallAttempt']);
    expect(offeredActions(['recordDelivery', 'recordCallAttempt'], ['ACKNOWLEDGEMENT', 'FOLLOW_UP_INFORMATION'])).toEqual(['recordDelivery', 'recordCallAttempt']);
    expect(offeredActions(['confirm'], [])).toEqual(['confirm']);
  });

  it('are all libs/sop command types, each with its route', () => {
    for (const a of UI_ACTIONS) expect(COMMAND_TYPES).toContain(a);
    expect(commandUrl('0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f', 'dispose')).toBe('/api/v1/complaints/0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f/disposition');
    expect(ACTION_PATHS).toEqual({
      confirm: 'confirm',
      dismiss: 'dismiss',
      dispose: 'disposition',
      respondAsSection: 'section-responses',
      analyze: 'analysis',
      decideFollowUp: 'decision',
      formTeam: 'team-decree',
      informReporter: 'follow-up-information',
      recordDelivery: 'delivery-confirmation',
      recordCallAttempt: 'call-attempts',
      rate: 'rating',
      appeal: 'appeal',
      reviewAppeal: 'appeal-review',
    });
  });
});

describe('the API client’s helpers', () => {
  it('sends the token only to this origin', () => {
    expect(isSameOrigin('/api/v1/complaints/1/documents/LEMBAR_DISPOSISI', 'https://pengaduan.example.go.id')).toBe(true);
    expect(isSameOrigin('https://pengaduan.example.go.id/x', 'https://pengaduan.example.go.id')).toBe(true);
    expect(isSameOrigin('https://files.example.com/x.pdf', 'https://pengaduan.example.go.id')).toBe(false);
    expect(isSameOrigin('//files.example.com/x.pdf', 'https://pengaduan.example.go.id')).toBe(false);
  });

  it('leaves unset filters out of the query', () => {
    expect(queryString({ status: 'RECEIVED', channel: '', q: undefined, limit: 25, offset: 0 })).toBe('?status=RECEIVED&limit=25&offset=0');
    expect(queryString({ q: 'a b&c' })).toBe('?q=a+b%26c');
    expect(queryString({})).toBe('');
  });
});
