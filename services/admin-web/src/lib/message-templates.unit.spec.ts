import { translateMsg } from '../i18n/translate';
import { draftIssues, messageTemplatePath, preview, templateKindKey } from './message-templates';

const SMS_ACK = { purpose: 'ACKNOWLEDGEMENT', variant: 'STANDARD', channel: 'SMS' };

describe('the message-text editor', () => {
  it('says what is wrong with a draft in the officer’s language, by the rules notification refuses by', () => {
    expect(draftIssues(SMS_ACK, 'Aduan Anda {nomor}.')).toEqual([]);
    expect(draftIssues(SMS_ACK, 'Yth. {nama}, terima kasih.').map((m) => translateMsg('id', m))).toEqual(['{nama} bukan penanda pesan ini.', 'Teks harus memuat {nomor}.']);
    expect(draftIssues(SMS_ACK, `{nomor} ${'x'.repeat(500)}`).map((m) => translateMsg('en', m))).toEqual(['Too long for SMS: 4 segments with the longest values, at most 3.']);
    expect(draftIssues({ ...SMS_ACK, channel: 'WHATSAPP' }, '{nomor} hubungi kami@kantor.go.id').map((m) => translateMsg('id', m))).toEqual(['Teks tidak boleh memuat alamat surel.']);
  });

  it('previews a draft with sample values, and counts an SMS in segments', () => {
    const sms = preview(SMS_ACK, 'Aduan Anda: {nomor}.');
    expect(sms.text).toBe('Aduan Anda: BLP-2026-000123.');
    expect(translateMsg('id', sms.length)).toBe('28 karakter GSM-7: 1 bagian SMS, paling banyak 3.');
    expect(preview(SMS_ACK, '“{nomor}”').ucs2).toBe(true);
    expect(translateMsg('en', preview({ channel: 'INSTAGRAM' }, '{nomor}').length)).toBe('15 characters, at most 1000.');
  });

  it('names the texts and their paths', () => {
    expect(templateKindKey({ purpose: 'ACKNOWLEDGEMENT', variant: 'TRACKING_PIN' })).toBe('templates.kind.ACKNOWLEDGEMENT.TRACKING_PIN');
    expect(templateKindKey({ purpose: 'FOLLOW_UP_INFORMATION', variant: 'TRACKING_PIN' })).toBeUndefined();
    expect(messageTemplatePath(SMS_ACK, true)).toBe('/api/v1/message-templates/ACKNOWLEDGEMENT/SMS/reset');
  });
});
