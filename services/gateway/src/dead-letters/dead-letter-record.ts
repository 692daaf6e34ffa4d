import { PLATFORM_CONSUMER_GROUPS, dlqTopicDefinition, type TopicDefinition } from '@pengaduan/contracts';
import type { FollowedMessage, TopicFollowerOptions } from '@pengaduan/messaging';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/**
 * The Kafka group of the gateway's follower of the DLQs: its own (no group's offsets move), named
 * after the read model's, whose ACL prefix covers it.
 */
export const deadLetterFollowerGroup = (projectionGroup: string) => `${projectionGroup}.dead-letters`;

/** Longest reason kept: enough for a code, a message and the last error. */
export const MAX_REASON_LENGTH = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_TYPE = /^[a-z][a-z0-9.-]{0,99}$/;

/**
 * The consumer groups whose dead letters the gateway reads: the platform's (topic-definitions.json)
 * and its own read model's, whatever its name; only the latter when the read model follows a topic
 * of its own (a test's), beside which no platform group runs.
 */
export function deadLetterGroups(projectionGroup: string, ownTopic = false): string[] {
  return ownTopic ? [projectionGroup] : [...new Set([...PLATFORM_CONSUMER_GROUPS, projectionGroup])];
}

/**
 * A reason as an operator reads it: at most {@link MAX_REASON_LENGTH} characters, with anything
 * shaped like an e-mail address or a phone number masked. Events carry no personal data, but a
 * handler's error message might quote some (the second line of defence, as the logs' redaction).
 */
export function redactReason(reason: string): string {
  const masked = reason
    .replace(/[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[A-Za-z]{2,}/g, '[redacted]')
    .replace(/(?<![\w-])\+?\d[\d -]{7,}\d(?![\w-])/g, '[redacted]');
  return masked.length > MAX_REASON_LENGTH ? `${masked.slice(0, MAX_REASON_LENGTH - 1)}…` : masked;
}

function header(message: FollowedMessage, name: string): string | undefined {
  const value = message.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** The envelope's id, type and subject when they have the shape they must (a malformed event may lack them). */
function identity(value: Buffer | null): { eventId: string | null; eventType: string | null; complaintId: string | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value?.toString('utf8') ?? '');
  } catch {
    parsed = undefined;
  }
  const env = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const pick = (v: unknown, shape: RegExp) => (typeof v === 'string' && shape.test(v) ? v : null);
  return { eventId: pick(env['id'], UUID), eventType: pick(env['type'], EVENT_TYPE), complaintId: pick(env['subject'], UUID) };
}

/**
 * Records one DLQ message as a row (once: a redelivered message changes nothing). One whose
 * Kafka group is another deployment's (another KAFKA_GROUP_PREFIX on a shared broker) is not ours.
 */
async function recordDeadLetter(message: FollowedMessage, ds: DataSource, groupPrefix: string): Promise<void> {
  const group = header(message, 'dlq-consumer-group') ?? message.topic.slice(message.topic.lastIndexOf('.') + 1);
  const kafkaGroup = header(message, 'dlq-kafka-group');
  if (kafkaGroup !== undefined && kafkaGroup !== `${groupPrefix}${group}`) return;
  const { eventId, eventType, complaintId } = identity(message.value);
  const failedAt = new Date(header(message, 'dlq-failed-at') ?? '');
  const headers = Object.fromEntries(
    Object.entries(message.headers).flatMap(([name, v]) => (v === undefined ? [] : [[name, (Array.isArray(v) ? v[0] : v)?.toString() ?? '']])),
  );
  await ds.query(
    `INSERT INTO dead_letter (id, dlq_topic, dlq_partition, dlq_offset, consumer_group, event_id, event_type, complaint_id, reason, error_code, attempts, failed_at, message_key, message_value, message_headers)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (dlq_topic, dlq_partition, dlq_offset) DO NOTHING`,
    [
      uuidv7(),
      message.topic,
      message.partition,
      message.offset,
      group,
      eventId,
      eventType,
      complaintId,
      redactReason(header(message, 'dlq-reason') ?? ''),
      header(message, 'dlq-error-code') ?? 'EVENT.UNKNOWN',
      Number.parseInt(header(message, 'dlq-attempts') ?? '0', 10) || 0,
      Number.isNaN(failedAt.getTime()) ? new Date() : failedAt,
      message.key,
      message.value,
      JSON.stringify(headers),
    ],
  );
}

/** The follower the gateway's runtime runs: the DLQ of each of `groups` into `dead_letter`. */
export function deadLetterFollower(projectionGroup: string, groups: readonly string[]): TopicFollowerOptions {
  const topics: TopicDefinition[] = groups.map((g) => dlqTopicDefinition(g));
  return { groupId: deadLetterFollowerGroup(projectionGroup), topics, onMessage: recordDeadLetter };
}
