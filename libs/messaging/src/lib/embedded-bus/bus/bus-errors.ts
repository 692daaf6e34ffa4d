/**
 * An error shaped like kafkajs' KafkaJSProtocolError (`type`, `retriable`), so code written for
 * the broker's answers (e.g. "already exists") reads the bus's the same way.
 */
export class EmbeddedBusError extends Error {
  constructor(
    message: string,
    readonly type: string,
    readonly retriable = false,
  ) {
    super(message);
    this.name = 'KafkaJSProtocolError';
  }
}

export const unknownTopic = (topic: string) =>
  new EmbeddedBusError(`This server does not host this topic-partition (embedded bus: no topic ${topic})`, 'UNKNOWN_TOPIC_OR_PARTITION', true);
