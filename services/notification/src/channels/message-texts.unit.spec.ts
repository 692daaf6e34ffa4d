import type { OutboundProvider, ProviderSendRequest } from '@pengaduan/channels';
import { checkMessageTemplate, MESSAGE_CHANNELS, MESSAGE_TEMPLATE_KINDS } from '@pengaduan/sop';
import type { OutboundMessage, ReporterAddress, ReporterDirectory } from './channel.port';
import { acknowledgementMessage, builtInBody, composeMessage, dismissalReasonText } from './message-texts';
import { ProviderChannelAdapter } from './provider-channel.adapter';

const NUMBER = 'BLP-2026-000123';

describe('the acknowledgement the reporter reads', () => {
  it('gives the tracking number to keep, and no PIN to a reporter who can prove it with their phone or e-mail', () => {
    expect(acknowledgementMessage(NUMBER)).toEqual({
      text:
        'Terima kasih, pengaduan Anda telah kami terima dengan nomor BLP-2026-000123. Simpan nomor ini untuk menanyakan perkembangan pengaduan Anda. ' +
        'Kami akan menyampaikan tindak lanjutnya melalui saluran ini.',
      template: { id: 'pengaduan_diterima', language: 'id', parameters: [NUMBER] },
    });
  });

  it('tells a reporter who gave only a handle their tracking PIN, where to use it, and to keep it to themselves', () => {
    const { text, template } = acknowledgementMessage(NUMBER, '04715932');
    expect(text).toContain('nomor BLP-2026-000123');
    expect(text).toContain('PIN pelacakan Anda: 04715932.');
    expect(text).toContain('halaman Lacak Aduan');
    expect(text).toContain('jangan berikan PIN ini kepada siapa pun');
    expect(template).toEqual({ id: 'pengaduan_diterima_pin', language: 'id', parameters: [NUMBER, '04715932'] });
  });
});

describe('the built-in texts and an office’s own (docs/adr/0050)', () => {
  it('are placeholder texts that pass the check an office’s text must pass, on every channel', () => {
    for (const kind of MESSAGE_TEMPLATE_KINDS) {
      for (const channel of MESSAGE_CHANNELS) expect({ kind, channel, issues: checkMessageTemplate(kind, channel, builtInBody(kind)) }).toEqual({ kind, channel, issues: [] });
    }
  });

  it('renders the office’s text instead, and keeps the approved WhatsApp template and its parameters', () => {
    const office = 'Aduan Anda tercatat dengan nomor {nomor}. Terima kasih.';
    expect(acknowledgementMessage(NUMBER, undefined, office)).toEqual({
      text: 'Aduan Anda tercatat dengan nomor BLP-2026-000123. Terima kasih.',
      template: { id: 'pengaduan_diterima', language: 'id', parameters: [NUMBER] },
    });
    const followUp = composeMessage({ purpose: 'DISMISSAL_NOTICE', variant: 'STANDARD' }, { nomor: NUMBER, informasi: 'Pesan Anda bukan aduan.', alasan: dismissalReasonText('NOT_A_COMPLAINT') }, '{nomor} ({alasan}): {informasi}');
    expect(followUp).toEqual({
      text: 'BLP-2026-000123 (Bukan aduan): Pesan Anda bukan aduan.',
      template: { id: 'pengaduan_tindak_lanjut', language: 'id', parameters: [NUMBER, 'Pesan Anda bukan aduan.'] },
    });
  });

  it('has no text for a variant the purpose does not have', () => {
    expect(() => builtInBody({ purpose: 'FOLLOW_UP_INFORMATION', variant: 'TRACKING_PIN' })).toThrow('no message FOLLOW_UP_INFORMATION in variant TRACKING_PIN');
  });
});

describe('an acknowledgement sent over a provider', () => {
  function telegram(): OutboundProvider & { sent: ProviderSendRequest[] } {
    const sent: ProviderSendRequest[] = [];
    return {
      sent,
      id: 'telegram',
      channel: 'TELEGRAM',
      supportsTemplates: false,
      accountFor: () => 'bot',
      send: (request) => {
        sent.push(request);
        return Promise.resolve({ kind: 'accepted', providerMessageId: `77:${sent.length}` });
      },
    };
  }
  const directory = (address: Omit<ReporterAddress, 'channel'>): ReporterDirectory => ({ resolve: (_c, _r, channel) => Promise.resolve({ channel, ...address }) });
  const acknowledgement: OutboundMessage = {
    complaintId: '0190f0a0-0000-7000-8000-000000000001',
    officeCode: 'BLP',
    trackingNumber: NUMBER,
    channel: 'TELEGRAM',
    reporterRef: 'rep_0123456789abcdef01234567',
    purpose: 'ACKNOWLEDGEMENT',
    ...acknowledgementMessage(NUMBER),
    withTrackingPin: (pin) => acknowledgementMessage(NUMBER, pin),
    idempotencyKey: 'acknowledgement:0190f0a0-0000-7000-8000-000000000001:TELEGRAM',
  };
  const now = () => new Date('2026-12-07T03:00:00Z');

  it('carries the PIN intake issued with the address', async () => {
    const provider = telegram();
    await new ProviderChannelAdapter(provider, directory({ recipient: '77', trackingPin: '04715932' }), now).send(acknowledgement);
    expect(provider.sent).toEqual([expect.objectContaining({ recipient: '77', text: acknowledgementMessage(NUMBER, '04715932').text })]);
  });

  it('carries the PIN in the office’s own text of the PIN variant', async () => {
    const provider = telegram();
    const own = { ...acknowledgement, withTrackingPin: (pin: string) => acknowledgementMessage(NUMBER, pin, 'Nomor {nomor}, PIN {pin}.') };
    await new ProviderChannelAdapter(provider, directory({ recipient: '77', trackingPin: '04715932' }), now).send(own);
    expect(provider.sent).toEqual([expect.objectContaining({ text: 'Nomor BLP-2026-000123, PIN 04715932.' })]);
  });

  it('is sent as it is when intake issued no PIN', async () => {
    const provider = telegram();
    await new ProviderChannelAdapter(provider, directory({ recipient: '77' }), now).send(acknowledgement);
    expect(provider.sent).toEqual([expect.objectContaining({ text: acknowledgementMessage(NUMBER).text })]);
    expect(provider.sent[0]?.text).not.toContain('PIN');
  });
});
