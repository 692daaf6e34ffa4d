import type { OutboundChannel } from '@pengaduan/sop';
import { OUTBOUND_CHANNELS } from '@pengaduan/sop';
import { RecordingChannel, ThrowingChannel } from './__fixtures__/recording-channel';
import type { OutboundMessage } from './channel.port';
import { ChannelRegistry } from './channel-registry';
import { ManualChannel } from './manual-channel';
import { acknowledgementMessage } from './message-texts';

function message(channel: OutboundChannel): OutboundMessage {
  return {
    complaintId: '0190f0a0-0000-7000-8000-000000000001',
    officeCode: 'BLP',
    trackingNumber: 'BLP-2026-000001',
    channel,
    reporterRef: 'rep_0123456789abcdef01234567',
    purpose: 'ACKNOWLEDGEMENT',
    ...acknowledgementMessage('BLP-2026-000001'),
    idempotencyKey: 'acknowledgement:0190f0a0-0000-7000-8000-000000000001',
  };
}

describe('the channel registry', () => {
  it('with only the manual channel, answers not-available for every channel: the officer tells the reporter', async () => {
    const registry = new ChannelRegistry();
    for (const channel of OUTBOUND_CHANNELS) {
      expect(registry.adapterFor(channel)).toBeInstanceOf(ManualChannel);
      expect(registry.canSend(channel)).toBe(false);
      const expected = channel === 'PHONE' || channel === 'WALK_IN' || channel === 'LAPOR' ? 'OFFICER_ONLY' : 'NO_ADAPTER';
      await expect(registry.send(message(channel))).resolves.toEqual({ kind: 'not-available', reason: expected });
    }
  });

  it('routes a channel to the adapter that claims it and the others to the manual channel', async () => {
    const whatsapp = new RecordingChannel(['WHATSAPP']);
    const registry = new ChannelRegistry([whatsapp]);

    expect(registry.adapterFor('WHATSAPP')).toBe(whatsapp);
    expect(registry.canSend('WHATSAPP')).toBe(true);
    expect(registry.adapterFor('SMS')).toBeInstanceOf(ManualChannel);
    await expect(registry.send(message('WHATSAPP'))).resolves.toEqual({ kind: 'accepted', provider: 'recording', providerMessageId: 'wamid.1' });
    await expect(registry.send(message('SMS'))).resolves.toEqual({ kind: 'not-available', reason: 'NO_ADAPTER' });
    expect(whatsapp.sent.map((m) => m.channel)).toEqual(['WHATSAPP']);
  });

  it('refuses two adapters for one channel', () => {
    expect(() => new ChannelRegistry([new RecordingChannel(['SMS', 'WHATSAPP']), new RecordingChannel(['WHATSAPP'])])).toThrow(
      'two adapters claim channel WHATSAPP',
    );
  });

  it('keeps phone and walk-in complaints with the officer', () => {
    expect(() => new ChannelRegistry([new RecordingChannel(['SMS', 'PHONE'])])).toThrow('channel PHONE is answered by an officer');
    expect(() => new ChannelRegistry([new RecordingChannel(['WALK_IN'])])).toThrow('channel WALK_IN is answered by an officer');
  });

  it('turns an adapter that throws into a retryable failure with a stable code', async () => {
    const registry = new ChannelRegistry([new ThrowingChannel(['TELEGRAM'])]);
    await expect(registry.send(message('TELEGRAM'))).resolves.toEqual({ kind: 'failed', errorCode: 'TELEGRAM.ADAPTER_ERROR', retryable: true });
  });

  it('passes a provider’s refusal through as it came', async () => {
    const registry = new ChannelRegistry([new RecordingChannel(['WHATSAPP'], () => ({ kind: 'failed', errorCode: 'WHATSAPP.131026', retryable: false }))]);
    await expect(registry.send(message('WHATSAPP'))).resolves.toEqual({ kind: 'failed', errorCode: 'WHATSAPP.131026', retryable: false });
  });
});
