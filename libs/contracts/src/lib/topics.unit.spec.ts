import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COMPLAINT_EVENTS_TOPIC,
  ContractViolation,
  DLQ_TOPIC_PREFIX,
  PLATFORM_CONSUMER_GROUPS,
  PLATFORM_GROUP_TOPICS,
  TOPIC_DEFINITIONS,
  dlqTopicDefinition,
  dlqTopicFor,
  redriveTopicDefinition,
  redriveTopicFor,
} from '../index';

// Read as plain data, the way deploy/local/topics.mjs reads it.
const file = JSON.parse(readFileSync(join(__dirname, 'topic-definitions.json'), 'utf8')) as {
  topics: { name: string; partitions: number; config: Record<string, string> }[];
  dlq: { namePrefix: string; partitions: number; config: Record<string, string> };
};

describe('topics', () => {
  it('the TypeScript constants agree with topic-definitions.json', () => {
    expect(TOPIC_DEFINITIONS).toEqual(file.topics);
    expect(file.topics.map((t) => t.name)).toEqual([COMPLAINT_EVENTS_TOPIC]);
    expect(file.dlq.namePrefix).toBe(DLQ_TOPIC_PREFIX);
    expect(dlqTopicDefinition('analysis')).toEqual({ name: `${file.dlq.namePrefix}analysis`, partitions: file.dlq.partitions, config: file.dlq.config });
  });

  it('the complaint stream has 6 partitions, deletes nothing by age or size, and is never compacted', () => {
    const [stream] = TOPIC_DEFINITIONS;
    expect(stream).toEqual({
      name: 'pengaduan.complaint-events.v1',
      partitions: 6,
      config: { 'retention.ms': '-1', 'retention.bytes': '-1', 'cleanup.policy': 'delete' },
    });
  });

  it('a consumer group’s DLQ is pengaduan.complaint-events.v1.dlq.<group>, one partition, kept forever', () => {
    expect(dlqTopicFor('disposition')).toBe('pengaduan.complaint-events.v1.dlq.disposition');
    expect(dlqTopicDefinition('gateway.projection')).toMatchObject({ name: 'pengaduan.complaint-events.v1.dlq.gateway.projection', partitions: 1, config: { 'retention.ms': '-1' } });
  });

  it('a consumer group’s re-drive topic is pengaduan.complaint-events.v1.redrive.<group>, made for every platform group with its DLQ (docs/adr/0043)', () => {
    expect(redriveTopicFor('notification')).toBe('pengaduan.complaint-events.v1.redrive.notification');
    expect(redriveTopicDefinition('intake')).toMatchObject({ name: 'pengaduan.complaint-events.v1.redrive.intake', partitions: 1, config: { 'retention.ms': '-1' } });
    expect(PLATFORM_GROUP_TOPICS.map((t) => t.name)).toEqual(PLATFORM_CONSUMER_GROUPS.flatMap((g) => [dlqTopicFor(g), redriveTopicFor(g)]));
  });

  it.each(['', 'has space', 'slash/group', 'ü', 'x'.repeat(220)])('refuses a consumer group that makes no legal topic name: %j', (group) => {
    expect(() => dlqTopicFor(group)).toThrow(ContractViolation);
    expect(() => redriveTopicFor(group)).toThrow(ContractViolation);
  });

  it('cannot be changed at run time', () => {
    expect(() => {
      (TOPIC_DEFINITIONS as unknown as { partitions: number }[])[0].partitions = 1;
    }).toThrow(TypeError);
  });
});
