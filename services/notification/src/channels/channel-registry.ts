import type { OutboundChannel } from '@pengaduan/sop';
import type { ChannelAdapter, OutboundMessage, SendResult } from './channel.port';
import { ManualChannel, OFFICER_ONLY_CHANNELS } from './manual-channel';

/**
 * Picks the adapter for a channel: the one configured for it, or the {@link ManualChannel}
 * (the officer tells the reporter). Phone and walk-in complaints always go to the officer.
 */
export class ChannelRegistry {
  private readonly byChannel = new Map<OutboundChannel, ChannelAdapter>();
  private readonly manual = new ManualChannel();

  constructor(adapters: readonly ChannelAdapter[] = []) {
    for (const adapter of adapters) {
      for (const channel of adapter.channels) {
        if (OFFICER_ONLY_CHANNELS.includes(channel)) {
          throw new Error(`channel ${channel} is answered by an officer; no adapter may claim it`);
        }
        if (this.byChannel.has(channel)) throw new Error(`two adapters claim channel ${channel}`);
        this.byChannel.set(channel, adapter);
      }
    }
  }

  /** The adapter that sends over `channel`. */
  adapterFor(channel: OutboundChannel): ChannelAdapter {
    return this.byChannel.get(channel) ?? this.manual;
  }

  /** Whether something other than an officer can reach the reporter over `channel`. */
  canSend(channel: OutboundChannel): boolean {
    return this.byChannel.has(channel);
  }

  /**
   * Sends through the channel's adapter. An adapter that throws instead of answering (a bug, a
   * socket error) is a retryable failure with a stable code, never an unhandled error.
   */
  async send(message: OutboundMessage): Promise<SendResult> {
    try {
      return await this.adapterFor(message.channel).send(message);
    } catch {
      return { kind: 'failed', errorCode: `${message.channel}.ADAPTER_ERROR`, retryable: true };
    }
  }
}
