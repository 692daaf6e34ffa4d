import type { OutboundChannel } from '@pengaduan/sop';
import { OUTBOUND_CHANNELS } from '@pengaduan/sop';
import type { ChannelAdapter, OutboundMessage, SendNotAvailable } from './channel.port';

/**
 * Channels only an officer can answer over: a phone call, telling the reporter in person, and a
 * posting on SP4N-LAPOR!, which has no API (docs/adr/0055): nothing is ever sent for a complaint
 * that came in over one of them, neither its acknowledgement nor any fallback.
 */
export const OFFICER_ONLY_CHANNELS: readonly OutboundChannel[] = ['PHONE', 'WALK_IN', 'LAPOR'];

/**
 * The channel of last resort: sends nothing and answers `not-available`, so the officer tells
 * the reporter by phone or in person and confirms the delivery. It answers for phone and
 * walk-in complaints for good, and for every provider channel until its adapter exists.
 */
export class ManualChannel implements ChannelAdapter {
  readonly channels: readonly OutboundChannel[] = OUTBOUND_CHANNELS;

  async send(message: OutboundMessage): Promise<SendNotAvailable> {
    return { kind: 'not-available', reason: OFFICER_ONLY_CHANNELS.includes(message.channel) ? 'OFFICER_ONLY' : 'NO_ADAPTER' };
  }
}
