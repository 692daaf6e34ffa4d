import type { OutboundChannel } from '@pengaduan/sop';
import type { ChannelAdapter, OutboundMessage, SendResult } from '../channel.port';

/**
 * An adapter that keeps what it is asked to send in memory and answers as told: a stand-in for
 * a provider adapter while none exists (no network is involved). It honours the idempotency
 * key the way a real adapter must: a second send with the same key answers the first acceptance.
 */
export class RecordingChannel implements ChannelAdapter {
  readonly sent: OutboundMessage[] = [];
  private readonly answered = new Map<string, SendResult>();

  constructor(
    readonly channels: readonly OutboundChannel[],
    /** How it answers the n-th send; a test may change it between steps. */
    public answer: (message: OutboundMessage, count: number) => SendResult = (_m, n) => ({
      kind: 'accepted',
      provider: 'recording',
      providerMessageId: `wamid.${n}`,
    }),
  ) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    const earlier = this.answered.get(message.idempotencyKey);
    if (earlier) return earlier;
    this.sent.push(message);
    const result = this.answer(message, this.sent.length);
    // A refusal is not remembered: the same message may be tried again and taken.
    if (result.kind === 'accepted') this.answered.set(message.idempotencyKey, result);
    return result;
  }
}

/** An adapter whose provider call blows up (a bug, a socket error). */
export class ThrowingChannel implements ChannelAdapter {
  constructor(readonly channels: readonly OutboundChannel[]) {}

  async send(): Promise<SendResult> {
    throw new Error('socket hang up');
  }
}
