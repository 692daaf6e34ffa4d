import {
  checkMessageTemplate,
  checkMessageTemplateRequest,
  describeMessageTemplateIssue,
  messageTemplateKind,
  MESSAGE_TEMPLATE_KINDS,
  renderMessageTemplate,
  smsLength,
  type MessageTemplateKind,
} from './message-templates';
import { isStatusMessagePurpose, MESSAGE_CHANNELS, STATUS_MESSAGE_PURPOSES } from './reference-data';

const kind = (purpose: string, variant = 'STANDARD'): MessageTemplateKind => {
  const found = messageTemplateKind(purpose, variant);
  if (!found) throw new Error(`no ${purpose}/${variant}`);
  return found;
};
const ACK = kind('ACKNOWLEDGEMENT');
const ACK_PIN = kind('ACKNOWLEDGEMENT', 'TRACKING_PIN');
const FOLLOW_UP = kind('FOLLOW_UP_INFORMATION');
const DISMISSAL = kind('DISMISSAL_NOTICE');

describe('the renderer of the messages to the reporter', () => {
  it('replaces each named placeholder by its value', () => {
    expect(renderMessageTemplate('Nomor {nomor}, PIN {pin}. {nomor}', { nomor: 'BLP-2026-000123', pin: '04715932' })).toBe('Nomor BLP-2026-000123, PIN 04715932. BLP-2026-000123');
  });

  it('never reads a value for placeholders again: an officer’s braces stay as written', () => {
    expect(renderMessageTemplate('{nomor}: {informasi}', { nomor: 'N', informasi: 'lihat {pin} dan {nomor}' })).toBe('N: lihat {pin} dan {nomor}');
  });

  it('renders a placeholder without a value, or unknown, as nothing', () => {
    expect(renderMessageTemplate('a{alasan}b{siapa}c', { nomor: 'N' })).toBe('abc');
  });
});

describe('the kinds of message an office words', () => {
  it('has a PIN variant for the acknowledgement only', () => {
    expect(MESSAGE_TEMPLATE_KINDS.map((k) => `${k.purpose}:${k.variant}`)).toEqual([
      'ACKNOWLEDGEMENT:STANDARD',
      'ACKNOWLEDGEMENT:TRACKING_PIN',
      'FOLLOW_UP_INFORMATION:STANDARD',
      'DISMISSAL_NOTICE:STANDARD',
      'STATUS_CONFIRMED:STANDARD',
      'STATUS_DISPOSED:STANDARD',
      'STATUS_DECIDED:STANDARD',
      'RATING_REQUEST:STANDARD',
    ]);
    expect(messageTemplateKind('FOLLOW_UP_INFORMATION', 'TRACKING_PIN')).toBeUndefined();
    expect(messageTemplateKind('GREETING', 'STANDARD')).toBeUndefined();
  });
});

describe('the status messages (docs/adr/0054)', () => {
  it('name the tracking number and nothing of the complaint', () => {
    for (const purpose of STATUS_MESSAGE_PURPOSES) {
      const kind = messageTemplateKind(purpose, 'STANDARD');
      expect(kind).toMatchObject({ required: ['nomor'], optional: [] });
      if (!kind) continue;
      expect(checkMessageTemplate(kind, 'SMS', 'Pengaduan nomor {nomor} diproses.')).toEqual([]);
      expect(checkMessageTemplate(kind, 'SMS', 'Pengaduan nomor {nomor}: {informasi}').map((i) => i.rule)).toContain('UNKNOWN_PLACEHOLDER');
    }
    expect(isStatusMessagePurpose('STATUS_DISPOSED')).toBe(true);
    expect(isStatusMessagePurpose('ACKNOWLEDGEMENT')).toBe(false);
  });
});

describe('the check of an office’s text', () => {
  const rules = (k: MessageTemplateKind, body: string, channel: (typeof MESSAGE_CHANNELS)[number] = 'WHATSAPP') => checkMessageTemplate(k, channel, body).map((i) => i.rule);

  it('accepts a text with the placeholders its message needs', () => {
    expect(checkMessageTemplate(ACK, 'SMS', 'Aduan Anda kami terima, nomor {nomor}.')).toEqual([]);
    expect(checkMessageTemplate(ACK_PIN, 'SMS', 'Nomor {nomor}, PIN {pin}: rahasiakan.')).toEqual([]);
    expect(checkMessageTemplate(FOLLOW_UP, 'EMAIL', 'Nomor {nomor}:\n\n{informasi}')).toEqual([]);
    expect(checkMessageTemplate(DISMISSAL, 'TELEGRAM', 'Nomor {nomor} tidak kami proses ({alasan}).\n{informasi}')).toEqual([]);
    expect(checkMessageTemplate(DISMISSAL, 'TELEGRAM', 'Nomor {nomor}: {informasi}')).toEqual([]);
  });

  it('refuses a blank text', () => {
    expect(rules(ACK, ' \n ')).toEqual(['REQUIRED']);
  });

  it('wants {nomor} always, {pin} in the PIN variant, {informasi} in the follow-up and the dismissal', () => {
    expect(checkMessageTemplate(ACK, 'SMS', 'Terima kasih.')).toEqual([{ rule: 'MISSING_PLACEHOLDER', placeholder: 'nomor' }]);
    expect(checkMessageTemplate(ACK_PIN, 'SMS', 'Nomor {nomor}.')).toEqual([{ rule: 'MISSING_PLACEHOLDER', placeholder: 'pin' }]);
    expect(checkMessageTemplate(FOLLOW_UP, 'SMS', 'Nomor {nomor}.')).toEqual([{ rule: 'MISSING_PLACEHOLDER', placeholder: 'informasi' }]);
    expect(checkMessageTemplate(DISMISSAL, 'SMS', '{informasi}')).toEqual([{ rule: 'MISSING_PLACEHOLDER', placeholder: 'nomor' }]);
  });

  it('never lets {pin} outside the PIN variant, nor an unknown placeholder anywhere', () => {
    expect(checkMessageTemplate(ACK, 'SMS', 'Nomor {nomor}, PIN {pin}.')).toEqual([{ rule: 'UNKNOWN_PLACEHOLDER', placeholder: 'pin' }]);
    expect(checkMessageTemplate(FOLLOW_UP, 'SMS', '{nomor} {informasi} {pin}')).toEqual([{ rule: 'UNKNOWN_PLACEHOLDER', placeholder: 'pin' }]);
    expect(checkMessageTemplate(ACK, 'SMS', 'Yth. {nama}, nomor {nomor}.')).toEqual([{ rule: 'UNKNOWN_PLACEHOLDER', placeholder: 'nama' }]);
    expect(checkMessageTemplate(ACK, 'SMS', 'Nomor { nomor }.')).toEqual([
      { rule: 'UNKNOWN_PLACEHOLDER', placeholder: ' nomor ' },
      { rule: 'MISSING_PLACEHOLDER', placeholder: 'nomor' },
    ]);
    expect(checkMessageTemplate(ACK, 'SMS', 'Nomor {alasan} {nomor}.')).toEqual([{ rule: 'UNKNOWN_PLACEHOLDER', placeholder: 'alasan' }]);
  });

  it('refuses a brace that is no placeholder', () => {
    expect(rules(ACK, 'Nomor {nomor} :-}')).toEqual(['STRAY_BRACE']);
    expect(rules(ACK, 'Nomor {{nomor}}')).toEqual(['STRAY_BRACE']);
  });

  it.each([
    ['a tab', 'Nomor\t{nomor}'],
    ['a carriage return', 'Nomor {nomor}\r\n'],
    ['a NUL', 'Nomor {nomor}\u0000'],
    ['a right-to-left override', 'Nomor {nomor} \u202egnp.exe'],
    ['a lone surrogate', 'Nomor {nomor} \ud800'],
  ])('refuses %s, but keeps line breaks', (_what, body) => {
    expect(rules(ACK, body)).toEqual(['CONTROL_CHARACTER']);
    expect(rules(ACK, 'Nomor {nomor}\n\nSalam 😊')).toEqual([]);
  });

  it.each([
    ['0812 3456 7890', 'phone'],
    ['+62 812-3456-7890', 'phone'],
    ['(0778) 123456', 'phone'],
    ['pengaduan@imigrasi.go.id', 'email'],
  ])('refuses a contact such as %s', (contact, what) => {
    expect(checkMessageTemplate(ACK, 'WHATSAPP', `Nomor {nomor}. Hubungi ${contact}.`)).toEqual([{ rule: 'CONTACT', contact: what }]);
  });

  it('takes office hours, dates and the year for no phone number', () => {
    expect(rules(ACK, 'Nomor {nomor}. Layanan 08.00-16.00 WIB, Senin 7 Desember 2026.')).toEqual([]);
  });

  it('holds SMS to 3 segments with the longest values: 459 GSM-7 characters, 201 once one needs UCS-2', () => {
    const fits = (n: number) => `{nomor}${'a'.repeat(n - 19)}`;
    expect(checkMessageTemplate(ACK, 'SMS', fits(459))).toEqual([]);
    expect(checkMessageTemplate(ACK, 'SMS', fits(460))).toEqual([{ rule: 'TOO_LONG', unit: 'segments', max: 3, actual: 4 }]);
    expect(checkMessageTemplate(ACK, 'SMS', `${fits(200)}’`)).toEqual([]);
    expect(checkMessageTemplate(ACK, 'SMS', `${fits(201)}’`)).toEqual([{ rule: 'TOO_LONG', unit: 'segments', max: 3, actual: 4 }]);
  });

  it('holds the other channels to their characters, counting {informasi} as nothing', () => {
    expect(checkMessageTemplate(ACK, 'INSTAGRAM', `{nomor}${'a'.repeat(1_000)}`)).toEqual([{ rule: 'TOO_LONG', unit: 'characters', max: 1_000, actual: 1_019 }]);
    expect(checkMessageTemplate(FOLLOW_UP, 'INSTAGRAM', `{nomor}{informasi}${'a'.repeat(981)}`)).toEqual([]);
    expect(rules(ACK, `{nomor}${'a'.repeat(100_000)}`, 'EMAIL')).toEqual(['TOO_LONG']);
  });

  it('says each issue in English for the API', () => {
    expect(checkMessageTemplate(ACK_PIN, 'SMS', 'Halo').map(describeMessageTemplateIssue)).toEqual(['must name {nomor}', 'must name {pin}']);
  });
});

describe('the SMS length', () => {
  it('counts GSM-7 septets, two for an extension character', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160 });
    expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153 });
    expect(smsLength('€[]')).toEqual({ encoding: 'GSM-7', units: 6, segments: 1, perSegment: 160 });
  });

  it('falls back to UCS-2 for any other character, counting UTF-16 units', () => {
    expect(smsLength('Pengaduan “diterima”')).toEqual({ encoding: 'UCS-2', units: 20, segments: 1, perSegment: 70 });
    expect(smsLength('a'.repeat(70) + '😊')).toEqual({ encoding: 'UCS-2', units: 72, segments: 2, perSegment: 67 });
    expect(smsLength('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 0, perSegment: 160 });
  });
});

describe('the check of a change as a request names it', () => {
  it('answers the kind and channel of a good one', () => {
    expect(checkMessageTemplateRequest({ purpose: 'ACKNOWLEDGEMENT', variant: 'TRACKING_PIN', channel: 'SMS', body: '{nomor} {pin}' })).toEqual({ kind: ACK_PIN, channel: 'SMS', violations: [] });
    // A reset has no text to check.
    expect(checkMessageTemplateRequest({ purpose: 'DISMISSAL_NOTICE', variant: 'STANDARD', channel: 'EMAIL', body: null })).toMatchObject({ kind: DISMISSAL, violations: [] });
  });

  it('names each field that is wrong', () => {
    expect(checkMessageTemplateRequest({ purpose: 'GREETING', variant: 'STANDARD', channel: 'PHONE', body: 'x' }).violations.map((v) => v.field)).toEqual(['purpose', 'channel']);
    expect(checkMessageTemplateRequest({ purpose: 'FOLLOW_UP_INFORMATION', variant: 'TRACKING_PIN', channel: 'SMS', body: 'x' }).violations).toEqual([
      { field: 'variant', description: 'FOLLOW_UP_INFORMATION has no variant TRACKING_PIN' },
    ]);
    expect(checkMessageTemplateRequest({ purpose: 'ACKNOWLEDGEMENT', variant: 'STANDARD', channel: 'SMS', body: 'Halo {nama}' }).violations).toEqual([
      { field: 'body', description: 'names {nama}, which this message does not have' },
      { field: 'body', description: 'must name {nomor}' },
    ]);
  });
});
